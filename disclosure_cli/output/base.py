"""The formatter interface and the record every machine format is built from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from ..model import FileResult, Finding, Report
from ..templates import labels


class Formatter:
    """Writes results to `stream` (text, or bytes for a format registered as binary).
    `color`: None detects a terminal; True/False force the human view's terminal rendering."""

    def __init__(
        self,
        stream: IO,
        *,
        mode: str = "check",
        bom: bool = False,
        color: bool | None = None,
        fail_on: str = "error",
        rules: tuple[str, ...] = (),
        show_source: bool | None = None,
        statistics: bool = False,
        quiet: bool = False,
    ) -> None:
        self.stream = stream
        self.mode = mode
        self.bom = bom
        self.color = color
        self.fail_on = fail_on
        self.rules = rules
        # The human view's options (text format): source rows under findings (None: on a
        # terminal, for a few findings), counts per rule instead of findings, summary only.
        self.show_source = show_source
        self.statistics = statistics
        self.quiet = quiet

    def begin(self) -> None:
        pass

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def pair(self, result) -> None:
        pass

    def end(self, summary) -> None:
        pass


def report_record(report: Report) -> dict:
    """A report's metadata, values and per-value provenance (the schema's `file` object)."""
    return {
        "form": report.form,
        "template": report.template,
        "year": report.year,
        "agency": report.agency,
        "title": report.title,
        "hybrid": report.hybrid,
        "published": report.published,
        "published_source": report.published_source,
        **({"source": report.source} if report.source else {}),
        "tables": {
            t: {"found": i.found, "location": i.loc.to_dict() if i.loc else None, "problem": i.problem}
            for t, i in report.tables.items()
        },
        "values": {k: v.value for k, v in report.values.items()},
        "cells": {k: v.to_dict() for k, v in report.values.items()},
    }


def file_record(result: FileResult, mode: str) -> dict:
    if result.error or result.report is None:
        return {"path": result.path, "status": "unreadable", "error": result.error}
    record = {"path": result.path, "status": "ok", **report_record(result.report)}
    if mode == "check":
        record["findings"] = [f.to_dict() for f in result.findings]
        record["summary"] = result.counts()
    return record


def numbers(report: Report | None, findings: list[Finding]) -> Iterator[object]:
    """Every number a file's or pair's record may hold as a float (the values, what findings
    expected and found): encode.dumps prints them as json would."""
    if report is not None:
        for v in report.values.values():
            yield v.value
    for f in findings:
        yield f.expected
        yield f.actual
        for c in f.cells:
            yield c.expected
            yield c.actual


def byte_stream(stream: IO) -> IO[bytes]:
    """The bytes under a text stream (stdout, an output file), for formatters that encode
    UTF-8 themselves; the stream itself when it already takes bytes."""
    return getattr(stream, "buffer", stream)


def pair_record(pair) -> dict:
    return {
        "path": pair.path,
        "previous": pair.previous,
        "agency": pair.agency,
        "year": pair.year,
        "findings": [f.to_dict() for f in pair.findings],
    }


def long_rows(result: FileResult):
    """(key, table, row label, column label, value, unit, status, raw, location) per key."""
    report = result.report
    if report is None:
        return
    official = labels(report.template) if report.template else {}
    for key, v in report.values.items():
        row, col = official.get(key, ("", ""))
        yield (
            key,
            key.split(".", 1)[0],
            v.row_label or row,
            v.col_label or col,
            v.value,
            v.unit or "",
            v.status,
            v.raw if v.raw is not None else "",
            str(v.loc) if v.loc else "",
        )
