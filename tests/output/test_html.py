"""`--format html` read back as a DOM: layout, keys, statuses, findings and their links,
escaping, determinism, no external resources. The same page in a real browser:
test_html_browser.py."""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
from click.testing import CliRunner

from disclosure_cli.cli import main
from disclosure_cli.model import FileResult, Finding
from disclosure_cli.output.html import Formatter
from disclosure_cli.templates import TEMPLATES

from ..conftest import CLEAN, CORPUS, ONE_ERROR, REFERENCE, SAMPLES


def page(tmp_path: Path, *args: object) -> tuple[int, lxml.html.HtmlElement, str]:
    """Run the CLI in-process with `--format html -o FILE`: exit code, DOM, source."""
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, [*map(str, args), "--format", "html", "-o", str(out), "-j", "1"])
    text = out.read_text(encoding="utf-8")
    return result.exit_code, lxml.html.fromstring(text), text


def cell(doc, rid: str, key: str):
    return doc.get_element_by_id(f"{rid}-{key}")


def classes(el) -> set[str]:
    return set(el.get("class", "").split())


def test_one_error_marks_both_findings_at_their_cells(tmp_path):
    code, doc, _ = page(tmp_path, "check", ONE_ERROR)
    assert code == 1
    keyed = doc.xpath('//td[@data-key]')
    assert len(keyed) == 200 and all("ok" in classes(td) for td in keyed)
    wrong = cell(doc, "r1", "t3.granted.natural_person")
    assert wrong.text_content().startswith("8")
    assert wrong.get("data-rules") == "T3-ROW T3-OUT" and {"sev-error", "cross"} <= classes(wrong)
    assert cell(doc, "r1", "t3.granted.total").get("data-rules") == "T3-ROW"
    assert cell(doc, "r1", "t3.handled_total.natural_person").get("data-rules") == "T3-OUT"
    assert cell(doc, "r1", "t3.partial.commercial").get("data-rules") is None
    marked = doc.xpath('//td[@data-rules]')
    assert len(marked) == 7 + 22 - 1  # the row of T3-ROW, the column of T3-OUT, one cell in both
    assert [td.get("data-key") for td in doc.xpath('//td[contains(@class, "cross")]')] == ["t3.granted.natural_person"]
    # the cell links to its findings, the findings to their cells
    assert [a.get("href") for a in wrong.xpath(".//sup/a")] == ["#r1-f1", "#r1-f2"]
    first = doc.get_element_by_id("r1-f1")
    assert first.get("data-rule") == "T3-ROW" and "sev-error" in classes(first)
    assert "应为 10 · 实为 11" in first.text_content()
    links = {a.get("href"): a.getparent().text_content() for a in first.xpath('.//ul[@class="cells"]//a')}
    assert "#r1-t3.granted.total" in links and "L31:47" in links["#r1-t3.granted.total"]
    second = doc.get_element_by_id("r1-f2")
    assert "#r1-t3.handled_total.natural_person" in [a.get("href") for a in second.xpath(".//a")]
    assert second.xpath(".//details/summary")[0].text == "另 14 个单元格"  # 22 cells: 8 shown, the rest folded


def test_reference_table4_is_unreadable_not_zero(tmp_path):
    _, doc, _ = page(tmp_path, "check", REFERENCE)
    t4 = doc.xpath('//table[contains(@class, "t4")]//td[@data-key]')
    assert len(t4) == 15
    for td in t4:
        assert {"unreadable", "sev-error"} <= classes(td) and td.get("data-rules") == "S-CELL"
        assert td.text_content().startswith("无法读取") and "0" not in td.text_content().replace("无法读取", "")[:1]
    notice = doc.xpath('//section[@id="r1-t4"]/p[@class="notice"]')[0].text_content()
    assert "表头" in notice
    assert cell(doc, "r1", "t2.licensing.decisions").text_content() == "197"


