"""Property tests: damaged variants of valid reports, in every form the tests can render, never
give a wrong value. A value read is the number the damaged report states at that key; a cell
the damage made unreadable is null, and every null that is not a blank has a finding.

Each (damage, form) pair runs SEEDS generated reports: 2 in the quick suite, more under a
bigger HYPOTHESIS_PROFILE (conftest.py), or DAMAGE_SEEDS=N; `stats` counts the examples that
had values to compare."""

from __future__ import annotations

import os
import random
from collections import Counter

import pytest

from disclosure_cli.api import check, parse_all

from .conftest import examples
from .damage import DAMAGES, FORMS, Sample, damage, valid_report

SEEDS = int(os.environ.get("DAMAGE_SEEDS", examples(2)))
stats: Counter = Counter()


def _seeds(form: str) -> range:
    return range(max(1, SEEDS // 4) if form == "docx" else SEEDS)  # python-docx is slow to write


def _sample(kind: str, seed: int) -> Sample:
    rng = random.Random(f"{kind}-{seed}")
    template = rng.choice(("2019", "2021"))
    base = valid_report(rng, template)
    other = valid_report(rng, rng.choice(("2019", "2021")), body="另一局") if kind == "glue" else None
    return damage(rng, base, kind, other)


def _check_values(sample: Sample, report, findings: list, truth: dict, where: str) -> int:
    """Compare every value read with the truth; returns how many numbers were compared."""
    compared = 0
    named = {k for f in findings if f.severity == "error" for k in f.keys}
    failed_tables = {f.table for f in findings if f.severity == "error" and not f.keys}
    for key, v in report.values.items():
        if v.status == "ok":
            assert key in truth, f"{where}: {key} = {v.value!r} ({v.raw!r} at {v.loc}) where the report states no number"
            assert v.value == truth[key], f"{where}: {key} = {v.value!r} ({v.raw!r} at {v.loc}), the report states {truth[key]!r}"
            compared += 1
        elif v.status == "blank":
            assert truth.get(key) is None, f"{where}: {key} blank ({v.raw!r} at {v.loc}), the report states {truth[key]!r}"
        elif v.status in ("unreadable", "missing"):
            assert key in named or key.split(".", 1)[0] in failed_tables, f"{where}: {key} is null without a finding"
    return compared


def _check_damage(sample: Sample, report, findings: list, form: str, where: str) -> None:
    """What each damage must be reported as, besides the values."""
    messages = [f.message for f in findings if f.table == sample.table]
    if sample.target:  # a malformed number or text in a value cell: that cell, and only it
        key, text = sample.target
        v = report.values[key]
        # pasted one cell per line, the row may already be uncertain as a whole (raw None)
        raws = (text, None) if form == "cell" else (text,)
        assert v.status == "unreadable" and v.raw in raws, f"{where}: {key} {v.status} {v.raw!r}"
        assert any(f.rule == "S-CELL" and key in f.keys for f in findings), f"{where}: no S-CELL names {key}"
        row = key.rsplit(".", 1)[0]
        if form != "cell":
            others = [v for k, v in report.values.items() if k.startswith(row + ".") and k != key]
            assert all(v.status != "unreadable" for v in others), f"{where}: the rest of {row} unreadable"
    elif sample.damage == "swap_columns":
        assert any("列顺序与格式不同" in m for m in messages), f"{where}: no warning names the column order"
    elif sample.damage == "t4_header" and "两组互换" in sample.note:  # a header that contradicts itself
        t4 = [v for k, v in report.values.items() if k.startswith("t4.")]
        assert all(v.value is None for v in t4), f"{where}: a value read under a contradictory header"
        assert any(f.rule == "S-CELL" and f.severity == "error" and "表头" in f.message for f in findings), \
            f"{where}: no error names the header"
    elif sample.damage == "table_twice":
        assert any(f.rule == "S-TABLE" and "出现两次" in f.message for f in findings), f"{where}: no S-TABLE"
    elif sample.damage == "fuse" and sample.table:
        assert any("边界丢失" in m for m in messages), f"{where}: fused row not reported"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", DAMAGES)
def test_damaged_reports_never_give_a_wrong_value(kind, form):
    for seed in _seeds(form):
        sample = _sample(kind, seed)
        data, name = sample.render(form)
        reports = parse_all(data, name=name)
        where = f"{kind}/{form}/seed {seed} ({sample.note})"
        assert len(reports) == len(sample.truths), f"{where}: {len(reports)} reports"
        assert [r.path for r in reports] == [name] + [f"{name}#{n}" for n in range(2, len(reports) + 1)]
        compared = 0
        findings = [check(report) for report in reports]
        for report, found, truth in zip(reports, findings, sample.truths, strict=True):
            compared += _check_values(sample, report, found, truth, where)
        _check_damage(sample, reports[0], findings[0], form, where)
        stats[kind, form, "examples"] += 1
        stats[kind, form, "exercised"] += compared > 0
        stats[kind, form, "values"] += compared
    assert stats[kind, form, "exercised"] > 0


def test_summary():
    """Runs last: how many examples compared values (shown with `-s -n 0`: under xdist the
    examples run in several workers and this one sees only its own)."""
    if not stats:
        pytest.skip("no property test ran")
    examples = sum(v for (_, _, k), v in stats.items() if k == "examples")
    exercised = sum(v for (_, _, k), v in stats.items() if k == "exercised")
    values = sum(v for (_, _, k), v in stats.items() if k == "values")
    print(f"\ndamaged reports: {examples} examples, {exercised} compared values ({values} values compared)")
    for kind in DAMAGES:
        row = {f: (stats[kind, f, "exercised"], stats[kind, f, "examples"]) for f in FORMS}
        print(f"  {kind:13} " + " ".join(f"{f}:{a}/{b}" for f, (a, b) in row.items()))
