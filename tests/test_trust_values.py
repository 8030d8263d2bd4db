"""Never a silent wrong number (issue 8 §1): each reproduced example, in every form the tests
can render (the pasted layouts, HTML, Word). The property tests (test_damaged_reports) cover
the variants."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from disclosure_cli import check, parse, parse_all
from disclosure_cli.cli import main

from .conftest import CLEAN
from .layouts import render, rows_of, to_docx, to_html

TEXT = CLEAN.read_text(encoding="utf-8")
FORMS = ("row", "cell", "markdown", "markdown_bare", "tab", "html", "docx")


def _in(form: str, text: str) -> tuple[bytes, str]:
    rows = rows_of(text)
    if form == "html":
        return to_html(rows), "r.html"
    if form == "docx":
        return to_docx(rows), "r.docx"
    return render(rows, form).encode("utf-8"), "r.txt"


def _parse(form: str, text: str):
    data, name = _in(form, text)
    return parse(data, name=name)


def _s_cell_names(report, key: str) -> bool:
    return any(f.rule == "S-CELL" and key in f.keys for f in check(report))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("written", ["1,5200", "20,1234", "1,234,5678", "2 0"])
def test_malformed_digit_grouping_is_unreadable_never_another_number(form, written):
    report = _parse(form, TEXT.replace("行政许可 | 1520 |", f"行政许可 | {written} |"))
    v = report.values["t2.licensing.decisions"]
    assert (v.value, v.status, v.raw) == (None, "unreadable", written)
    assert _s_cell_names(report, v.key)
    (f,) = [f for f in check(report) if f.rule == "S-CELL" and v.key in f.keys]
    assert "数字格式不规范" in f.message and f"「{written}」" in f.message and "实为文字" not in f.message


@pytest.mark.parametrize("form", ["row", "html"])
@pytest.mark.parametrize("written,key", [("1,5200", "t4.review.upheld"), ("3 4", "t3.new_received.natural_person")])
def test_a_malformed_number_is_named_as_such_in_every_table(form, written, key):
    """S-CELL tells a number written wrong (数字格式不规范, with its text) from words in a number
    cell (实为文字)."""
    t4 = "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"
    t3 = "一、本年新收政府信息公开申请数量 | 20 |"
    text = TEXT.replace(t4, f"{written} | " + t4.split(" | ", 1)[1], 1) if key.startswith("t4") else \
        TEXT.replace(t3, t3.replace("20", written))
    report = _parse(form, text)
    assert report.values[key].raw == written
    (f,) = [f for f in check(report) if f.rule == "S-CELL" and key in f.keys]
    assert f"数字格式不规范（「{written}」" in f.message
    words = _parse(form, TEXT.replace("行政处罚 | 86 |", "行政处罚 | 约86 |"))
    assert any("实为文字" in f.message and "数字格式" not in f.message for f in check(words) if f.rule == "S-CELL")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("written", ["1,520", "1，520", "1\u00a0520", "1\u2009520"])
def test_well_formed_grouping_is_read(form, written):
    if form == "docx" and written[1].isspace():
        pytest.skip("the Word reader makes every space an ordinary one: `1 520` is unreadable there (README, Limits)")
    assert _parse(form, TEXT.replace("行政许可 | 1520 |", f"行政许可 | {written} |")).values["t2.licensing.decisions"].value == 1520


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("written", ["abc", "（空）", "二十", "约86"])
def test_text_in_a_number_cell_is_that_cell_unreadable(form, written):
    report = _parse(form, TEXT.replace("行政处罚 | 86 |", f"行政处罚 | {written} |"))
    v = report.values["t2.penalty.decisions"]
    assert (v.value, v.status, v.raw) == (None, "unreadable", written)
    assert v.row_label == "行政处罚"  # the text is not swallowed into the label
    assert _s_cell_names(report, v.key)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("written", ["（空）", "二十"])
def test_one_odd_cell_leaves_the_rest_of_its_row(form, written):
    row = "一、本年新收政府信息公开申请数量 | 20 | 5 | 0 | 0 | 1 | 0 | 26 |"
    report = _parse(form, TEXT.replace(row, row.replace("| 5 |", f"| {written} |")))
    got = {k.rsplit(".", 1)[1]: (v.value, v.status, v.raw) for k, v in report.values.items() if k.startswith("t3.new_received.")}
    assert got["commercial"] == (None, "unreadable", written)
    assert [got[c][0] for c in ("natural_person", "research", "social", "legal", "other", "total")] == [20, 0, 0, 1, 0, 26]
    # table 4's data row too
    t4 = "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"
    report = _parse(form, TEXT.replace(t4, t4.replace("1 | 0 | 0 | 1 | 2 |", f"1 | {written} | 0 | 1 | 2 |", 1)))
    assert (report.values["t4.review.corrected"].status, report.values["t4.review.corrected"].raw) == ("unreadable", written)
    assert report.values["t4.review.total"].value == 2 and report.values["t4.suit_direct.total"].value == 1


def _swap_t3_columns(text: str, i: int, j: int) -> str:
    """Swap applicant columns i and j (0 = 自然人) in table 3's header and every row."""
    lines = []
    header = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("|")[:-1]]
        if cells == header:
            cells[i - 1], cells[j - 1] = cells[j - 1], cells[i - 1]
        elif len(cells) >= 8 and not cells[0].isdigit() and all(c.isdigit() for c in cells[-7:]):
            values = cells[-7:]
            values[i], values[j] = values[j], values[i]
            cells = cells[:-7] + values
        else:
            lines.append(line)
            continue
        lines.append(" | ".join(cells) + " |")
    return "\n".join(lines)


