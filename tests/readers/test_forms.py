"""HTML, PDF and Word readers on the real corpus and on the clean sample rendered in each form."""

from __future__ import annotations

import pytest

from disclosure_cli import check, parse

from ..conftest import CLEAN, CORPUS, expected
from ..layouts import rows_of, to_docx, to_html

TEXT = CLEAN.read_text(encoding="utf-8")
VALUES = {k: v.value for k, v in parse(CLEAN).values.items()}


def _values(report):
    return {k: v.value for k, v in report.values.items()}


def test_same_report_as_text_html_and_docx_gives_identical_values():
    html_report = parse(to_html(rows_of(TEXT)), name="r.html")
    docx_report = parse(to_docx(rows_of(TEXT)), name="r.docx")
    assert html_report.form == "html" and docx_report.form == "docx"
    assert _values(html_report) == _values(docx_report) == VALUES
    assert html_report.agency == docx_report.agency == "示例县市场监督管理局"
    assert check(html_report) == [] and check(docx_report) == []


@pytest.mark.parametrize("charset,declared", [("gbk", None), ("gb18030", None), ("utf-8", "gbk"), ("gbk", "utf-8")])
def test_html_encodings_even_when_the_declaration_lies(charset, declared):
    assert _values(parse(to_html(rows_of(TEXT), charset, declared), name="r.html")) == VALUES


def test_shanghai_2019_html_gives_every_expected_value():
    report = parse(CORPUS / "2019_shanghai_municipal_govt_general_office.html")
    want = expected("2019_shanghai_municipal_govt_general_office.html")
    assert (report.template, report.year, report.agency) == (want["template"], want["year"], want["agency"])
    assert _values(report) == want["values"]
    cell = report.values["t2.procurement.amount"]
    assert (cell.value, cell.unit, cell.raw) == (251000, "元", "251000元")
    assert (cell.loc.table, cell.loc.row) == (1, 18)
    (blank_column,) = [f for f in check(report) if f.rule == "T3-ROW"]  # one cause, one finding
    assert len(blank_column.keys) == 11 and blank_column.keys[0] == "t3.granted.total"


def test_huaian_2024_pdf_gives_every_expected_value():
    report = parse(CORPUS / "2024_huaian_city_govt.pdf")
    want = expected("2024_huaian_city_govt.pdf")
    assert (report.template, report.year, report.agency) == (want["template"], want["year"], want["agency"])
    assert _values(report) == want["values"]
    assert report.values["t2.penalty.decisions"].loc.page == 4
    assert [f for f in check(report) if f.severity == "error"] == []


@pytest.mark.parametrize("name,year", [("2023_huaian_hongze_district_govt.pdf", 2023), ("2024_huaian_hongze_district_govt.pdf", 2024)])
def test_hongze_pdfs_read_in_full_with_the_single_six_row(name, year):
    report = parse(CORPUS / name)
    assert report.template == "2021" and report.year == year
    assert report.hybrid and "（六）" in report.hybrid
    readable = [v for v in report.values.values() if v.status != "absent"]
    assert len(readable) == 186 and all(v.status == "ok" for v in readable)
    assert report.values["t3.other_handling.total"].value == 0
    assert report.values["t3.other_handling.no_correction.total"].status == "absent"
    rules = {f.rule for f in check(report)}
    assert {"S-TEMPLATE", "S-LABEL"} <= rules
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]  # headings inside the page frame
    assert "S-SECTION" not in rules


