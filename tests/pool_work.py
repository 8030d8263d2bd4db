"""The work of test_api's spawned pool, in a module of its own: a spawned process imports the
module its function lives in, and this one needs only the API (not pytest and the fixtures)."""

from __future__ import annotations

from disclosure_cli import check, parse


def work(path: str) -> tuple[str, int, list[str]]:
    report = parse(path)
    return report.agency, report.values["t3.new_received.total"].value or 0, [f.rule for f in check(report)]
