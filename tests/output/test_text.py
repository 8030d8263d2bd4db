"""The human format: grouped by table, labels, expected vs actual, clickable locations, source
rows; plain text (and no rich) when piped; the overview options."""

from __future__ import annotations

import io
import subprocess
import sys

from click.testing import CliRunner

from disclosure_cli import check, parse
from disclosure_cli.batch import Summary
from disclosure_cli.cli import main
from disclosure_cli.model import FileResult, Location
from disclosure_cli.output import text
from disclosure_cli.output.text import Formatter

from ..conftest import CLEAN, CORPUS, ONE_ERROR, ROOT
from .helpers import run

SHANGHAI_2019 = CORPUS / "2019_shanghai_municipal_govt_general_office.html"
HONGZE_2023 = CORPUS / "2023_huaian_hongze_district_govt.pdf"


def invoke(*args, env=None):
    return CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, **(env or {})}).invoke(main, list(map(str, args)))


def render(path, color: bool, **options) -> str:
    """One file through the text formatter, as on a terminal (color=True) or piped."""
    report = parse(path)
    stream = io.StringIO()
    formatter = Formatter(stream, color=color, **options)
    formatter.begin()
    result = FileResult(str(path.relative_to(ROOT)), report, check(report))
    formatter.file(result)
    summary = Summary()
    summary.add_file(result)
    formatter.end(summary)
    return stream.getvalue()


def test_human_output_groups_by_table_and_points_at_the_cell():
    out = invoke("check", ONE_ERROR).output
    assert "表三（收到和处理申请）" in out
    assert "T3-ROW" in out and "「（一）予以公开」行" in out and "应为 10，实为 11" in out
    assert f"--> {ONE_ERROR}:31:47 （另6处）" in out  # path:line:col, clickable as in ruff
    assert out.rstrip().splitlines()[-1].startswith("1 file checked: 0 clean, 1 with findings")
    assert "\x1b[" not in out


def test_source_tables_are_named_so_they_cannot_be_read_as_statutory_tables():
    assert Location(line=1, table=2, row=7, col=10).describe(line=False) == "第2个表格 第7行第10列"
    assert Location(page=4, table=6, row=4, col=5).describe() == "第4页 第6个表格 第4行第5列"
    assert Location(line=31, column=47).describe() == "第31行第47列"
    out = render(SHANGHAI_2019, color=False)
    assert "2019_shanghai_municipal_govt_general_office.html 第2个表格 第6行第10列 （另10处）" in out
    assert ".html:1" not in out and "L1" not in out and "table 2" not in out  # the page is one line: no line number
    assert "pdf 第4页 第6个表格 第4行第5列" in render(HONGZE_2023, color=False)


def test_shanghai_blank_column_is_one_finding_that_says_blank():
    out = render(SHANGHAI_2019, color=False)
    (line,) = [x for x in out.splitlines() if "T3-ROW" in x]
    assert "「总计」列有11个单元格为空" in line and "（一）予以公开 272" in line
    assert "T3-OUT" not in out.replace("（T3-OUT）", "") and "实为 0" not in out


def test_show_source_marks_the_cell_and_the_number():
    out = render(ONE_ERROR, color=False, show_source=True)
    lines = out.splitlines()
    i = next(i for i, x in enumerate(lines) if x.rstrip().endswith("│ 11"))
    assert lines[i].lstrip().startswith("31 | （一）予以公开 │ 8 │ 2 │")
    # the caret stands under the 11, counting full-width characters as two columns
    assert lines[i + 1].endswith("^^ 应为 10")
    assert len(lines[i + 1].split("^^")[0]) == _cells(lines[i].rsplit("11", 1)[0])
    prose = render(SHANGHAI_2019, color=False, show_source=True)
    assert "…予以公开及部分公开258件，占33.9%；…" in prose and "^^^ ≠ 275" in prose
    assert "应为 272" in prose and "…另有8行" in prose


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_source_is_off_when_piped_and_on_for_a_terminal():
    assert " | " not in render(ONE_ERROR, color=False)
    assert "^^" in render(ONE_ERROR, color=True)


