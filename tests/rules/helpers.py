"""Build reports for rule tests by changing cells of the clean sample."""

from __future__ import annotations

import pickle

from disclosure_cli import parse
from disclosure_cli.rules import RULES, apply

from ..conftest import CLEAN

_CLEAN = pickle.dumps(parse(CLEAN), protocol=pickle.HIGHEST_PROTOCOL)


def clean():
    """A fresh copy of the clean report, to change at will (unpickling is ten times cheaper
    than copy.deepcopy)."""
    return pickle.loads(_CLEAN)


def with_values(**changes):
    """The clean report with some cells changed: with_values(**{"t3.granted.total": 12})."""
    report = clean()
    for key, value in changes.items():
        v = report.values[key]
        if value is None:
            v.value, v.status = None, "blank"
        else:
            v.value, v.status = value, "ok"
    return report


def findings(rule_id: str, report, previous=None):
    return apply(RULES[rule_id], report, previous)