def test_tables_in_the_official_layout(tmp_path):
    _, doc, _ = page(tmp_path, "extract", CLEAN, REFERENCE)
    t3 = doc.xpath('//section[@id="r1"]//table[contains(@class, "t3")]')[0]
    head = t3.xpath("./thead/tr")
    note = head[0][0]
    assert note.text.startswith("（本列数据的勾稽关系") and (note.get("rowspan"), note.get("colspan")) == ("3", "3")
    assert (head[0][1].text, head[0][1].get("colspan")) == ("申请人情况", "7")
    assert [(th.text, th.get("rowspan"), th.get("colspan")) for th in head[1]] == [
        ("自然人", "2", None), ("法人或其他组织", None, "5"), ("总计", "2", None)]
    assert [th.text for th in head[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    labels = {th.text: th for th in t3.xpath("./tbody//th")}
    assert labels["三、本年度办理结果"].get("rowspan") == "22"  # (一)…(七): 2 + 8 + 3 + 5 + 3 + 1 rows
    assert labels["（三）不予公开"].get("rowspan") == "8" and labels["（六）其他处理"].get("rowspan") == "3"
    assert labels["一、本年新收政府信息公开申请数量"].get("colspan") == "3"
    assert labels["（一）予以公开"].get("colspan") == "2"
    t4 = doc.xpath('//section[@id="r1"]//table[contains(@class, "t4")]/thead/tr')
    assert [(th.text, th.get("colspan")) for th in t4[0]] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert [th.text for th in t4[1]][5:] == ["未经复议直接起诉", "复议后起诉"]
    t2 = doc.xpath('//section[@id="r1"]//table[contains(@class, "t2")]')[0]
    assert [th.text for th in t2.xpath('.//th[@class="caption"]')] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    fee = cell(doc, "r1", "t2.fees.amount")
    assert fee.get("colspan") == "3" and fee.text_content() == "12.5万元"
    # the 2019 template: a single （六）其他处理 row, and block （九）
    ref = doc.xpath('//section[@id="r2"]//table[contains(@class, "t3")]//th[.="（六）其他处理"]')[0]
    assert ref.get("colspan") == "2" and ref.getnext().get("data-key") == "t3.other_handling.natural_person"
    assert doc.xpath('//section[@id="r2"]//th[@class="caption" and .="第二十条第（九）项"]')


def test_extract_shows_tables_without_findings(tmp_path):
    code, doc, _ = page(tmp_path, "extract", SAMPLES)
    assert code == 1  # the reference sample's table 4 cannot be read (183 / 198): extract's exit code says so
    assert doc.xpath("//td[@data-rules]") == [] and doc.xpath('//*[contains(@class, "findings")]') == []
    rows = doc.xpath('//table[@id="index-table"]/tbody/tr')
    assert [r.get("data-status") for r in rows] == ["ok", "ok", "ok"]
    assert [r.xpath("./td")[-1].text for r in rows] == ["183 / 198", "200 / 200", "200 / 200"]
    assert len(doc.xpath("//td[@data-key]")) == 198 + 200 + 200


def test_batch_index_first_with_status_counts_and_links(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, doc, _ = page(tmp_path, "check", SAMPLES, empty)
    assert code == 2  # one unreadable file; the page is still written
    body = doc.xpath("//body/*")
    assert body[1].get("id") == "index"
    rows = doc.xpath('//table[@id="index-table"]/tbody/tr')
    got = [(r.get("data-status"), r.get("data-severities"), r.get("data-rules")) for r in rows]
    assert got == [("findings", "error", "S-CELL"), ("clean", "", ""), ("findings", "error", "T3-ROW T3-OUT"),
                   ("unreadable", "", "")]
    assert [r.xpath(".//a/@href")[0] for r in rows] == ["#r1", "#r2", "#r3", "#r4"]
    assert [td.text for td in rows[2].xpath('./td[@class="num"]')][-3:] == ["2", "0", "0"]
    assert "empty file" in doc.get_element_by_id("r4").text_content()
    assert [o.get("value") for o in doc.xpath('//select[@id="f-rule"]/option')] == ["", "S-CELL", "T3-OUT", "T3-ROW"]
    assert doc.get_element_by_id("filters").get("hidden") is not None  # the page reads fully without the script


def test_report_text_is_escaped(tmp_path):
    hostile = tmp_path / "2023_<i>&x.txt"
    text = ONE_ERROR.read_text(encoding="utf-8").replace(
        "示例县市场监督管理局2023年", '<script>alert(1)</script>示例县市场监督管理局2023年', 1)
    hostile.write_text(text, encoding="utf-8")
    _, doc, source = page(tmp_path, "check", hostile)
    assert "<script>alert" not in source and "<i>&x" not in source and "&lt;i&gt;&amp;x" in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert len(doc.xpath("//script")) == 1  # the page's own
    assert '<script>alert(1)</script>' in doc.xpath("//h2")[1].text_content()


def test_same_input_same_bytes(tmp_path):
    a = page(tmp_path, "check", SAMPLES)[2]
    b = page(tmp_path, "check", SAMPLES)[2]
    assert a == b


def test_nothing_external(tmp_path):
    _, doc, source = page(tmp_path, "check", SAMPLES, CORPUS / "2019_shanghai_municipal_govt_general_office.html")
    assert doc.xpath("//@src") == [] and doc.xpath("//link") == [] and doc.xpath("//img") == []
    assert all(h.startswith("#") for h in doc.xpath("//@href"))
    assert not re.search(r"url\((?!#)", source) and "@import" not in source
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert csp.startswith("default-src 'none'")


def test_prose_finding_quotes_the_sentence_with_the_number_marked(tmp_path):
    _, doc, _ = page(tmp_path, "check", CORPUS / "2019_shanghai_municipal_govt_general_office.html")
    finding = doc.xpath('//li[@data-rule="N-OUT"]')[0]
    quote = finding.xpath(".//blockquote")[0]
    assert quote.xpath(".//mark")[0].text == "258"
    assert quote.text_content().startswith("予以公开及部分公开258件，占33.9%；")
    assert "应为 275 · 实为 258" in finding.text_content()
    assert {a.get("href") for a in finding.xpath('.//ul[@class="cells"]//a')} == {"#r1-t3.granted.total", "#r1-t3.partial.total"}


def test_cross_year_findings_side_by_side(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    this_year = CLEAN.read_text(encoding="utf-8")
    (folder / "2023.txt").write_text(this_year, encoding="utf-8")
    (folder / "2022.txt").write_text(this_year.replace("2023", "2022"), encoding="utf-8")
    _, doc, _ = page(tmp_path, "check", folder)
    rows = doc.xpath('//table[@id="index-table"]/tbody/tr')
    assert rows[1].get("data-rules").startswith("X-VALID X-CARRY") and rows[1].xpath(".//td[last()]/a/@href") == ["#r1"]
    same = doc.xpath('//section[@id="r2"]//li[@data-rule="X-SAME"]')[0]  # on the whole report: no cells to compare
    assert same.xpath('.//table') == [] and "完全相同" in same.text_content()
    carry = cell(doc, "r2", "t3.carried_over.total")
    assert carry.get("data-rules") == "X-CARRY" and "sev-warning" in classes(carry)
    assert cell(doc, "r1", "t3.carried_forward.total").get("data-rules") is None
    finding = doc.xpath('//section[@id="r2"]//li[@data-rule="X-CARRY"]')[-1]
    table = finding.xpath('.//table[@class="xyear"]')[0]
    assert [th.text_content() for th in table.xpath("./thead/tr/th")] == ["单元格", "上年（2022年度）" + str(folder / "2022.txt"), "本年（2023年度）"]
    body = [[c.text_content() for c in tr] for tr in table.xpath("./tbody/tr")]
    assert body == [["「二、上年结转政府信息公开申请数量」「总计」", "2", "2"], ["「四、结转下年度继续办理」「总计」", "3", "3"],
                    ["比对", "按上年报告应为 3", "实为 2"]]
    assert table.xpath(".//a/@href") == ["#r1", "#r1-t3.carried_over.total", "#r2-t3.carried_over.total",
                                         "#r1-t3.carried_forward.total", "#r2-t3.carried_forward.total"]


def test_one_finding_over_cells_of_several_rows(clean_report):
    """A finding grouping one cause (several cells, several locations) marks and links each."""
    values = clean_report.values
    keys = ("t3.granted.total", "t3.partial.total", "t2.fees.amount")
    grouped = Finding("T3-ROW", "warning", "一个原因，三个单元格", keys=keys,
                      locations=tuple(values[k].loc for k in keys), table="t3", path=clean_report.path)
    stream = io.StringIO()
    formatter = Formatter(stream, mode="check")
    formatter.begin()
    formatter.file(FileResult(clean_report.path, clean_report, [grouped]))
    formatter.end(type("Summary", (), {"files": 1, "inputs": 1, "clean": 0, "with_findings": 1, "unreadable": 0, "pairs": 0,
                                       "severities": {"error": 0, "warning": 1, "info": 0}})())
    doc = lxml.html.fromstring(stream.getvalue())
    for key in keys:
        td = cell(doc, "r1", key)
        assert td.get("data-rules") == "T3-ROW" and "sev-warning" in classes(td) and "cross" not in classes(td)
    links = doc.get_element_by_id("r1-f1").xpath('.//ul[@class="cells"]//a/@href')
    assert links == [f"#r1-{k}" for k in keys]


def test_a_new_template_is_drawn_from_its_data(monkeypatch, tmp_path):
    from ..test_templates import _report_text, _toy

    template = _toy()
    monkeypatch.setitem(TEMPLATES, template.id, template)
    source = tmp_path / "toy.txt"
    source.write_text(_report_text(), encoding="utf-8")
    _, doc, _ = page(tmp_path, "extract", source)
    td = cell(doc, "r1", "t2.inspection.decisions")
    assert td.text_content() == "12" and td.getparent()[0].text == "行政检查"
    assert f"{template.id}年格式（{template.circular}）" in doc.get_element_by_id("r1").text_content()


def test_a_finding_on_several_cells_of_one_cause_gives_each_cell_its_value(tmp_path):
    _, doc, _ = page(tmp_path, "check", CORPUS / "2019_shanghai_municipal_govt_general_office.html")
    (finding,) = [li for li in doc.xpath('//li[@data-rule="T3-ROW"]') if "11个单元格为空" in li.text_content()]
    items = finding.xpath('./ul[@class="cells"]/li')
    assert len(items) == 8 and finding.xpath(".//details/summary")[0].text == "另 3 个单元格"
    first = items[0]
    assert first.xpath("./a/@href") == ["#r1-t3.granted.total"] and "应为 272" in first.text_content()
    td = cell(doc, "r1", "t3.granted.total")
    assert "blank" in classes(td) and "T3-ROW" in td.get("data-rules").split() and "应为 272" in td.get("title")


def test_header_shows_the_publication_date_and_where_it_came_from(tmp_path):
    _, doc, _ = page(tmp_path, "check", CORPUS / "2019_shanghai_municipal_govt_general_office.html")
    meta = {dt.text: dt.getnext().text for dt in doc.xpath('//dl[@class="meta"]//dt')}
    assert meta["发布日期"] == "2020-01-31（网页所载发布日期）"
    _, doc, _ = page(tmp_path, "check", ONE_ERROR, "--published", "2024-01-15")
    meta = {dt.text: dt.getnext().text for dt in doc.xpath('//dl[@class="meta"]//dt')}
    assert meta["发布日期"] == "2024-01-15（命令行指定）" and meta["已读取数值"] == "200 / 200"