@pytest.mark.parametrize("form", FORMS)
def test_table3_columns_follow_the_header(form):
    report = _parse(form, _swap_t3_columns(TEXT, 1, 2))  # 科研机构 before 商业企业
    assert report.values["t3.new_received.commercial"].value == 5
    assert report.values["t3.new_received.research"].value == 0
    assert {k: v.value for k, v in report.values.items()} == {k: v.value for k, v in parse(CLEAN).values.items()}
    warnings = [f for f in check(report) if f.rule == "S-TEMPLATE"]
    assert len(warnings) == 1 and "科研机构、商业企业" in warnings[0].message and warnings[0].severity == "warning"


@pytest.mark.parametrize("form", FORMS)
def test_table4_groups_and_results_follow_the_header(form):
    head = ("行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
            "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |")
    swapped = ("行政诉讼 | 行政复议 |\n复议后起诉 | 未经复议直接起诉 | 总计 | 尚未审结 | 其他结果 | 结果纠正 | 结果维持 |\n"
               "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
               "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 | 2 | 1 | 0 | 0 | 1 |")
    assert head in TEXT
    report = _parse(form, TEXT.replace(head, swapped))
    assert {k: v.value for k, v in report.values.items() if k.startswith("t4.")} == {
        k: v.value for k, v in parse(CLEAN).values.items() if k.startswith("t4.")
    }
    assert any("列顺序与格式不同" in f.message and f.table == "t4" for f in check(report))


T4_HEAD = "行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("damaged", [
    "行政诉讼 | 行政复议 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n",  # groups swapped
    "行政诉讼 | 行政复议 |\n未经复议直接起诉 | 复议后起诉 |\n",  # a line lost, the rest contradicting the template
])
def test_a_contradictory_table4_header_gives_no_value(form, damaged):
    """The first header line names the groups in the other order while the rest of the header
    and the values follow the template: no value is read from another group's column."""
    assert T4_HEAD in TEXT
    report = _parse(form, TEXT.replace(T4_HEAD, damaged))
    t4 = {k: v for k, v in report.values.items() if k.startswith("t4.")}
    assert len(t4) == 15 and all(v.value is None and v.status == "unreadable" for v in t4.values())
    errors = [f for f in check(report) if f.rule == "S-CELL" and f.table == "t4"]
    assert len(errors) == 1 and errors[0].severity == "error" and "表头" in errors[0].message


