"""Counts stated in the prose, for the rules that compare prose with tables (N-*).

Precision over recall: a statement is read only when its phrase pins down what is counted
and the number is a plain count of 件 (or 条) right there — no percentages, ranges, years or
numbers whose subject is unclear. A statement the reader is unsure of is left out rather than
reported as a contradiction, since a false alarm in front of a supervisor discredits the tool.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from .model import Cell, Location
from .normalize import chinese_number

# Digits as normalize's number grammar has them: plain, or grouped in threes (`1,234`,
# `1，234`; a thin or no-break space between groups is made `,` by `sentences`). A digit run
# next to a separator that is not well-formed grouping (`1,2345`, `2 0`) is no count at all:
# neither `2345` nor `12345`.
DIGITS = r"(?:[1-9][0-9]{0,2}(?:[,，][0-9]{3})+|[0-9]+)"
_BEFORE = r"(?<![\d.\-~～至到,， ])"
_AFTER = r"(?![\d.%％]|[,， ]\d)"
NUM = rf"{_BEFORE}(?P<n>{DIGITS}|[零〇一二两三四五六七八九十百千]+){_AFTER}"
_GAP = r"[^。；;，,（(）)]{0,12}?"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Statement:
    """`subject` is a name from PATTERNS; `value` the count; `sentence` quotes the source."""

    subject: str
    value: int
    sentence: Sentence
    span: tuple[int, int]


_CLOSING = "。；;！!？?"
_CLOSE = re.compile(f"[{_CLOSING}]")


def sentences(prose: list[Cell], form: str) -> list[Sentence]:
    """Sentences of the prose with the location of the line each begins on. PDF lines wrap
    mid-sentence, so lines are joined before splitting."""
    out: list[Sentence] = []
    buf = ""  # the sentence begun so far: it holds no closing punctuation
    loc: Location | None = None
    for cell in prose:
        text = _spaces(cell.text)
        if not text:
            continue
        if loc is None:
            loc = cell.loc
        begun = len(buf)
        buf += text
        # A short line without closing punctuation is a heading; a long one wrapped (PDF,
        # converter output) and continues on the next line.
        if form not in ("pdf", "image") and len(text) < 20 and buf[-1] not in _CLOSING:
            buf += "。"
        # Only the new text is searched, and cut once: thousands of wrapped lines or sentences
        # on one line stay linear.
        cut = 0
        for m in _CLOSE.finditer(buf, begun):
            piece = buf[cut : m.end()]
            if len(piece) > 1:
                out.append(Sentence(piece, loc))
            cut = m.end()
            loc = cell.loc
        buf = buf[cut:]
        if not buf:
            loc = None
    if buf:
        out.append(Sentence(buf, loc or Location()))
    return out


_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u2009\u202f](?=\d)")
_DIGIT_SPACE = re.compile(r"(?<=\d)\s+(?=\d)")
_SPACE = re.compile(r"\s+")


def _spaces(text: str) -> str:
    """White space dropped (a wrapped line, padding) except between two digits, where it never
    joins them: a thin or no-break space groups digits (`,`), any other stays one space."""
    parts = _DIGIT_SPACE.split(_GROUP_SPACE.sub(",", text))
    return " ".join(_SPACE.sub("", p) for p in parts)


# (subject, pattern). Earlier patterns win where spans overlap ("予以公开及部分公开258件"
# is one statement about two rows, not a statement about 部分公开).
PATTERNS: list[tuple[str, str]] = [
    ("granted+partial", rf"予以公开(?:及|和|、)部分公开(?:答复)?{NUM}件"),
    ("none_received", r"(?:未|没有)(?:收到|接到|受理)(?:过)?(?:任何)?(?:政府信息)?(?:公开)?(?:依申请公开|申请)"),
    ("new_received", rf"(?:本年度?|全年)?新收(?:到)?{_GAP}{NUM}件"),
    ("none_t4", r"(?:未|没有|无)(?:发生|出现|收到|接到|产生)?[^。；;，,]{0,24}?(?:行政复议|行政诉讼)"
                r"(?:(?:和|及|、|或|与|或者)(?:被|提起|引起|引发)?(?:行政)?(?:复议|诉讼))?(?:的)?(?:案件|情况|事项|事件)?"
                r"(?=[。；;，,)）]|$)"),
    # Every phrasing of receiving applications: 共收到/受理/接收…申请 N 件, 申请 named right
    # before the count. What was received must be 政府信息公开 applications (see _NOT_APPLICATIONS).
    ("received", rf"(?:受理|收到|接收|接到)(?:到)?(?:[^。；;，,]{{0,30}}?)申请(?:共|总数为|数量为|计)?{NUM}件"),
    ("received", rf"(?:共|全年)(?:受理|收到)[^。；;，,]{{0,8}}?{NUM}件"),
    ("carried_over", rf"上(?:一)?年度?结转{_GAP}{NUM}件"),
    ("carried_forward", rf"{NUM}件{_GAP}(?:顺延|结转|转)(?:到|至)?下(?:一)?年度"),
    ("carried_forward", rf"(?:结转|转)(?:到|至)?下(?:一)?年度{_GAP}{NUM}件"),
    ("handled", rf"(?:办结|(?<!公开)(?<!提供)(?<!处理)答复)(?:政府信息公开申请)?{NUM}件"),
    ("granted", rf"(?<!不)(?:予以公开|同意公开)(?:答复)?{NUM}件"),
    ("partial", rf"部分公开(?:答复)?{NUM}件"),
    ("withheld", rf"不予公开(?:答复)?{NUM}件"),
    ("unable", rf"无法提供(?:的)?{NUM}件"),
    ("not_processed", rf"不予处理(?:的)?{NUM}件"),
    ("other_handling", rf"其他处理(?:的)?{NUM}件"),
    ("review", rf"行政复议(?:案件|数为|共)?{NUM}件"),
    ("review", rf"{NUM}件[^。；;，,]{{0,12}}?行政复议"),
    ("suit", rf"(?:行政)?诉讼(?:案件|数为|共)?{NUM}件"),
    ("upheld", rf"(?:结果)?维持{NUM}件"),
    ("corrected", rf"(?:结果)?纠正{NUM}件"),
    ("other_result", rf"其他结果{NUM}件"),
    ("pending", rf"尚未审结{NUM}件"),
    ("all_upheld", r"均(?:获|被|予)?维持"),
]


# What is received but is not a 政府信息公开 application: enquiries (咨询, 网络问政, 12345 热线,
# 留言), petitions (信访, 投诉, 举报), reconsideration and litigation.
_NOT_APPLICATIONS = re.compile(r"咨询|问政|信访|12345|热线|留言|来电|来信|投诉|举报|复议|诉讼|建议|提案|议案")


@cache
def _compiled() -> list[tuple[str, re.Pattern[str], bool]]:
    """The patterns compiled on first use (compiling them costs start-up time)."""
    return [(s, re.compile(p), "(?P<n>" in p) for s, p in PATTERNS]


def statements(sents: list[Sentence]) -> list[Statement]:
    out: list[Statement] = []
    for sent in sents:
        # The spans already taken, disjoint and sorted: a match overlapping one is skipped. Kept
        # sorted so that each check is a bisection (a long run-on "sentence" has thousands).
        starts: list[int] = []
        ends: list[int] = []
        found: list[Statement] = []
        has_count = "件" in sent.text
        about_t4 = "复议" in sent.text or "诉讼" in sent.text
        first_application = sent.text.find("申请")  # "申请" before a match's end: at or before end − 2
        for subject, rx, counts in _compiled():
            if counts and not has_count or subject == "none_t4" and not about_t4:
                continue
            for m in rx.finditer(sent.text):
                i = bisect.bisect_right(starts, m.start())
                if i and ends[i - 1] > m.start() or i < len(starts) and starts[i] < m.end():
                    continue
                if subject == "received" and (
                    _NOT_APPLICATIONS.search(m.group()) or not 0 <= first_application <= m.end() - 2
                ):
                    continue
                if "n" in m.groupdict():
                    value = chinese_number(m.group("n"))
                    if value is None:
                        continue
                else:
                    value = 0
                starts.insert(i, m.start())
                ends.insert(i, m.end())
                found.append(Statement(subject, value, sent, m.span()))
        out.extend(sorted(found, key=lambda st: st.span))
    return out
