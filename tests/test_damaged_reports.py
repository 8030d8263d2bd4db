"""Property tests: damaged variants of valid reports, in every form the tests can render, never
give a wrong value. A value read is the number the damaged report states at that key; a cell
the damage made unreadable is null, and every null that is not a blank has a finding.

Each (damage, form) pair runs SEEDS generated reports (DAMAGE_SEEDS in the environment raises
it for a long run); `stats` counts the examples that had values to compare."""

from __future__ import annotations

import os
import random
from collections import Counter

import pytest

from disclosure_cli.api import check, parse_all

from .damage import DAMAGES, FORMS, Sample, damage, valid_report

SEEDS = int(os.environ.get("DAMAGE_SEEDS", "8"))
stats: Counter = Counter()


def _seeds(form: str) -> range:
    return range(max(1, SEEDS // 4) if form == "docx" else SEEDS)  # python-docx is slow to write


def _sample(kind: str, seed: int) -> Sample:
    rng = random.Random(f"{kind}-{seed}")
    template = rng.choice(("2019", "2021"))
    base = valid_report(rng, template)
    other = valid_report(rng, rng.choice(("2019", "2021")), body="另一局") if kind == "glue" else None
    return damage(rng, base, kind, other)


def _check_values(sample: Sample, report, truth: dict, where: str) -> int:
    """Compare every value read with the truth; returns how many numbers were compared."""
    compared = 0
    findings = check(report)
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


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", DAMAGES)
def test_damaged_reports_never_give_a_wrong_value(kind, form):
    for seed in _seeds(form):
        sample = _sample(kind, seed)
        data, name = sample.render(form)
        reports = parse_all(data, name=name)
        where = f"{kind}/{form}/seed {seed} ({sample.note})"
        assert len(reports) == len(sample.truths), f"{where}: {len(reports)} reports"
        compared = 0
        for report, truth in zip(reports, sample.truths, strict=True):
            compared += _check_values(sample, report, truth, where)
        stats[kind, form, "examples"] += 1
        stats[kind, form, "exercised"] += compared > 0
        stats[kind, form, "values"] += compared
    assert stats[kind, form, "exercised"] > 0
