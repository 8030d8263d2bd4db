"""Text a reader of the page or document does not see as the cell's number: hidden text is
not part of the cell, and struck-out text is a correction beside it (the cell is unreadable),
never digits glued onto the number."""

from __future__ import annotations

from disclosure_cli import parse

from ..conftest import CLEAN
from ..layouts import rows_of, to_html

TEXT = CLEAN.read_text(encoding="utf-8")
VALUES = {k: v.value for k, v in parse(CLEAN).values.items()}
LICENSING = "t2.licensing.decisions"  # 1520: table 2 has no arithmetic to catch a wrong number


def _values(report):
    return {k: v.value for k, v in report.values.items()}


def _page(cell: str) -> bytes:
    page = to_html(rows_of(TEXT))
    assert page.count(b"<span>1520</span>") == 1
    return page.replace(b"<span>1520</span>", cell.encode("utf-8"))


def test_html_hidden_attribute_hides_text_in_a_cell():
    report = parse(_page("<span>1520</span><span hidden>0</span>"), name="r.html")
    assert _values(report) == VALUES


def test_html_struck_out_digits_make_the_cell_unreadable_not_part_of_the_number():
    for struck in ("<s>1</s>", "<strike>1</strike>", "<del>1</del>"):
        report = parse(_page(f"<span>{struck}1520</span>"), name="r.html")
        cell = report.values[LICENSING]
        assert (cell.value, cell.status) == (None, "unreadable"), struck
        assert {k: v for k, v in _values(report).items() if k != LICENSING} == {k: v for k, v in VALUES.items() if k != LICENSING}


def _docx(patch) -> bytes:
    """The clean sample as a Word file, its document.xml changed by `patch`."""
    import io
    import zipfile

    from ..layouts import to_docx

    src = zipfile.ZipFile(io.BytesIO(to_docx(rows_of(TEXT))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                changed = patch(data.decode("utf-8"))
                assert changed != data.decode("utf-8")
                data = changed.encode("utf-8")
            z.writestr(info, data)
    return out.getvalue()


def _run(text: str, props: str = "") -> str:
    return f"<w:r>{props and f'<w:rPr>{props}</w:rPr>'}<w:t>{text}</w:t></w:r>"


def test_word_hidden_text_is_not_part_of_a_cell():
    for vanish in ("<w:vanish/>", '<w:vanish w:val="true"/>'):
        data = _docx(lambda x, vanish=vanish: x.replace("<w:t>1520</w:t></w:r>", "<w:t>1520</w:t></w:r>" + _run("0", vanish), 1))
        assert _values(parse(data, name="r.docx")) == VALUES, vanish
    shown = _docx(lambda x: x.replace("<w:t>1520</w:t></w:r>", "<w:t>152</w:t></w:r>" + _run("0", '<w:vanish w:val="0"/>'), 1))
    assert _values(parse(shown, name="r.docx")) == VALUES  # vanish switched off: the text shows


def test_word_struck_out_digits_make_the_cell_unreadable_not_part_of_the_number():
    for strike in ("<w:strike/>", "<w:dstrike/>"):
        data = _docx(lambda x, strike=strike: x.replace("<w:r><w:t>1520</w:t></w:r>", _run("1", strike) + "<w:r><w:t>1520</w:t></w:r>", 1))
        cell = parse(data, name="r.docx").values[LICENSING]
        assert (cell.value, cell.status) == (None, "unreadable"), strike


def _wrap(x: str, start: int, end: int, wrapper: str) -> str:
    """Put x[start:end] inside a content control (`sdt`) or custom XML element."""
    open_, close = {"sdt": ("<w:sdt><w:sdtPr/><w:sdtContent>", "</w:sdtContent></w:sdt>"),
                    "customXml": ('<w:customXml w:element="x">', "</w:customXml>")}[wrapper]
    return x[:start] + open_ + x[start:end] + close + x[end:]


def test_word_content_controls_around_a_table_row_or_cell_are_read_through():
    """Word shows what a content control (w:sdt) or custom XML element holds in place: a table,
    a row or a cell inside one is read as if it were not wrapped."""
    def table(x):
        i = x.index("一、本年新收政府信息公开申请数量")
        return x.rfind("<w:tbl>", 0, i), x.index("</w:tbl>", i) + len("</w:tbl>")

    def row(x):
        i = x.index("一、本年新收政府信息公开申请数量")
        return x.rfind("<w:tr>", 0, i), x.index("</w:tr>", i) + len("</w:tr>")

    def cell(x):  # the cell of 5 (商业企业) in that row
        i = x.index("<w:t>5</w:t>", x.index("一、本年新收政府信息公开申请数量"))
        return x.rfind("<w:tc>", 0, i), x.index("</w:tc>", i) + len("</w:tc>")

    for where in (table, row, cell):
        for wrapper in ("sdt", "customXml"):
            data = _docx(lambda x: _wrap(x, *where(x), wrapper))  # noqa: B023
            report = parse(data, name="r.docx")
            assert _values(report) == VALUES, (where.__name__, wrapper)