def test_terminal_wraps_under_the_message_column_and_clean_files_get_a_tick():
    out = render(SHANGHAI_2019, color=True, show_source=False)
    assert "\x1b[" in out
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    lines = plain.splitlines()
    i = next(i for i, x in enumerate(lines) if "T3-ROW" in x)
    hang = text._HANG
    assert lines[i + 1].startswith(" " * hang) and not lines[i + 1][hang].isspace()  # hanging indent
    assert "✓" in render(CLEAN, color=True) and "✓ no findings" in render(CLEAN, color=False)


def test_no_color_is_honoured():
    """NO_COLOR where there would be colour (FORCE_COLOR stands in for a terminal): none."""
    assert "\x1b[" in run("check", ONE_ERROR, env={"FORCE_COLOR": "1"}).stdout.decode()
    out = run("check", ONE_ERROR, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout.decode()
    assert "\x1b[" not in out and "T3-ROW" in out
    assert "\x1b[" in render(ONE_ERROR, color=True)


def test_rich_is_not_imported_when_piped():
    code = (
        "import sys, io; from disclosure_cli.cli import main\n"
        "try: main(['check', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "assert 'rich' not in sys.modules, 'rich imported'"
    )
    r = subprocess.run([sys.executable, "-c", code, str(ONE_ERROR)], capture_output=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()


def test_statistics_quiet_and_the_aliases():
    out = invoke("check", ONE_ERROR, SHANGHAI_2019, "--statistics").output
    assert "    1  T3-OUT       error   表三（七）总计 = 各办理结果之和" in out and "    2  T3-ROW" in out
    assert "应为 10" not in out
    r = invoke("check", ONE_ERROR, "-q")
    assert r.output.splitlines() == ["1 file checked: 0 clean, 1 with findings, 0 unreadable · 2 errors, 0 warnings, 0 info"]
    assert r.exit_code == 1
    assert invoke("check", ONE_ERROR, "--exit-zero").exit_code == 0
    assert invoke("check", ONE_ERROR, "--exit-zero", "--fail-on", "error").exit_code == 2
    r = invoke("check", ONE_ERROR, "--output-format", "json")
    assert r.output.startswith("{") and r.exit_code == 1


def test_pairs_are_shown():
    out = run("check", CORPUS / "2024_huaian_hongze_district_govt.pdf", CORPUS / "2023_huaian_hongze_district_govt.pdf").stdout.decode()
    assert "跨年度" in out and "1 year pair" in out


def test_lines_break_between_chinese_characters_but_not_inside_numbers_or_before_punctuation():
    from disclosure_cli.output.text import _breaks, _width

    text = "应为各行六类申请人之和：（一）予以公开 272、5.属于三类内部事务信息 5"
    lines = [text[a:b] for a, b in zip([0, *_breaks(text, 24, _width)], [*_breaks(text, 24, _width), len(text)], strict=True)]
    assert all(_width(x.rstrip()) <= 24 for x in lines)
    for x in lines[1:]:
        assert x[0] not in "，。、；：）」" and not x[0].isdigit()
    for x in lines[:-1]:
        assert x.rstrip()[-1] not in "（「"


def test_rule_id_column_fits_every_rule():
    from disclosure_cli.output.text import ID_WIDTH
    from disclosure_cli.rules import RULES

    assert max(len(rule_id) for rule_id in RULES) <= ID_WIDTH


def test_control_characters_of_a_report_never_reach_the_terminal(tmp_path):
    """A report is untrusted: an escape sequence in its prose (quoted in a finding) or its file
    name would move the cursor, erase the lines above (the errors) or retitle the terminal."""
    hostile = tmp_path / "r\x1b]0;pwned\x07.txt"
    hostile.write_text(CLEAN.read_text(encoding="utf-8").replace(
        "共收到政府信息公开申请26件", "共收到政府信息公开申请62件\x1b[1A\x1b[2K\r\x08✓ no findings"), encoding="utf-8")
    for env in ({"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}):
        out = run("check", hostile, "--show-source", env=env).stdout.decode()
        assert "N-APP" in out and "\ufffd[1A" in out
        plain = out.replace("\x1b[", "") if "FORCE_COLOR" in env else out  # colour codes are the tool's own
        assert not any(ch in plain for ch in "\x1b\x07\x08\r"), env
