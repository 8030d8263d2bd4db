"""The report's prose: title, issuing body, report year, statistics period, sections 一 … 六."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Cell, Report, Row, Section
from .normalize import CN_NUMERALS, label
from .templates import SECTIONS

# One stray non-CJK character from OCR may precede the numeral (`l六、…`).
_NUMERAL = re.compile(rf"^[^\u4e00-\u9fff]?([{CN_NUMERALS}])[、.,:]")
_TITLE = re.compile(r"^(?P<pre>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<post>.*?)政府信息公开(?:工作)?(?:年度)?报告")
_PERIOD = re.compile(r"统计(?:期限|期间|周期|时限|区间|时间|范围)?[^。]{0,24}?((?:19|20)\d{2})年1月1日")
_FIELD_LABEL = re.compile(r"^(?:标题|题名|文章标题|名称)[:：]")  # a saved page's `标题：…` line
_AGENCY_SUFFIX = re.compile(r"(人民政府|政府|办公厅|办公室|委员会|局|厅|委|站|中心|街道办事处|办事处|院|所|署|部|处|队)$")


@lru_cache(maxsize=16384)
def heading_number(text: str) -> tuple[int, int | None] | None:
    """(section number by meaning, number printed) when the line is a section heading."""
    t = label(text)
    if len(t) > 40:
        return None
    m = _NUMERAL.match(t)
    printed = CN_NUMERALS.index(m.group(1)) + 1 if m else None
    for number, (_, phrases) in SECTIONS.items():
        if not any(p in t for p in phrases):
            continue
        if number == 4 and "诉讼" not in t:
            continue
        if printed is None and not (t.endswith("情况") or t.endswith("事项")):
            continue
        return number, printed
    return None


def find_sections(prose: list[Cell]) -> list[Section]:
    """Section headings in reading order, each with the prose that follows it."""
    sections: list[Section] = []
    body: list[str] = []
    for cell in prose:
        found = heading_number(cell.text)
        if found:
            if sections:
                sections[-1].text = "\n".join(body)
            body = []
            sections.append(Section(found[0], cell.text.strip(), cell.loc, "", found[1]))
        elif sections:
            body.append(cell.text)
    if sections:
        sections[-1].text = "\n".join(body)
    return sections


def _clean_agency(text: str) -> str | None:
    t = re.sub(r"[\s《》“”\"]", "", text).strip("-—_:：,，。")
    if t.startswith(("(", "（")) and t.endswith((")", "）")):
        t = t[1:-1]
    t = re.sub(r"^(关于|正文)", "", t)
    return t or None


def title_year_agency(prose: list[Cell]) -> tuple[str | None, int | None, str | None]:
    """Title, report year and issuing body from the first lines (a title may wrap)."""
    head = [c.text.strip() for c in prose[:12] if c.text.strip()]
    # every line alone first, then each line joined with the next (a title that wraps)
    candidates = list(enumerate(head))
    candidates += [(i, line + head[i + 1]) for i, line in enumerate(head[:-1])]
    for i, text in candidates:
        compact = _FIELD_LABEL.sub("", "".join(text.split()))
        if len(compact) > 80:
            continue
        m = _TITLE.match(compact)
        if not m:
            continue
        agency = _clean_agency(m.group("pre")) or _clean_agency(m.group("post"))
        if agency is None:
            for other in head[max(0, i - 2) : i + 3]:
                cand = "".join(other.split())
                if cand != compact and len(cand) <= 30 and _AGENCY_SUFFIX.search(cand) and "报告" not in cand:
                    agency = cand
                    break
        return compact[: m.end()], int(m.group("year")), agency
    return None, None, None


def period_year(prose: list[Cell]) -> int | None:
    """The year of the statistics period (`统计期限自2020年1月1日起…`), which may wrap over
    lines in PDF text."""
    m = _PERIOD.search("".join("".join(c.text for c in prose[:60]).split()))
    return int(m.group(1)) if m else None


_TITLE_IN_TEXT = re.compile(r"((?:19|20)\d{2})年度?政府信息公开(?:工作)?年度报告")


def mentioned_year(prose: list[Cell]) -> int | None:
    """The report year where the title appears only inside a sentence
    (`现公布区统计局2023年政府信息公开工作年度报告`)."""
    m = _TITLE_IN_TEXT.search("".join("".join(c.text for c in prose[:12]).split()))
    return int(m.group(1)) if m else None


def front_matter(report: Report) -> None:
    """Title, report year, issuing body, statistics period and sections from the report's
    prose: the step after the tables are located, since it reads prose, not tables."""
    prose = report.prose
    report.title, report.year, report.agency = title_year_agency(prose)
    report.period_year = period_year(prose)
    if report.year is None:
        report.year = report.period_year or mentioned_year(prose)
    report.sections = find_sections(prose)


# ------------------------------------------------------------------------- publication date

# <meta> names that date a page, most specific first (Chinese government CMSs use PubDate and
# firstpublishedtime; others the Open Graph or Dublin Core names).
_META_NAMES = ("pubdate", "firstpublishedtime", "publishdate", "publishtime", "article:published_time",
               "dc.date.issued", "datepublished", "dcterms.issued", "dc.date")
_YMD = r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
# 发布日期 is the publication itself; 发文/成文日期 (when it was issued or written) come after it.
_PAGE_LABELS = ("发布日期", "发布时间", "发文日期", "成文日期")
_PAGE_DATE = re.compile(r"(?:^|[\s|】\]])(" + "|".join(_PAGE_LABELS) + r")\s*[:：]\s*" + _YMD, re.M)
_CN_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}
_SIGNATURE = re.compile(
    r"^(?:.{0,40}?(?:政府|局|委员会|委|办公室|办公厅|厅|中心|办事处|街道|院|所|署|站|队|处))?"
    r"((?:19|20)\d{2}|[二〇○零O][〇○零O一二三四五六七八九]{3})年"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)


def _iso(year: str, month: str, day: str) -> str | None:
    from datetime import date

    from .normalize import chinese_number

    y = int("".join(_CN_YEAR_DIGITS.get(ch, ch) for ch in year)) if not year.isdigit() else int(year)
    m, d = chinese_number(month), chinese_number(day)
    try:
        return date(y, m or 0, d or 0).isoformat()
    except (TypeError, ValueError):
        return None


def _grid_lines(rows: list[Row]):
    for row in rows[:40] + rows[-40:] if len(rows) > 80 else rows:
        if row.table is not None:
            yield " ".join(c.text for c in row.cells)


def published(
    meta: dict[str, str], rows: list[Row], prose: list[Cell], year: int | None
) -> tuple[str | None, str | None]:
    """The publication date of a saved report and where it came from, in order of trust: the
    page's <meta> (PubDate …), a 发布日期/发文日期/成文日期 line of the page, the signature
    date under the report (the last lines, `2024年1月23日`) — when it falls after the year
    reported on (a closing date inside that year is not a signature)."""
    for name in _META_NAMES:
        if name in meta and (m := re.match(_YMD, meta[name])) and (iso := _iso(*m.groups())):
            return iso, "page-meta"
    # Lines of prose near the top or the end, then grid rows there (a page's 索引号/发布日期 table).
    prose_lines = [c.text for c in (prose[:40] + prose[-40:] if len(prose) > 80 else prose)]
    for lines in (prose_lines, _grid_lines(rows)):
        text = "\n".join(t for t in lines if len(t) <= 200 and ("日期" in t or "时间" in t))
        if text:
            found: dict[str, str] = {}
            for m in _PAGE_DATE.finditer(text):
                if m.group(1) not in found and (iso := _iso(*m.groups()[1:])):
                    found[m.group(1)] = iso
            for name in _PAGE_LABELS:
                if name in found:
                    return found[name], "page-text"
    tail = ["".join(c.text.split()) for c in prose[-10:] if len(c.text) <= 80 and c.text.rstrip().endswith("日")]
    for text in reversed(tail):
        if (m := _SIGNATURE.match(text)) and (iso := _iso(*m.groups())) and (year is None or iso > str(year + 1)):
            return iso, "signature"
    return None, None
