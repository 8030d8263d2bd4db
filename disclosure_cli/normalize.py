"""Text normalisation shared by every reader and the locator: labels and cell values.

Labels: NFKC (full-width brackets and digits become half-width), no white space, one form
of numbering (`1、` `1．` → `1.`) and quotes, so a label matches whatever site it came from.
Values: a cell is a number, a placeholder for "nothing" (blank), or text; numbers may carry
well-formed digit grouping (`,` `，` or a thin/NB space between groups of three), a sign
(2019 本年增/减) or a money unit. Anything else with digits in it is text: unreadable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"(?<![0-9])([0-9]{1,2})[、,.]")
# Invisible format characters: zero-width spaces (the filler UEditor-based CMS pages leave in
# cells), soft hyphens, word joiners, direction marks and embeddings, BOMs. They show nothing,
# so a label or cell reads as what it shows (`1520\u200b` is 1520, a cell of `\u200b` blank).
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "「": '"', "」": '"'})


@lru_cache(maxsize=8192)
def label(text: str) -> str:
    """Normalised form of a label for matching (never shown to users). Cached: reports
    repeat the same labels and numbers thousands of times across a batch."""
    t = "".join(unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).translate(_QUOTES).split())  # no white space
    return _NUMBERING.sub(r"\1.", t) if "、" in t or "," in t or "." in t else t


BLANK_TOKENS = frozenset({"", "/", "-", "--", "—", "——", "－", "无", "空", "\\", "－－", "―", "─", "ー"})
# The number grammar: ASCII digits after NFKC (full-width digits become ASCII), either plain
# or grouped in threes after a first group of one to three digits, a decimal part, a sign.
_NUMBER = re.compile(r"([+-]?)((?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)")
# Group separators other than `,`: NBSP, thin space, narrow NBSP, between two digits. They are
# made commas before NFKC, which would turn them into ordinary spaces.
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u2009\u202f](?=\d)")
# White space inside a number (`2 0`): two cells run together, or a malformed number.
_SPLIT_DIGITS = re.compile(r"[0-9][^0-9]*\s[^0-9]*[0-9]")
_UNIT = re.compile(r"(亿元|万元|元)$")
# Digits a double holds exactly (JSON consumers, Excel); no statutory value comes near (行政处罚
# 3985758). A longer number would be rounded, infinite (not JSON) or, past 4,300 digits, refused
# by int(): it is unreadable.
MAX_DIGITS = 15


# Footnote marks: superscript and subscript digits (`12<sup>1</sup>`, a raised Word run, `12¹`
# pasted), circled and parenthesised numbers (`12①`), and every other character NFKC turns into
# digits (fractions `¼`, `𝟏`, …). NFKC would make `12¹` or `12①` read 121, so the readers keep
# raised digits as these characters and a cell holding any of them is no number.
_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SCRIPT_DIGIT = re.compile(
    "[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070\u2074-\u2079\u2080-\u2089\u2150-\u215f\u2189\u2460-\u249b"
    "\u24ea\u3251-\u325f\u32b1-\u32cb\u3358-\u3370\u3378\u3379\u339f-\u33a6\u33a8\u33af\u33e0-\u33fe"
    "\U0001d7ce-\U0001d7ff\U0001f100-\U0001f10a\U0001fbf0-\U0001fbf9]"
)


def raised(text: str, sub: bool = False) -> str:
    """A superscript (or subscript) run's text as readers keep it: its digits raised."""
    return text.translate(_SUB if sub else _SUPER)


def footnote_mark(text: str) -> str | None:
    """The footnote mark a cell holds (superscript, subscript or circled digits …), if any."""
    marks = "".join(_SCRIPT_DIGIT.findall(text))
    return marks or None


@dataclass(frozen=True, slots=True)
class CellValue:
    """A cell read as a value: kind is 'number', 'blank' or 'text'."""

    kind: str
    number: int | float | None = None
    unit: str | None = None


def cell_text(text: str) -> str:
    """NFKC with NBSP, invisible format characters and surrounding space removed: the form
    numbers are read from."""
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).replace("\u00a0", " ").strip()


@lru_cache(maxsize=8192)
def value(text: str) -> CellValue:
    """Read a cell as a number, a blank or text. Units are kept, never converted.

    Only a well-formed number is a number: `1,5200`, `1,234,5678` or `2 0` is text (unreadable),
    never 15200, 12345678 or 20, because a misplaced separator or a lost cell boundary cannot
    be told from a typo."""
    if _SCRIPT_DIGIT.search(text):  # `12¹`: a footnote on the number, never 121
        return CellValue("text")
    t = cell_text(_GROUP_SPACE.sub(",", text))
    if _SPACE.sub("", t) in BLANK_TOKENS:
        return CellValue("blank")
    if _SPLIT_DIGITS.search(t):
        return CellValue("text")
    t = _SPACE.sub("", t)
    unit = None
    m = _UNIT.search(t)
    if m and len(t) > len(m.group(1)):
        unit = m.group(1)
        t = t[: m.start()]
    m = _NUMBER.fullmatch(t)
    if not m:
        return CellValue("text")
    sign, digits = m.groups()
    digits = digits.replace(",", "")
    if len(digits) - ("." in digits) > MAX_DIGITS:
        return CellValue("text")
    num: int | float = float(digits) if "." in digits else int(digits)
    if sign == "-":
        num = -num
    return CellValue("number", num, unit)


_NUMBER_LIKE = re.compile(r"[+-]?[0-9][0-9,.\s]*(?:亿元|万元|元)?")


def malformed_number(text: str) -> bool:
    """Text made of digits and separators only that the number grammar refuses (`1,5200`,
    `2 0`, `1.2.3`): a number written wrong, not words where a number belongs."""
    t = cell_text(_GROUP_SPACE.sub(",", text))
    return value(text).kind == "text" and not footnote_mark(text) and _NUMBER_LIKE.fullmatch(t) is not None


CN_NUMERALS = "一二三四五六七八九"  # 1 … 9, as section headings and counts in prose print them
_CN_DIGITS = {"零": 0, "〇": 0, "两": 2, **{ch: i for i, ch in enumerate(CN_NUMERALS, 1)}}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def chinese_number(text: str) -> int | None:
    """`十二` → 12, `三百零五` → 305, `2` → 2, `1,234` → 1234; None when it is not a plain count
    (`1,2345`: malformed grouping)."""
    t = cell_text(text)
    if t[:1].isdigit():  # digits, plain or well-formed grouping (`1,234`): the number grammar
        v = value(t)
        return v.number if v.kind == "number" and isinstance(v.number, int) and v.unit is None else None
    if not t or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in t):
        return None
    total, section, digit = 0, 0, None
    for ch in t:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)
