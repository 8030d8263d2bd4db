"""A page's publication date: what the deadline rule compares against 31 January / 31 March.

One function for saved and fetched pages alike (`from_html`), so every caller reads dates the
same way. A visible 发布日期/发文日期 line wins over metadata, since it is what a reader of the
page sees; then a bare 日期/时间 line; then `<meta name="PubDate">` and its relatives. The
HTTP Last-Modified header is the fetcher's last resort (source "http-last-modified").
Regular expressions only (no parser), so it costs little on a page already being read.
"""

from __future__ import annotations

import datetime
import html
import re

# Sources, as recorded in Report.published_source.
SOURCES = ("option", "page-meta", "page-text", "signature", "http-last-modified")

_DATE = r"((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})"
_EXPLICIT = re.compile(r"(?:^|[\s|])(?:发布|发文|公开|公布|印发)(?:日期|时间)\s*[:：]?\s*" + _DATE)
_BARE = re.compile(r"(?:^|[\s|])(?:日期|时间)\s*[:：]\s*" + _DATE)
# Meta names that carry the publication date on Chinese government CMSs and elsewhere.
_META_NAMES = ("pubdate", "publishdate", "publish_date", "firstpublishedtime", "article:published_time",
               "datepublished", "dc.date.issued", "dcterms.issued", "publishtime", "publish-date")
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BLOCK = re.compile(r"</?(?:p|div|br|li|tr|td|th|h\d|table|section|article|dd|dt|header|footer)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_MAX_LINE = 80  # a date line is short; longer text is prose that merely mentions a date


def _iso(match: re.Match) -> str | None:
    year, month, day = (int(g) for g in match.groups()[-3:])
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def from_meta(text: str) -> str | None:
    """The date in the first `<meta>` whose name (or property, itemprop) is a publication date."""
    for tag in _META.finditer(text):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None
                 else m.group(4) for m in _ATTR.finditer(tag.group(0))}
        name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
        if name in _META_NAMES:
            found = re.search(_DATE, html.unescape(attrs.get("content") or ""))
            if found and (iso := _iso(found)):
                return iso
    return None


def from_lines(lines: list[str]) -> str | None:
    """The first 发布日期/发文日期 line's date, else the first bare 日期/时间 line's."""
    # A line may hold several fields: 发布日期：2020-01-31  来源：…  字号：…
    short = [" ".join(line.split()) for line in lines]
    short = [line for line in short if len(line) <= _MAX_LINE]
    for pattern in (_EXPLICIT, _BARE):
        for line in short:
            found = pattern.search(line)
            if found and (iso := _iso(found)):
                return iso
    return None


def from_html(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, "page-text" | "page-meta") for a decoded HTML page, or None."""
    body = html.unescape(_TAG.sub(" ", _BLOCK.sub("\n", _HIDDEN.sub(" ", text)))).replace("\xa0", " ")
    iso = from_lines([line for line in body.split("\n") if line.strip()])
    if iso:
        return iso, "page-text"
    iso = from_meta(text)
    return (iso, "page-meta") if iso else None
