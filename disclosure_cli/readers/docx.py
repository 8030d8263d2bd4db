"""Word (.docx) → rows of cells and prose, in body order.

Reads word/document.xml directly with a hardened lxml parser rather than through a library
that parses everything: reports drafted from the official template are just paragraphs and
tables (read through content controls, `w:sdt`, and custom XML, drawn in place). Merged cells: `gridSpan` (colspan) advances the grid column; a `vMerge` continuation
(rowspan) is an empty position, emitted nowhere, as a rowspan label appears only once.

Hostile files are refused before any XML is parsed: a zip whose members would expand past
a limit (zip bombs), and XML that declares a DOCTYPE (entity expansion, external entities).
The parser itself resolves no entities and reaches no network.
"""

from __future__ import annotations

import io
import zipfile

from ..model import Cell, Document, InputError, Location, Row
from ..normalize import raised

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200


def _document_xml(data: bytes, path: str) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(f"{path}: corrupt or truncated .docx (not a valid zip archive) / Word文件损坏或不完整") from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise InputError(f"{path}: not a Word .docx file (no word/document.xml) / 不是Word .docx文件") from None
        total = sum(i.file_size for i in archive.infolist())
        if info.file_size > MAX_XML_BYTES or total > 4 * MAX_XML_BYTES:
            raise InputError(f"{path}: .docx expands to {total // 1048576} MB: refused (zip bomb?) / Word文件解压后过大，已拒绝")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1048576:
            raise InputError(f"{path}: .docx compression ratio {info.file_size // info.compress_size}:1: refused (zip bomb?) / Word文件压缩比异常，已拒绝")
        try:
            with archive.open(info) as f:
                xml = f.read(MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as e:
            raise InputError(f"{path}: corrupt .docx ({type(e).__name__}) / Word文件损坏") from None
    if len(xml) > MAX_XML_BYTES:
        raise InputError(f"{path}: .docx document part too large: refused / Word文件内容过大，已拒绝")
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise InputError(f"{path}: .docx XML declares a DOCTYPE or entities: refused (entity expansion) / Word文件含有实体声明，已拒绝")
    return xml


def _on(props, name: str) -> bool:
    """A run property switched on (`<w:vanish/>`, `<w:vanish w:val="true"/>`), not off (`w:val="0"`)."""
    flag = props.find(f"{_W}{name}") if props is not None else None
    return flag is not None and flag.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _text(el, cell: bool = False) -> str:
    """Text of a paragraph or cell: runs joined, tabs and breaks as spaces/newlines; hidden
    runs (`w:vanish`, not shown or printed) left out; in a cell, struck-out text (a correction
    shown beside the number) a line of its own, never glued onto the number."""
    parts = []
    for node in el.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}p"):
        props = node.getparent().find(f"{_W}rPr") if node.tag != f"{_W}p" else None
        if _on(props, "vanish"):
            continue
        if node.tag == f"{_W}t" and cell and (_on(props, "strike") or _on(props, "dstrike")):
            parts.append(f"\n{node.text or ''}\n")
        elif node.tag == f"{_W}t":
            align = props.find(f"{_W}vertAlign") if props is not None else None
            where = align.get(f"{_W}val") if align is not None else None
            # a footnote mark (a raised run after a number) keeps its digits raised: never 121
            parts.append(raised(node.text or "", where == "subscript") if where in ("superscript", "subscript")
                         else node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag == f"{_W}br" or (node.tag == f"{_W}p" and parts):
            parts.append("\n")
    return "".join(parts).strip()


def _content(el, tag: str):
    """The children of `el` with `tag`, in order, read through content controls (`w:sdt`) and
    custom XML elements, which Word draws in place: a table, row or cell inside one is there."""
    for child in el:
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _content(content, tag)
        elif child.tag == f"{_W}customXml":
            yield from _content(child, tag)
        elif tag == "*" or child.tag == f"{_W}{tag}":
            yield child


def _table_rows(tbl, number: int) -> list[Row]:
    rows = []
    for r, tr in enumerate(_content(tbl, "tr"), 1):
        cells = []
        col = 1
        for tc in _content(tr, "tc"):
            props = tc.find(f"{_W}tcPr")
            span = 1
            continuation = False
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                if grid is not None:
                    try:
                        span = max(1, int(grid.get(f"{_W}val", "1")))
                    except ValueError:
                        span = 1
                merge = props.find(f"{_W}vMerge")
                continuation = merge is not None and merge.get(f"{_W}val", "continue") != "restart"
            if not continuation:
                text = " ".join(_text(tc, cell=True).split())
                cells.append(Cell(text, Location(table=number, row=r, col=col)))
            col += span
        if cells:
            rows.append(Row(cells, table=number))
    return rows


def read_docx(data: bytes, path: str) -> Document:
    from lxml import etree

    xml = _document_xml(data, path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(f"{path}: corrupt .docx XML ({e}) / Word文件损坏") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise InputError(f"{path}: .docx has no document body / Word文件没有正文")
    rows: list[Row] = []
    prose: list[Cell] = []
    tables = paragraphs = 0
    for el in _content(body, "*"):
        if el.tag == f"{_W}p":
            paragraphs += 1
            for line in _text(el).split("\n"):
                if line.strip():
                    cell = Cell(line.strip(), Location(line=paragraphs))
                    prose.append(cell)
                    rows.append(Row([cell]))
        elif el.tag == f"{_W}tbl":
            tables += 1
            rows.extend(_table_rows(el, tables))
    return Document(path=path, form="docx", rows=rows, prose=prose)
