"""Saved web pages → rows of cells and prose, in document order.

The encoding comes from a BOM, else strict UTF-8, else the page's own declaration
(`<meta charset>` / `http-equiv`, found by beautifulsoup4's EncodingDetector), else GB18030:
a page whose declaration lies is still read (strict GB18030 giving Chinese beats a declared
single-byte charset, which decodes anything into mojibake). lxml builds the tree (with source lines, no
network; huge_tree, so a text node over 10 MB such as an inline image does not end the
page). Scripts, styles and hidden (`display:none`, the `hidden` attribute) elements are
dropped. Struck-out text (`<s>`, `<del>`) in a cell is a line of its own, as a paragraph is,
so it is never glued onto the number. Data tables are the innermost `<table>`s (outer ones are page layout); each cell is
placed in the full grid, rowspan and colspan expanded, and emitted once, with its table, row,
column and source line.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from lxml import etree

from ..model import Cell, Document, InputError, Location, Row
from ..normalize import INVISIBLE, raised
from .decode import bom_encoding, decode

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption", "section", "article",
                     "blockquote", "pre", "dt", "dd", "center", "body", "header", "main", "aside", "form", "address"})
_DROP = ("script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "nav", "footer")
_STRUCK = ("s", "strike", "del")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"[ \t\r\f\v\u3000]+")


def _text(data: bytes, path: str) -> str:
    if bom_encoding(data):
        return decode(data, path)[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(data[:65536], is_html=True, search_entire_document=False)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        if _single_byte(declared):
            # A single-byte charset decodes any bytes, so it cannot be wrong by failing: a
            # GBK page declared iso-8859-1/windows-1252 would come out as mojibake. GB18030
            # that decodes strictly into Chinese wins over such a declaration.
            with contextlib.suppress(UnicodeDecodeError):
                text = data.decode("gb18030")
                if _mostly_cjk(text):
                    return text
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode(data, path)[0]


def _single_byte(encoding: str) -> bool:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name in ("ascii", "latin-1", "iso8859-1") or name.startswith(("iso8859-", "cp125", "cp437", "cp850", "koi8", "mac-"))


def _mostly_cjk(text: str) -> bool:
    """Most non-ASCII characters are CJK: what a Chinese page decoded correctly looks like."""
    wide = [ch for ch in text if ord(ch) > 127]
    return bool(wide) and sum(1 for ch in wide if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef") >= 0.8 * len(wide)


def _clean(text: str) -> str:
    """Spaces collapsed, blank lines and invisible format characters (the zero-width filler of
    UEditor-based CMS pages) dropped: a cell holding only a filler is empty, as it looks."""
    lines = [_SPACE.sub(" ", line).strip() for line in INVISIBLE.sub("", text).split("\n")]
    return "\n".join(line for line in lines if line)


def _cell_text(el) -> str:
    text = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    if "\n" not in text:  # one line: _clean without the splitting
        return _SPACE.sub(" ", INVISIBLE.sub("", text)).strip()
    return " ".join(_clean(text).split("\n"))


def _span(el, name: str) -> int:
    given = el.get(name)
    if given is None:
        return 1
    try:
        return max(1, min(int(given if given.isdigit() else _NOT_DIGITS.sub("", given) or 1), 1000))
    except ValueError:
        return 1


_NOT_DIGITS = re.compile(r"\D")


# Grid positions the row spans of one table may reserve in the rows below. A statutory table
# needs a few hundred; twenty `<td rowspan=1000 colspan=1000>` would want twenty million.
MAX_SPANNED = 100_000


def _table_rows(table, number: int) -> tuple[list[Row], Cell | None]:
    """The grid of one data table: each physical cell once, at its expanded grid position.
    A rowspan ends with the table (as in a browser); past MAX_SPANNED reserved positions a
    cell's rowspan is clipped to 1, and the returned note says so."""
    rows: list[Row] = []
    taken: set[tuple[int, int]] = set()  # positions reserved by rowspans from rows above
    trs = list(table.iter("tr"))
    budget = MAX_SPANNED
    clipped = None
    for r, tr in enumerate(trs):
        cells: list[Cell] = []
        col = 0
        for td in tr.iterchildren("td", "th"):
            while (r, col) in taken:
                col += 1
            rs, cs = min(_span(td, "rowspan"), len(trs) - r), _span(td, "colspan")
            if (rs - 1) * cs > budget:
                clipped = clipped or Location(line=td.sourceline, table=number, row=r + 1, col=col + 1)
                rs = 1
            budget -= (rs - 1) * cs
            for dr in range(1, rs):
                for dc in range(cs):
                    taken.add((r + dr, col + dc))
            cells.append(Cell(_cell_text(td), Location(line=td.sourceline, table=number, row=r + 1, col=col + 1)))
            col += cs
        if cells:
            rows.append(Row(cells, table=number))
    note = None
    if clipped is not None:
        note = Cell(f"网页表格{number}的合并单元格（rowspan/colspan）超出表格所能容纳的范围，已截断，"
                    f"其后单元格的位置可能不准 / table {number}: cell spans too large, clipped", clipped)
    return rows, note


