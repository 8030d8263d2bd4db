"""The rule engine: an explicit registry of rule modules, each with its ID, default severity,
one-line summary, docstring (its documentation) and `check`.

Report rules take one report; pair rules (X-*) take this year's report and last year's.
`run()` runs every selected rule, merges the findings that share one cause (_group.py: a
blank 总计 column is one finding, not one per row) and returns them in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from types import ModuleType

from ..model import SEVERITY_RANK, Finding, Report
from . import (
    _group,
    n_app,
    n_out,
    n_s5,
    n_stale,
    n_sum,
    n_t2,
    n_t4,
    n_year,
    n_zero,
    p_deadline,
    s_blank,
    s_cell,
    s_circular,
    s_label,
    s_ocr,
    s_section,
    s_section1,
    s_table,
    s_template,
    t2_a_plaus,
    t2_fee_unit,
    t2_nonneg,
    t2_rulemaker,
    t3_bal,
    t3_fee,
    t3_nonneg,
    t3_out,
    t3_row,
    t4_nonneg,
    t4_sum,
    w_tls,
    x_carry,
    x_items,
    x_jump,
    x_repeal,
    x_reuse,
    x_same,
    x_valid,
)

_MODULES: tuple[ModuleType, ...] = (
    t3_bal,
    t3_out,
    t3_row,
    t3_nonneg,
    t4_sum,
    t4_nonneg,
    t2_nonneg,
    s_template,
    s_table,
    s_cell,
    s_ocr,
    s_blank,
    s_section,
    s_label,
    s_circular,
    s_section1,
    n_app,
    n_zero,
    n_out,
    n_t4,
    n_t2,
    n_sum,
    n_year,
    n_stale,
    n_s5,
    t3_fee,
    t2_a_plaus,
    t2_rulemaker,
    t2_fee_unit,
    p_deadline,
    x_carry,
    x_valid,
    x_items,
    x_repeal,
    x_same,
    x_jump,
    x_reuse,
    w_tls,
)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    summary: str
    doc: str
    check: Callable[..., Iterable[Finding]]
    pair: bool = False
    reads: tuple[str, ...] = ()  # pair rules: the keys they compare (kept for the pairing)
    options: dict = field(default_factory=dict)  # settings and their defaults (X-REUSE threshold)
    # pair rules: what else they read of a report, as functions that derive it (kept for the pairing)
    keeps: tuple[Callable[[Report], object], ...] = ()


def _rule(module: ModuleType) -> Rule:
    pair = getattr(module, "PAIR", False)
    return Rule(
        id=module.ID,
        severity=module.SEVERITY,
        summary=module.SUMMARY,
        doc=(module.__doc__ or "").strip(),
        check=module.check,
        pair=pair,
        reads=tuple(module.READS) if pair else (),  # a pair rule must declare READS
        options=dict(getattr(module, "OPTIONS", {})),
        keeps=tuple(getattr(module, "KEEPS", ())),
    )


RULES: dict[str, Rule] = {m.ID: _rule(m) for m in _MODULES}
# What a batch keeps of every report to pair them at the end: the keys the pair rules read.
PAIR_KEYS = frozenset(k for r in RULES.values() for k in r.reads)

_TABLE_ORDER = {"t2": 0, "t3": 1, "t4": 2, None: 3}


def sort_key(f: Finding) -> tuple:
    """Findings in table order, then by severity, source position and rule."""
    loc = f.locations[0] if f.locations else None
    pos = (loc.page or 0, loc.table or 0, loc.line or 0, loc.row or 0, loc.col or 0, loc.column or 0) if loc else ()
    return (_TABLE_ORDER.get(f.table, 3), -SEVERITY_RANK.get(f.severity, 0), pos, f.rule, f.keys, f.message)


def apply(
    rule: Rule,
    report: Report,
    previous: Report | None = None,
    severities: dict[str, str] | None = None,
    options: dict | None = None,
) -> list[Finding]:
    """One rule's findings, stamped with the rule, the file and the configured severity (an
    override wins; else the rule's own choice or its default); `options` are its settings."""
    override = (severities or {}).get(rule.id)
    options = options or {}
    found = rule.check(report, previous, **options) if rule.pair else rule.check(report, **options)
    return [replace(f, rule=rule.id, path=report.path, severity=override or f.severity or rule.severity) for f in found]


def run(
    report: Report,
    selected: Iterable[Rule] | None = None,
    severities: dict[str, str] | None = None,
    previous: Report | None = None,
    options: dict[str, dict] | None = None,
) -> list[Finding]:
    """Every finding of the selected rules on one report (and its predecessor, for X-*);
    `options` holds rule settings by rule ID (`{"X-REUSE": {"threshold": 0.4}}`)."""
    severities = severities or {}
    options = options or {}
    out: list[Finding] = []
    for rule in selected if selected is not None else RULES.values():
        if not rule.pair or previous is not None:
            out.extend(apply(rule, report, previous, severities, options.get(rule.id)))
    return sorted(_group.by_cause(out, report), key=sort_key)