@pytest.mark.parametrize("form", ["row", "cell", "html"])
def test_unreadable_header_falls_back_to_the_template_order_and_says_so(form):
    report = _parse(form, TEXT.replace("商业企业 | 科研机构 |", "商业 | 科研机构 |"))
    assert report.values["t3.new_received.commercial"].value == 5
    notes = [f for f in check(report) if f.rule == "S-TEMPLATE"]
    assert len(notes) == 1 and "按格式的列顺序" in notes[0].message and notes[0].table == "t3"


@pytest.mark.parametrize("form", FORMS)
def test_two_reports_in_one_file_are_checked_each(form):
    second = TEXT.replace("示例县市场监督管理局", "示例县交通运输局").replace("行政处罚 | 86 |", "行政处罚 | 87 |")
    second = second.replace("（七）总计 | 20 | 4 |", "（七）总计 | 21 | 4 |")  # an error only the second has
    data, name = _in(form, TEXT + "\n" + second)
    first, other = parse_all(data, name=name)
    assert (first.path, other.path) == (name, f"{name}#2")
    assert (first.agency, other.agency) == ("示例县市场监督管理局", "示例县交通运输局")
    assert first.values["t2.penalty.decisions"].value == 86 and other.values["t2.penalty.decisions"].value == 87
    assert check(first) == [] and {f.rule for f in check(other)} >= {"T3-OUT", "T3-ROW"}
    assert parse(data, name=name).path == name  # parse gives the first


