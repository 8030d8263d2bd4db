"""What the cross-year rules share: comparing a cell with last year's."""

from __future__ import annotations

import hashlib
import re

from ..model import READABLE, Finding, Report, Value
from ..templates import keys
from ._common import finding, fmt
from ._prose import section_sentences


def has_keys(report: Report, wanted: tuple[str, ...]) -> bool:
    """Whether the report's template has every key a rule reads (a rule on one template's
    rows applies to every template that has them)."""
    return report.template is not None and set(wanted) <= set(keys(report.template))


def readable(*values: Value | None) -> bool:
    return all(v is not None and v.status in READABLE for v in values) and not all(
        v.status == "blank" for v in values  # type: ignore[union-attr]
    )


def n(v: Value) -> int | float:
    return v.value or 0


def mismatch(previous: Report, message: str, expected, actual, values: list[Value]) -> Finding:
    """A cross-year finding on this year's cell (values[0]); last year's cells are named by key
    only, since their locations are in the other file."""
    return finding(
        f"{message}：按{previous.year}年度报告应为 {fmt(expected)}，实为 {fmt(actual)}（上年报告：{previous.path}）",
        [values[0]], keys=tuple(v.key for v in values), expected=expected, actual=actual,
    )


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# A sub-heading standing as its own sentence: （三）政府信息管理情况。
_SUBHEADING = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、是]|\d+[.、．])[^，,；;]{0,20}$")
_MIN_CHARS = 16


def narrative(report: Report) -> list[tuple[str, str]]:
    """The narrative sentences of sections 一 and 五 as (masked, original): numbers masked,
    sub-headings and fragments (< 16 characters) left out. Kept in `derived` so a batch
    can pair reports after their prose is dropped (batch.compact)."""
    if "narrative" not in report.derived:  # the key is the function's name (batch.compact)
        out = []
        for number in (1, 5):
            for sent in section_sentences(report, number):
                if len(sent.text) >= _MIN_CHARS and not _SUBHEADING.match(sent.text):
                    out.append((_DIGITS.sub("#", sent.text), sent.text))
        report.derived["narrative"] = out
    return report.derived["narrative"]


def value_digest(report: Report) -> tuple[str, int, bool]:
    """A fingerprint of every readable table value, how many there are, and whether all are 0
    (X-SAME), kept in `derived` like the narrative."""
    if "value_digest" not in report.derived:
        readable = sorted((k, v.value or 0) for k, v in report.values.items() if v.status in ("ok", "blank"))
        digest = hashlib.sha256(repr((report.template, readable)).encode()).hexdigest()
        report.derived["value_digest"] = (digest, len(readable), all(value == 0 for _, value in readable))
    return report.derived["value_digest"]