def test_hongze_2023_table4_totals_are_misprinted_in_the_report():
    report = parse(CORPUS / "2023_huaian_hongze_district_govt.pdf")
    assert [report.values[f"t4.review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [10, 1, 0, 0, 0]
    sums = [f for f in check(report) if f.rule == "T4-SUM"]
    assert [(f.keys[0], f.expected, f.actual) for f in sums] == [("t4.review.total", 11, 0), ("t4.suit_after_review.total", 5, 0)]


def test_utf16_html_page_is_recognised_and_read():
    page = to_html(rows_of(TEXT)).decode("utf-8").replace('charset="utf-8"', 'charset="utf-16"').encode("utf-16")
    report = parse(page, name="page.html")
    assert report.form == "html" and _values(report) == VALUES


def _variant_page() -> bytes:
    """The clean report as sites really publish it: inside a page-layout table; table 2's
    single values drawn colspan=3; table 3's group labels as rowspan cells and the table
    split over two <table>s; table 4's header with placeholder <td></td> cells."""
    import html as h

    rows = rows_of(TEXT)
    out = ["<html><body><table class='layout'><tr><td><div class='content'>"]
    spans = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    open_table = False
    for item in rows:
        if isinstance(item, str):
            if open_table:
                out.append("</table>")
                open_table = False
            out.append(f"<p>{h.escape(item)}</p>")
            continue
        if not open_table:
            out.append("<table border='1'>")
            open_table = True
        if item[0].startswith("（四）无法提供"):
            out.append("</table><p></p><table border='1'>")  # one statutory table over two <table>s
        cells = []
        if len(item) == 4 and item[2] == item[3] == "" and item[1]:
            cells = [f"<td>{h.escape(item[0])}</td>", f"<td colspan='3'><p>{h.escape(item[1])}</p></td>"]
        else:
            for c in item:
                attr = f" rowspan='{spans[c]}'" if c in spans else ""
                cells.append(f"<td{attr}>{h.escape(c) if c else '&nbsp;'}</td>")
        if item[:2] == ["结果维持", "结果纠正"] and len(item) == 10:
            cells = ["<td></td>"] * 5 + cells  # placeholders instead of rowspan
        out.append("<tr>" + "".join(cells) + "</tr>")
    if open_table:
        out.append("</table>")
    out.append("</div></td></tr></table></body></html>")
    return "".join(out).encode("utf-8")


def test_html_layout_variants_give_the_same_values():
    report = parse(_variant_page(), name="variants.html")
    assert _values(report) == VALUES
    assert check(report) == []
    cell = report.values["t3.unable.not_held.total"]
    # data tables are numbered without the layout table: 1 table 2, 2–3 table 3 (split), 4 table 4
    assert (cell.loc.table, cell.loc.row, cell.loc.col) == (3, 1, 9)


def _merged_docx() -> bytes:
    """Table 3 as the Word template draws it: a 10-column grid, 三、本年度办理结果 and the
    group labels merged vertically (vMerge), row labels merged across columns (gridSpan)."""
    import io

    import docx

    rows = rows_of(TEXT)
    start = next(i for i, r in enumerate(rows) if isinstance(r, list) and r[0].startswith("一、本年新收"))
    end = next(i for i, r in enumerate(rows) if isinstance(r, list) and r[0].startswith("四、结转"))
    document = docx.Document()
    for item in rows[:start]:
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            t = document.add_table(rows=1, cols=len(item))
            for i, c in enumerate(item):
                t.rows[0].cells[i].text = c
    body = rows[start : end + 1]
    table = document.add_table(rows=len(body), cols=10)
    group_start: dict[str, int] = {}
    for r, item in enumerate(body):
        cells = table.rows[r].cells
        values = item[-7:]
        labels = item[:-7]
        for j, v in enumerate(values):
            cells[3 + j].text = v
        if labels[0].startswith(("一、", "二、", "四、")):
            cells[0].text = labels[0]
            cells[0].merge(cells[2])
            continue
        if labels[0].startswith("三、"):
            group_start["三"] = r
            labels = labels[1:]
        if len(labels) == 2:  # group label + item
            group_start[labels[0]] = r
            cells[1].text, cells[2].text = labels
        elif labels[0].startswith("（"):  # （一）（二）（七）: across the group and item columns
            cells[1].text = labels[0]
            cells[1].merge(cells[2])
        else:
            cells[2].text = labels[0]
    last = len(body) - 2  # the （七）总计 row
    three = group_start.pop("三")
    table.cell(three, 0).text = "三、本年度办理结果"
    table.cell(three, 0).merge(table.cell(last, 0))
    starts = sorted(group_start.values())
    for r0, r1 in zip(starts, [*starts[1:], last], strict=True):
        if r1 - 1 > r0:  # a group runs to the next group, or to the row before （七）总计
            table.cell(r0, 1).merge(table.cell(r1 - 1, 1))
    for item in rows[end + 1 :]:
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            t = document.add_table(rows=1, cols=len(item))
            for i, c in enumerate(item):
                t.rows[0].cells[i].text = c
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_word_merged_cells_give_the_same_values():
    import io
    import zipfile

    data = _merged_docx()
    assert b"vMerge" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    report = parse(data, name="merged.docx")
    assert _values(report) == VALUES and check(report) == []


@pytest.mark.parametrize("ragged", [False, True])
def test_the_test_word_writer_writes_what_python_docx_writes(ragged):
    """tests/layouts.py writes table rows as XML text, for speed: it must be the XML that
    python-docx's own `add_row` and `_Cell.text` give, for padded and ragged rows, empty
    cells, markup characters and edge spaces."""
    import io
    import zipfile

    import docx

    rows = [*rows_of(TEXT)[:12], "段落", ["a<b", "", " 边 ", "&", "x"], ["1"], ["", "2"]]
    document = docx.Document()
    table = None
    for item in rows:
        if isinstance(item, str):
            document.add_paragraph(item)
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=max(len(r) for r in rows if isinstance(r, list)))
        row = table.add_row()
        for i, c in enumerate(item):
            row.cells[i].text = c
        if ragged:
            for tc in list(row._tr.tc_lst)[len(item):]:
                row._tr.remove(tc)
    buf = io.BytesIO()
    document.save(buf)
    part = lambda data: zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")  # noqa: E731
    assert part(to_docx(rows, ragged=ragged)) == part(buf.getvalue())


def test_html_prose_in_mixed_content_is_kept():
    """Text straight inside a <div> beside blocks, inline elements between blocks, tails."""
    from disclosure_cli.readers.html import read_html

    page = ("<html><body><nav>首页 | 政务公开</nav><div>引言<span>（正文）</span><p>一、总体情况</p>"
            "<div>本年度共收到申请<b>26</b>件。<p>段落</p>尾部文字</div><span>二、主动公开政府信息情况</span>"
            "</div><footer>版权所有</footer></body></html>")
    lines = [c.text for c in read_html(page.encode("utf-8"), "x.html").prose]
    assert lines == ["引言（正文）", "一、总体情况", "本年度共收到申请26件。", "段落", "尾部文字", "二、主动公开政府信息情况"]
