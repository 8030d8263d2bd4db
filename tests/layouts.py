"""One report rendered in every form people paste or save it in: the four pasted-text
layouts, an HTML page and a Word file. Used by the tests (the same report must give the same
values in every form) and by the benchmark's generator."""

from __future__ import annotations

import html
import io

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


def to_docx(rows: Rows, ragged: bool = False) -> bytes:
    """A Word file (python-docx): paragraphs and one table per run of table rows. With
    `ragged`, each row keeps only its own cells (as Word does for a row with `gridAfter`),
    so a row that lost a cell is short instead of padded with empty cells."""
    import docx

    document = docx.Document()
    width = max(len(r) for r in rows if isinstance(r, list))
    table = None
    for item in rows:
        if isinstance(item, str):
            document.add_paragraph(item)
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=width)
        row = table.add_row()
        for i, c in enumerate(item):
            row.cells[i].text = c
        if ragged:
            for tc in list(row._tr.tc_lst)[len(item):]:
                row._tr.remove(tc)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