def test_two_reports_through_the_cli(tmp_path):
    second = TEXT.replace("示例县市场监督管理局", "示例县交通运输局").replace("（七）总计 | 20 | 4 |", "（七）总计 | 21 | 4 |")
    path = tmp_path / "two.txt"
    path.write_text(TEXT + "\n" + second, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", str(path)])
    doc = json.loads(r.stdout)
    assert r.exit_code == 1
    assert [f["path"] for f in doc["files"]] == [str(path), f"{path}#2"]
    assert doc["files"][0]["findings"] == [] and doc["files"][1]["findings"]


def test_summaries_count_files_and_reports_apart(tmp_path):
    """A file holding two reports (path, path#2) and two more files: 3 files, 4 reports."""
    two = tmp_path / "two.txt"
    two.write_text(TEXT + "\n" + TEXT.replace("示例县市场监督管理局", "示例县交通运输局"), encoding="utf-8")
    others = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for p in others:
        p.write_text(TEXT, encoding="utf-8")
    args = ["check", "--isolated", str(two), *map(str, others)]
    r = CliRunner().invoke(main, [*args, "-f", "text"])
    assert r.stdout.splitlines()[-1].startswith("✓ 3 files, 4 reports checked: 4 clean, 0 with findings, 0 unreadable")
    r = CliRunner().invoke(main, [*args, "-f", "github"])
    assert r.stderr.splitlines()[-1] == "disclosure: 3 files, 4 reports, 0 unreadable; 0 errors, 0 warnings, 0 info"
    r = CliRunner().invoke(main, [*args, "-f", "html"])
    assert "3 份文件（4 份报告）：4 份无问题" in r.stdout
    r = CliRunner().invoke(main, [*args, "-f", "json"])
    assert json.loads(r.stdout)["summary"]["files"] == 4  # the json `files` array's entries: one per report
    r = CliRunner().invoke(main, ["check", "--isolated", *map(str, others), "-f", "text"])
    assert "2 files checked" in r.stdout.splitlines()[-1]  # one report each: unchanged


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("differs", [False, True])
def test_the_same_table_twice_is_an_error(form, differs):
    start = TEXT.index("（本列数据的勾稽关系")
    end = TEXT.index("四、政府信息公开行政复议")
    table = TEXT[start:end]
    copy = table.replace("（七）总计 | 20 | 4 |", "（七）总计 | 21 | 4 |") if differs else table
    report = _parse(form, TEXT[:end] + copy + TEXT[end:])
    twice = [f for f in check(report) if f.rule == "S-TABLE"]
    assert len(twice) == 1 and "出现两次" in twice[0].message and twice[0].severity == "error"
    total = report.values["t3.handled_total.natural_person"]
    assert (total.value, total.status) == ((None, "unreadable") if differs else (20, "ok"))
    assert report.values["t3.new_received.total"].value == 26


def _fused(text: str) -> str:
    """Every table row's cells run together, as a copy that lost its cell boundaries."""
    return "\n".join("".join(c.strip() for c in line.split("|")) if "|" in line else line for line in text.split("\n"))


def test_fused_cells_are_reported_not_refused(tmp_path):
    path = tmp_path / "fused.txt"
    path.write_text(_fused(TEXT), encoding="utf-8")
    report = parse(path)
    assert report.title == "示例县市场监督管理局2023年政府信息公开工作年度报告" and len(report.sections) == 6
    assert all(v.value is None for v in report.values.values())
    cells = [f for f in check(report) if f.rule in ("S-CELL", "S-TABLE")]
    assert any("边界丢失" in f.message and "数量205001026" in f.message for f in cells)
    r = CliRunner().invoke(main, ["check", "--isolated", str(path)])
    assert r.exit_code == 1 and "边界丢失" in r.stdout


def test_a_whole_table_on_one_line_is_one_finding():
    lines, table = [], []
    for line in TEXT.split("\n"):
        if "|" in line:
            table.append("".join(c.strip() for c in line.split("|")))
            continue
        if table:
            lines.append("".join(table))
            table = []
        lines.append(line)
    report = parse("\n".join(lines).encode(), name="oneline.txt")
    fused = [f for f in check(report) if f.rule == "S-TABLE" and "边界丢失" in f.message]
    assert {f.table for f in fused} == {"t2", "t3", "t4"}
    assert not [f for f in check(report) if f.rule == "S-CELL"]  # one finding per table, not per cell


def test_paragraphs_in_an_html_cell_are_not_one_number():
    page = to_html(rows_of(TEXT)).decode().replace("<td><p><span>1520</span></p></td>", "<td><p>1</p><p>520</p></td>")
    v = parse(page.encode(), name="r.html").values["t2.licensing.decisions"]
    assert (v.value, v.status, v.raw) == (None, "unreadable", "1 520")


def _footnoted_docx(text: str, number: str) -> bytes:
    """The report as Word, the cell holding `number` followed by a superscript run `1`."""
    import io

    import docx

    document = docx.Document(io.BytesIO(to_docx(rows_of(text))))
    cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == number)
    cell.paragraphs[0].add_run("1").font.superscript = True
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("form", ["html", "docx", "text"])
def test_a_footnote_mark_is_never_glued_onto_its_number(form):
    """`1520<sup>1</sup>` (HTML), a raised run (Word) or `1520¹` (pasted) is not 15201: the
    cell is unreadable and S-CELL names the footnote mark."""
    if form == "html":
        data, name = to_html(rows_of(TEXT)).replace(b">1520<", b">1520<sup>1</sup><", 1), "r.html"
    elif form == "docx":
        data, name = _footnoted_docx(TEXT, "1520"), "r.docx"
    else:
        data, name = TEXT.replace("行政许可 | 1520 |", "行政许可 | 1520¹ |").encode("utf-8"), "r.txt"
    report = parse(data, name=name)
    v = report.values["t2.licensing.decisions"]
    assert (v.value, v.status) == (None, "unreadable") and v.raw == "1520¹"
    (f,) = [f for f in check(report) if f.rule == "S-CELL" and v.key in f.keys]
    assert "脚注标记" in f.message and "「¹」" in f.message
    assert report.values["t2.penalty.decisions"].value == 86  # the rest is read