def _drop(el) -> None:
    """Remove an element and what it holds, keeping the text after it (lxml.html's drop_tree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def read_html(data: bytes, path: str) -> Document:
    # lxml's own HTML parser and plain elements: lxml.html's element classes cost a Python
    # lookup per element touched, which was most of the reading time.
    text = _text(data, path)
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                              huge_tree=True)  # a text node over 10 MB (an inline image)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"{path}: cannot parse HTML ({e}) / 无法解析网页") from None
    meta = _meta_dates(root)
    for el in list(root.iter(*_DROP)):
        _drop(el)
    for el in root.xpath("//*[@style or @hidden]"):
        if _HIDDEN.search(el.get("style", "")) or el.get("hidden") is not None:
            _drop(el)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    # A footnote mark (`12<sup>1</sup>`) keeps its digits raised: never glued into 121.
    for el in root.iter("sup", "sub"):
        for node in el.iter():
            node.text = node.text and raised(node.text, el.tag == "sub")
            if node is not el:
                node.tail = node.tail and raised(node.tail, el.tag == "sub")
    # Paragraphs inside a cell are lines of it: `<p>1</p><p>520</p>` is `1 520` (unreadable), not 1520.
    # Struck-out text is a correction shown beside the number: `<s>1</s>520` is `1 520`, not 1520.
    for el in root.xpath("//td//*|//th//*"):
        if el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
        if el.tag in _STRUCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    doc = _Walk(root).document(path)
    doc.meta = meta
    return doc


def _meta_dates(root) -> dict[str, str]:
    """The page's <meta> tags that may date it (PubDate, firstpublishedtime, …), by lower-cased
    name; the head is dropped before the walk, so they are read first."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if name and content and ("date" in name or "time" in name) and name not in out:
            out[name] = content[:64]
    return out


class _Walk:
    """Document order: a data table is emitted whole; text between blocks (inline elements,
    text directly inside a <div>, tails) gathers into lines of prose, ended by each block."""

    def __init__(self, root) -> None:
        self.layout = {anc for t in root.iter("table") for anc in t.iterancestors("table")}
        self.rows: list[Row] = []
        self.prose: list[Cell] = []
        self.notes: list[Cell] = []
        self.tables = 0
        self.buffer: list[str] = []
        self.line: int | None = None
        self.visit(root)
        self.flush()

    def document(self, path: str) -> Document:
        return Document(path=path, form="html", rows=self.rows, prose=self.prose, notes=self.notes)

    def text(self, text: str | None, line: int | None) -> None:
        if text and text.strip():
            if self.line is None:
                self.line = line
            self.buffer.append(text)
        elif text and self.buffer:
            self.buffer.append(text)

    def flush(self) -> None:
        for piece in _clean("".join(self.buffer)).split("\n"):
            if piece:
                cell = Cell(piece, Location(line=self.line))
                self.prose.append(cell)
                self.rows.append(Row([cell]))
        self.buffer = []
        self.line = None

    def visit(self, root) -> None:
        """Depth-first with an explicit stack: with huge_tree, libxml2 allows pages nested
        deeper than Python's recursion limit. Each element's tail follows its end, as text of
        its parent."""
        stack: list[tuple[object, int | None, bool, bool]] = [(root, None, False, False)]  # el, parent line, leaving, block
        while stack:
            el, parent_line, leaving, block = stack.pop()
            if leaving:
                if block:
                    self.flush()
            elif not isinstance(el.tag, str):
                pass
            elif el.tag == "table" and el not in self.layout:
                self.flush()
                self.tables += 1
                rows, note = _table_rows(el, self.tables)
                self.rows.extend(rows)
                if note is not None:
                    self.notes.append(note)
            else:
                block = el.tag in _BLOCKS or el.tag in ("table", "tr", "ul", "ol")
                if block:
                    self.flush()
                self.text(el.text, el.sourceline)
                stack.append((el, parent_line, True, block))
                stack.extend((child, el.sourceline, False, False) for child in reversed(el))
                continue
            if el is not root:
                self.text(el.tail, parent_line)
