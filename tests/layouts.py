"""One report rendered in every form people paste or save it in: the four pasted-text
layouts, an HTML page and a Word file. Used by the tests (the same report must give the same
values in every form) and by the benchmark's generator."""

from __future__ import annotations

import functools
import html
import io
import zipfile

Rows = list  # items are prose lines (str) or table rows (list of cell texts)


def rows_of(text: str) -> Rows:
    """Split row-per-line pipe text into prose lines and table rows."""
    return [[c.strip() for c in line.split("|")[:-1]] if "|" in line else line for line in text.splitlines()]


def render(rows: Rows, layout: str) -> str:
    """Pasted text: `row` (one row per line), `cell` (one cell per line), `markdown`,
    `markdown_bare` (Markdown rows without the `|---|` line), `tab`."""
    lines: list[str] = []
    in_table = False
    for item in rows:
        if isinstance(item, str):
            lines.append(item)
            in_table = False
            continue
        if layout == "row":
            lines.append(" | ".join(item) + " |")
        elif layout == "cell":
            lines.extend(f"{c} |" if c else "|" for c in item)
        elif layout in ("markdown", "markdown_bare"):
            lines.append("| " + " | ".join(item) + " |")
            if not in_table and layout == "markdown":
                lines.append("|" + "---|" * len(item))
        elif layout == "tab":
            lines.append("\t".join(item))
        in_table = True
    return "\n".join(lines) + "\n"


def to_html(rows: Rows, charset: str = "utf-8", declared: str | None = None, page: bool = True) -> bytes:
    """An HTML page; with `page`, wrapped as a browser saves it: navigation, a script that
    holds table-like text, a hidden table and a footer, none of which is report content."""
    parts = [f'<html><head><meta charset="{declared or charset}"><title>年报</title>']
    if page:
        parts.append("<script>var x = '<table><tr><td>行政许可</td><td>9</td></tr></table>';</script>"
                     "<style>td{border:1px}</style></head><body><nav><a href='/'>首页</a></nav>")
    else:
        parts.append("</head><body>")
    table_open = False
    for item in rows:
        if isinstance(item, str):
            if table_open:
                parts.append("</table>")
                table_open = False
            parts.append(f"<p>{html.escape(item)}</p>")
        else:
            if not table_open:
                parts.append('<table border="1">')
                table_open = True
            cells = "".join(f"<td><p><span>{html.escape(c)}</span></p></td>" if c else "<td>&nbsp;</td>" for c in item)
            parts.append(f"<tr>{cells}</tr>")
    if table_open:
        parts.append("</table>")
    if page:
        parts.append('<div style="display:none"><table><tr><td>（七）总计</td><td>999</td></tr></table></div>')
        parts.append("<footer>版权所有</footer>")
    parts.append("</body></html>")
    return "".join(parts).encode(charset)


def _run(text: str) -> str:
    """`<w:r>` with the text as python-docx's `run.text = text` writes it (no tab or break)."""
    if any(ch in text for ch in "\t\n\r"):
        raise ValueError(f"the test Word writer writes no tabs or line breaks: {text!r}")
    if not text:
        return "<w:r/>"
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r><w:t{space}>{html.escape(text, quote=False)}</w:t></w:r>"


def _tc(text: str | None, width: int) -> str:
    """One `<w:tc>` as python-docx writes it: `Table.add_row` gives the cell its grid width
    and an empty paragraph; `_Cell.text = text` puts one run in it (an empty run for "")."""
    props = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
    return f"<w:tc>{props}<w:p/></w:tc>" if text is None else f"<w:tc>{props}<w:p>{_run(text)}</w:p></w:tc>"


@functools.cache
def _empty_word() -> tuple[tuple, str, str]:
    """An empty document as python-docx saves it: its parts, and its document.xml cut where
    `add_paragraph` and `add_table` put their content (before the section properties)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = tuple((info, z.read(info)) for info in z.infolist())
    xml = dict((info.filename, data) for info, data in parts)["word/document.xml"].decode("utf-8")
    cut = xml.index("<w:sectPr")
    return parts, xml[:cut], xml[cut:]


@functools.cache
def _table_start(width: int) -> tuple[str, tuple[int, ...]]:
    """What python-docx's `add_table(rows=0, cols=width)` writes before the rows, and the
    grid's column widths (twips)."""
    import docx

    document = docx.Document()
    widths = tuple(g.w.twips for g in document.add_table(rows=0, cols=width)._tbl.tblGrid.gridCol_lst)
    buf = io.BytesIO()
    document.save(buf)
    xml = zipfile.ZipFile(buf).read("word/document.xml").decode("utf-8")
    return xml[xml.index("<w:tbl>") : xml.index("</w:tbl>")], widths


def to_docx(rows: Rows, ragged: bool = False) -> bytes:
    """A Word file: paragraphs and one table per run of table rows. With `ragged`, each row
    keeps only its own cells (as Word does for a row with `gridAfter`), so a row that lost a
    cell is short instead of padded with empty cells.

    The document is python-docx's, written without going through its objects (which took 0.2 s
    for a report): its empty document's parts, with the body's XML as `add_paragraph`,
    `add_table`, `Table.add_row` and `_Cell.text` write it (tests/readers/test_forms.py
    checks that it is the same XML)."""
    parts, head, tail = _empty_word()
    width = max(len(r) for r in rows if isinstance(r, list))
    start, widths = _table_start(width)
    body: list[str] = []
    in_table = False
    for item in rows:
        if isinstance(item, str):
            if in_table:
                body.append("</w:tbl>")
                in_table = False
            body.append(f"<w:p>{_run(item)}</w:p>" if item else "<w:p/>")
            continue
        if not in_table:
            body.append(start)
            in_table = True
        cells = [(item[i] if i < len(item) else None, w) for i, w in enumerate(widths[:len(item)] if ragged else widths)]
        body.append("<w:tr>" + "".join(_tc(text, w) for text, w in cells) + "</w:tr>")
    if in_table:
        body.append("</w:tbl>")
    document = (head + "".join(body) + tail).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, document if info.filename == "word/document.xml" else data)
    return buf.getvalue()