@pytest.mark.parametrize("form", ["row", "html"])
@pytest.mark.parametrize("written", ["1520①", "1520⑴", "1520₁", "152𝟎"])
def test_any_mark_nfkc_would_turn_into_a_digit_is_no_digit(form, written):
    """Circled, parenthesised, subscript or mathematical digits are marks, never digits: NFKC
    would read `1520①` as 15201."""
    report = _parse(form, TEXT.replace("行政许可 | 1520 |", f"行政许可 | {written} |"))
    v = report.values["t2.licensing.decisions"]
    assert (v.value, v.status, v.raw) == (None, "unreadable", written)
    assert any("脚注标记" in f.message for f in check(report) if f.rule == "S-CELL" and v.key in f.keys)


def test_a_footnote_mark_on_a_label_or_in_prose_is_harmless():
    html = to_html(rows_of(TEXT)).replace(b">\xe8\xa1\x8c\xe6\x94\xbf\xe8\xae\xb8\xe5\x8f\xaf<",
                                          "行政许可<sup>1</sup><".encode(), 1)
    assert "行政许可<sup>1</sup>".encode() in html
    assert parse(html, name="r.html").values["t2.licensing.decisions"].value == 1520


T4_DATA = "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("row", [
    "1 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |",  # 14: a cell lost
    "1 | 0 | 0 | 7 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |",  # 16: a cell gained
])
def test_a_table4_row_of_the_wrong_width_shifts_nothing(form, row):
    """14 or 16 cells: no value is placed, and no column shows another cell's text as its raw
    (nor in --show-source): which cell is whose cannot be known."""
    report = _parse(form, TEXT.replace(T4_DATA, row))
    t4 = [v for k, v in report.values.items() if k.startswith("t4.")]
    assert all(v.value is None and v.status == "unreadable" and v.raw is None for v in t4)
    (f,) = [f for f in check(report) if f.rule == "S-CELL" and f.table == "t4"]
    assert len(f.keys) == 15 and len(set(f.locations)) == len(f.locations)


@pytest.mark.parametrize("form", ["row", "html"])
def test_a_short_table3_row_shows_no_cell_as_another_columns(form, tmp_path):
    row = "一、本年新收政府信息公开申请数量 | 20 | 5 | 0 | 0 | 1 | 0 | 26 |"
    report = _parse(form, TEXT.replace(row, "一、本年新收政府信息公开申请数量 | 20 | 0 | 0 | 1 | 0 | 26 |"))
    cells = [v for k, v in report.values.items() if k.startswith("t3.new_received.")]
    assert all(v.value is None and v.raw is None for v in cells)
    path = tmp_path / "r.txt"
    path.write_text(TEXT.replace(row, "一、本年新收政府信息公开申请数量 | 20 | 0 | 0 | 1 | 0 | 26 |"), encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--show-source", str(path)])
    assert "│ 26" not in r.output  # 26 is 总计's text: never shown under 其他


def test_a_note_quoting_a_row_is_not_a_fused_report(tmp_path):
    """A file with no title, sections or tables that quotes a row with its number (a corpus
    README) is no report whose cells ran together: named, it is refused; in a folder, skipped."""
    (tmp_path / "README.md").write_text("# Notes\n\n| 2024 | PDF | Large numbers (行政处罚 3985758; fees 96171.6 万元) |\n", encoding="utf-8")
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    named = CliRunner().invoke(main, ["check", "--isolated", str(tmp_path / "README.md")])
    assert named.exit_code == 2 and "未找到法定统计表" in named.stderr
    walked = CliRunner().invoke(main, ["check", "--isolated", "-q", str(tmp_path)])
    assert walked.exit_code == 0 and "skipped" in walked.stderr and "1 skipped" in walked.stdout
