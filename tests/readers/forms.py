"""Render the clean sample as HTML and .docx, to prove every form gives the same values."""

from __future__ import annotations

import html
import io

from ..conftest import rows_of


def to_html(text: str, charset: str = "utf-8", declared: str | None = None) -> bytes:
    parts = [f'<html><head><meta charset="{declared or charset}"><title>年报</title>'
             "<script>var x = '<table><tr><td>行政许可</td><td>9</td></tr></table>';</script>"
             "<style>td{border:1px}</style></head><body><nav><a href='/'>首页</a></nav>"]
    table_open = False
    for item in rows_of(text):
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
    parts.append('<div style="display:none"><table><tr><td>（七）总计</td><td>999</td></tr></table></div>')
    parts.append("<footer>版权所有</footer></body></html>")
    return "".join(parts).encode(charset)


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    table = None
    for item in rows_of(text):
        if isinstance(item, str):
            document.add_paragraph(item)
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=max(len(r) for r in rows_of(text) if isinstance(r, list)))
        row = table.add_row()
        for i, c in enumerate(item):
            row.cells[i].text = c
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
