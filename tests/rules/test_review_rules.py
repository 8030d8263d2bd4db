"""The rules reviewers ask for (issue 10): P-DEADLINE, S-CIRCULAR, N-STALE, N-ZERO,
T2-RULEMAKER, T2-FEE-UNIT, S-SECTION1, X-REUSE, X-SAME, X-REPEAL, X-JUMP — a failing and a
passing case each, and the whole corpus, where each finding is a defect of that report."""

from __future__ import annotations

import copy
import json
from functools import cache

import pytest
from click.testing import CliRunner

from disclosure_cli import parse
from disclosure_cli.cli import main
from disclosure_cli.rules import RULES, run

from ..conftest import CLEAN, CORPUS, REFERENCE, SAMPLES
from .helpers import clean, findings

TEXT = CLEAN.read_text(encoding="utf-8")
NEW_RULES = ("P-DEADLINE", "S-CIRCULAR", "N-STALE", "N-ZERO", "T2-RULEMAKER", "T2-FEE-UNIT", "S-SECTION1",
             "X-REUSE", "X-SAME", "X-REPEAL", "X-JUMP")


def _with_prose(old: str, new: str, text: str = TEXT):
    assert old in text
    return parse(text.replace(old, new))


def _as_previous(report, year: int):
    prev = copy.deepcopy(report)
    prev.year = year
    prev.path = "last-year.txt"
    return prev


def _check_cli(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ------------------------------------------------------------------------------ P-DEADLINE


def test_p_deadline_with_the_published_option():
    doc = _check_cli(str(CLEAN), "--published", "2024-02-20", "--select", "P-DEADLINE")
    (file,) = doc["files"]
    assert (file["published"], file["published_source"]) == ("2024-02-20", "option")
    (f,) = file["findings"]
    assert f["severity"] == "warning" and "2024-01-31" in f["message"] and "部门" in f["message"]
    on_time = _check_cli(str(CLEAN), "--published", "2024-01-31", "--select", "P-DEADLINE")
    assert on_time["files"][0]["findings"] == []
    bad = CliRunner().invoke(main, ["check", str(CLEAN), "--published", "20.2.2024"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_p_deadline_signature_date_and_levels():
    report = parse(TEXT + "示例县市场监督管理局\n2024年2月20日\n")
    assert (report.published, report.published_source) == ("2024-02-20", "signature")
    (f,) = findings("P-DEADLINE", report)
    assert "于2024-02-20公布（落款日期），晚于2024-01-31" in f.message
    # a government's own report is due on 31 March; a town's deadline is local: info only
    gov = parse(TEXT.replace("示例县市场监督管理局", "示例县人民政府") + "二〇二四年三月二十九日\n")
    assert gov.published == "2024-03-29" and findings("P-DEADLINE", gov) == []
    town = parse(TEXT.replace("示例县市场监督管理局", "示例县某某镇人民政府") + "2024年4月2日\n")
    (f,) = findings("P-DEADLINE", town)
    assert f.severity == "info"
    assert findings("P-DEADLINE", clean()) == []  # no date, no finding


def test_published_from_a_saved_page():
    body = "".join(f"<p>{line}</p>" for line in TEXT.splitlines() if "|" not in line)
    meta = parse(f'<html><head><meta name="PubDate" content="2024-02-02 09:30"></head><body>{body}'
                 '<p>发布日期：2024-01-20</p></body></html>'.encode(), name="page.html")
    assert (meta.published, meta.published_source) == ("2024-02-02", "page-meta")
    text = parse(f"<html><body><p>成文日期：2024-01-10</p><p>发布日期：2024年1月20日</p>{body}"
                 "<p>2024年3月1日</p></body></html>".encode(), name="page.html")
    assert (text.published, text.published_source) == ("2024-01-20", "page-text")


def test_p_deadline_on_the_corpus_dates():
    shanghai = corpus("2019_shanghai_municipal_govt_general_office.html")  # 发布日期：2020-01-31, a 办公厅
    assert (shanghai.published, shanghai.published_source) == ("2020-01-31", "page-text")
    shuyang = corpus("2025_suqian_shuyang_county_govt_ocr.md")  # signed 2026年1月23日, a county government
    assert (shuyang.published, shuyang.published_source) == ("2026-01-23", "signature")
    assert findings("P-DEADLINE", shanghai) == findings("P-DEADLINE", shuyang) == []


# ------------------------------------------------------------------------------ S-CIRCULAR


def test_s_circular():
    assert findings("S-CIRCULAR", clean()) == []  # 2023, 30号, 2021 tables
    assert findings("S-CIRCULAR", parse(REFERENCE)) == []  # 2020, 60号, 2019 tables
    (f,) = findings("S-CIRCULAR", _with_prose("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号"))
    assert "2023年度报告应依据国办公开办函〔2021〕30号" in f.message and "表格采用的是国办公开办函〔2021〕30号" in f.message
    # citing both is not judged
    assert findings("S-CIRCULAR", _with_prose("（国办公开办函〔2021〕30号）", "（国办公开办函〔2021〕30号，国办公开办函〔2019〕60号）")) == []


# ------------------------------------------------------------------------------ N-STALE


def test_n_stale():
    assert findings("N-STALE", clean()) == []
    (f,) = findings("N-STALE", _with_prose("2023年，示例县市场监督管理局认真", "2022年，示例县市场监督管理局认真"))
    assert f.expected == 2023 and f.actual == 2022 and "2022年，示例县" in f.message
    for ok in ("较2022年，示例县市场监督管理局认真", "2022年以来，示例县市场监督管理局认真", "2024年，示例县市场监督管理局将认真"):
        assert findings("N-STALE", _with_prose("2023年，示例县市场监督管理局认真", ok)) == [], ok


# ------------------------------------------------------------------------------ N-ZERO


def test_n_zero_applications():
    report = _with_prose("本年度共收到政府信息公开申请26件，上年结转2件，", "本年度未收到政府信息公开申请，")
    (f,) = findings("N-ZERO", report)
    assert f.expected == 26 and f.actual == 0 and f.severity == "error"
    assert findings("N-APP", report) == []  # the same contradiction is N-ZERO's, not N-APP's
    assert findings("N-ZERO", clean()) == []
    assert findings("N-ZERO", parse(REFERENCE)) == []  # 未接到依申请公开办件, table 3 all 0
    reverse = parse(REFERENCE.read_text(encoding="utf-8").replace("我单位未接到依申请公开办件", "我单位共受理政府信息公开申请3件"))
    (f,) = findings("N-ZERO", reverse)
    assert f.expected == 0 and f.actual == 3


def test_n_zero_reconsideration_and_litigation():
    report = _with_prose("本年度发生政府信息公开行政复议2件，其中结果维持1件，尚未审结1件；行政诉讼1件，尚未审结。",
                         "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    got = sorted((f.keys, f.expected) for f in findings("N-ZERO", report))
    assert got == [(("t4.review.total",), 2), (("t4.suit_direct.total", "t4.suit_after_review.total"), 1)]
    # "no correction" is not "none"
    fine = _with_prose("本年度发生政府信息公开行政复议2件，其中结果维持1件，尚未审结1件；行政诉讼1件，尚未审结。",
                       "本年度未发生行政复议被纠错情况。")
    assert findings("N-ZERO", fine) == []


def test_n_zero_says_blank_for_a_blank_cell_never_0():
    """A table cell left blank (— or empty) is said to be blank (为空), not 0."""
    t4 = "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"
    report = _with_prose(t4, t4.replace("1 | 0 | 0 | 1 | 2 |", "— | — | — | — | — |", 1))
    (f,) = [f for f in findings("N-ZERO", report) if f.keys == ("t4.review.total",)]
    assert "表格为空" in f.message and "为0件" not in f.message and f.actual == 2
    row = "一、本年新收政府信息公开申请数量 | 20 | 5 | 0 | 0 | 1 | 0 | 26 |"
    report = _with_prose(row, "一、本年新收政府信息公开申请数量 | — | — | — | — | — | — | — |")
    (f,) = findings("N-ZERO", report)
    assert "表格为空" in f.message and "0件" not in f.message.split("表格")[1]
    some = _with_prose(row, "一、本年新收政府信息公开申请数量 | 0 | — | 0 | 0 | 0 | 0 | — |")
    (f,) = findings("N-ZERO", some)
    assert "为0件（其中1个空白单元格按0计）" in f.message  # 总计 blank: the applicant cells add up


# ------------------------------------------------------------------------------ T2-RULEMAKER


def test_t2_rulemaker():
    report = clean()  # 示例县市场监督管理局: a county department
    assert findings("T2-RULEMAKER", report) == []  # 规章 0 / 0 / 0
    report.values["t2.regulations.issued"].value = 2
    (f,) = findings("T2-RULEMAKER", report)
    assert "县级机关（示例县）" in f.message and f.keys == ("t2.regulations.issued",)
    # a 设区的市 government makes 规章: 淮安市 reports 规章 1 / 0 / 11
    assert findings("T2-RULEMAKER", corpus("2024_huaian_city_govt.pdf")) == []


# ------------------------------------------------------------------------------ T2-FEE-UNIT


def test_t2_fee_unit():
    assert findings("T2-FEE-UNIT", clean()) == []  # 12.5 万元
    (f,) = findings("T2-FEE-UNIT", _with_prose("行政事业性收费 | 12.5 |", "行政事业性收费 | 125000元 |"))
    assert "125000元" in f.message
    report = clean()
    report.values["t2.fees.amount"].value = 1250000
    (f,) = findings("T2-FEE-UNIT", report)
    assert "125亿元" in f.message
    assert findings("T2-FEE-UNIT", corpus("2024_huaian_city_govt.pdf")) == []  # 96171.6 万元 for a city


# ------------------------------------------------------------------------------ S-SECTION1


def test_s_section1():
    assert findings("S-SECTION1", clean()) == []
    (f,) = findings("S-SECTION1", _with_prose("（四）平台建设。依托县政府门户网站开展政府信息公开工作。\n", ""))
    assert "未涉及：平台建设" in f.message
    gov = parse(TEXT.replace("示例县市场监督管理局", "示例县人民政府"))
    (f,) = findings("S-SECTION1", gov)  # 考核 is there (绩效考核); 社会评议 and 责任追究 are not
    assert "社会评议结果、责任追究结果" in f.message and "工作考核" not in f.message


# ------------------------------------------------------------------------------ across years


def test_x_reuse():
    cur = clean()
    prev = _as_previous(cur, 2022)
    (f,) = findings("X-REUSE", cur, prev)
    assert "与2022年度报告逐字相同" in f.message and f.actual == 1.0
    other = _with_prose("一是主动公开内容的深度有待加强，政策解读形式较为单一；", "一是公开的及时性有待提高，部分栏目更新滞后；")
    assert findings("X-REUSE", other, prev) != []  # one changed sentence of several
    assert run(cur, [RULES["X-REUSE"]], previous=prev, options={"X-REUSE": {"threshold": 1.01}}) == []


def test_x_reuse_numbers_are_masked_and_new_text_passes():
    cur = _with_prose("2023年，示例县", "2024年，示例县")
    prev = _as_previous(clean(), 2023)
    assert findings("X-REUSE", cur, prev) != []
    assert findings("X-REUSE", clean(), _as_previous(parse(REFERENCE), 2022)) == []


def test_x_same():
    cur = clean()
    prev = _as_previous(cur, 2022)
    (f,) = findings("X-SAME", cur, prev)
    assert "完全相同" in f.message
    prev.values["t3.new_received.total"].value = 25
    prev.derived = {}
    assert findings("X-SAME", cur, prev) == []
    zero = copy.deepcopy(cur)
    zero.derived = {}  # the digest is cached per report
    for v in zero.values.values():
        v.value = 0
    assert findings("X-SAME", zero, _as_previous(zero, 2022)) == []


def test_x_repeal():
    cur = clean()  # 行政规范性文件 制发 3, 废止 1
    prev = _as_previous(cur, 2022)
    prev.values["t2.normative_docs.in_force"].value = 0
    assert findings("X-REPEAL", cur, prev) == []
    cur.values["t2.normative_docs.repealed"].value = 5
    (f,) = findings("X-REPEAL", cur, prev)
    assert f.expected == 3 and f.actual == 5 and "本年废止件数5" in f.message


def test_x_jump():
    cur = clean()
    prev = _as_previous(cur, 2022)
    assert findings("X-JUMP", cur, prev) == []
    prev.values["t2.penalty.decisions"].value = 12  # 12 → 86
    (f,) = findings("X-JUMP", cur, prev)
    assert f.expected == 12 and f.actual == 86 and "行政处罚" in f.message
    prev.values["t2.penalty.decisions"].value = 2  # 2 → 86: below the floor of 10 only on one side
    assert len(findings("X-JUMP", cur, prev)) == 1
    prev.values["t4.review.total"].value = 0  # either year 0: not judged
    assert all("行政复议" not in f.message for f in findings("X-JUMP", cur, prev))


def test_hongze_pair():
    """洪泽区 2023 → 2024: 行政许可 550 → 9487 with no word of explanation — X-JUMP's case. The
    narrative shares 4 of 17 sentences with 2023 (below 50%); tables differ; nothing repealed."""
    doc = _check_cli(str(CORPUS / "2024_huaian_hongze_district_govt.pdf"), str(CORPUS / "2023_huaian_hongze_district_govt.pdf"))
    (pair,) = doc["pairs"]
    assert [(f["rule"], f["expected"], f["actual"]) for f in pair["findings"]] == [("X-JUMP", 550, 9487)]


# ------------------------------------------------------------------------------ precision fixes


def test_n_app_reads_only_disclosure_applications():
    report = _with_prose("（三）政府信息管理。", "（三）政府信息管理。全年受理网络问政182件，12345热线工单300件，咨询45件。")
    assert findings("N-APP", report) == []
    reference = REFERENCE.read_text(encoding="utf-8").replace("2020年,我单位未接到依申请公开办件。", "全年共收到政府信息公开申请69件。")
    report = parse(reference)  # 2019 template
    report.values["t3.new_received.total"].value = 59
    (f,) = findings("N-APP", report)
    assert f.expected == 59 and f.actual == 69
    for phrasing in ("本年度共收到各类政府信息公开申请69件。", "收到公民、法人和其他组织提出的政府信息公开申请69件。",
                     "全年受理依申请公开申请69件。"):
        report = parse(reference.replace("全年共收到政府信息公开申请69件。", phrasing))
        report.values["t3.new_received.total"].value = 59
        assert [f.actual for f in findings("N-APP", report)] == [69], phrasing


def test_heading_with_a_stray_ocr_character():
    report = _with_prose("五、存在的主要问题及改进情况", "l六、存在的主要问题及改进措施")
    five = report.section(5)
    assert five is not None and five.printed == 6
    assert [f.message for f in findings("S-SECTION", report)] == [
        "标题「l六、存在的主要问题及改进措施」编号为“六”，按格式应为“五” / heading numbered differently from the format"]


def test_table_4_alone_is_read_and_the_missing_tables_named():
    lines = TEXT.splitlines()
    start = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    report = parse("\n".join(lines[:3] + lines[start:]))
    assert report.template is None
    assert [f.message for f in findings("S-TABLE", report)] == [
        "未找到表二（主动公开） / table 2 not found", "未找到表三（收到和处理申请） / table 3 not found"]
    assert report.number("t4.review.total") == 2 and report.number("t4.suit_direct.total") == 1


def test_agency_from_a_title_field():
    report = _with_prose("示例县市场监督管理局2023年政府信息公开工作年度报告", "标题：示例县市场监督管理局2023年政府信息公开工作年度报告")
    assert report.agency == "示例县市场监督管理局" and report.title.startswith("示例县")


# ------------------------------------------------------------------------------ the corpus


@cache
def corpus(name: str):
    return parse(CORPUS / name)


# Each finding of the new rules on the corpus and the samples, and why the report has that defect.
EXPECTED = {
    # 30号 and 条例 第五十条（四）: a 人民政府's report gives its 考核/社会评议/责任追究 results;
    # these governments' sections 一 and 五 do not mention them.
    "2023_huaian_hongze_district_govt.pdf": {"S-SECTION1"},  # none of the three
    "2024_huaian_hongze_district_govt.pdf": {"S-SECTION1"},  # 考核 only
    "2024_huaian_city_govt.pdf": {"S-SECTION1"},  # none of the three
    "2025_suqian_shuyang_county_govt_ocr.md": {"S-SECTION1"},  # 考核 only
    # A town reporting 规章 2 / 0 / 2 — its prose lists 「规章制度类2条」: internal rules counted
    # as 规章; its section 一 has no 平台建设 and none of the three results.
    "excerpts/2022_taojiang_songmutang_town_web_excerpt.txt": {"T2-RULEMAKER", "S-SECTION1"},
    # Complete sections 一 lacking aspects: (一)主动公开 (二)依申请公开 (三)群众咨询 — no 政府信息
    # 管理, no 监督保障; (一)主动公开 (二)信息管理 — no 依申请公开; one paragraph on publishing
    # on the website — no 依申请公开, no 监督保障.
    "excerpts/2023_changchun_municipal_bureau_styjrswj_web_excerpt.txt": {"S-SECTION1"},
    "excerpts/2023_district_statistics_bureau_web_excerpt.txt": {"S-SECTION1"},
    "excerpts/yr-unknown_xuwen_county_bureau_web_excerpt.txt": {"S-SECTION1"},
}
FILES = sorted(str(p.relative_to(CORPUS)) for p in [*CORPUS.glob("*.*"), *CORPUS.glob("excerpts/*")]
               if p.name != "README.md")


@pytest.mark.parametrize("name", FILES)
def test_new_rules_on_the_corpus(name):
    report = corpus(name)
    got = {f.rule for f in run(report, [RULES[r] for r in NEW_RULES if not RULES[r].pair])}
    assert got == EXPECTED.get(name, set())


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_new_rules_are_silent_on_the_samples(sample):
    report = parse(SAMPLES / sample)
    assert run(report, [RULES[r] for r in NEW_RULES if not RULES[r].pair]) == []



def test_x_reuse_threshold_from_the_configuration(tmp_path):
    from disclosure_cli.config import load_file
    from disclosure_cli.model import InputError

    path = tmp_path / "disclosure.toml"
    path.write_text('[options.X-REUSE]\nthreshold = 0.3\n', encoding="utf-8")
    assert load_file(path).options == {"X-REUSE": {"threshold": 0.3}}
    for bad, says in (('[options.X-REUSE]\nlimit = 0.3\n', "unknown setting 'limit'"),
                      ('[options.X-REUSE]\nthreshold = "half"\n', "is not a number"),
                      ('[options.T3-BAL]\nthreshold = 0.3\n', "not a rule with settings")):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(InputError, match=says):
            load_file(path)


def test_batch_pairing_keeps_what_x_reuse_and_x_same_need(tmp_path):
    """Pairing works on compact records after the prose is dropped: the narrative and the value
    digest travel with them."""
    last_year = tmp_path / "2022.txt"
    last_year.write_text(TEXT.replace("2023", "2022"), encoding="utf-8")
    doc = _check_cli(str(CLEAN), str(last_year), "--select", "X-REUSE,X-SAME")
    (pair,) = doc["pairs"]
    assert pair["previous"] == str(last_year)
    assert sorted(f["rule"] for f in pair["findings"]) == ["X-REUSE", "X-SAME"]


def test_pairing_keeps_only_what_the_selected_rules_derive():
    from disclosure_cli.batch import Job, process
    from disclosure_cli.config import Config

    _, small = process(str(CLEAN), Job(Config(select=["X-CARRY"])))
    assert small.derived == {} and "t3.carried_over.total" in small.values
    _, small = process(str(CLEAN), Job(Config(select=["X-"])))
    assert set(small.derived) == {"narrative", "value_digest"} and small.derived["narrative"]
