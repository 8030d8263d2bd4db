"""The command line in-process (click's CliRunner): exit codes, stdout/stderr, bad input.
The installed command itself is exercised by the smoke tests of test_installed.py."""

from __future__ import annotations

import json

import pytest

from .conftest import CLEAN, CORPUS, ONE_ERROR, REFERENCE

SHANGHAI = CORPUS / "2019_shanghai_municipal_govt_general_office.html"


def test_check_reference_human_output(cli):
    r = cli("check", REFERENCE)
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "S-CELL" in out and "区计生站(疾控中心)" in out and "2019年格式" in out
    assert "\x1b[" not in out  # plain text when not a terminal
    assert r.stderr == b""


def test_clean_sample_exits_zero(cli):
    r = cli("check", CLEAN)
    assert r.returncode == 0 and "no findings" in r.stdout.decode()


def test_one_number_change_is_reported_at_the_cell(cli):
    r = cli("check", ONE_ERROR, "--format", "json")
    doc = json.loads(r.stdout)
    findings = doc["files"][0]["findings"]
    assert r.returncode == 1
    assert {f["rule"] for f in findings} == {"T3-ROW", "T3-OUT"}
    for f in findings:
        assert "t3.granted.natural_person" in f["keys"] or "t3.granted.total" in f["keys"]
        assert any(loc["line"] == 31 for loc in f["locations"])


@pytest.mark.parametrize("fail_on,code", [("never", 0), ("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_levels(cli, fail_on, code):
    """Shanghai 2019's prose contradictions: N-OUT warnings, N-T4 lowered to info."""
    r = cli("check", SHANGHAI, "--isolated", "--select", "N-OUT,N-T4", "--severity", "N-T4=info",
            "--fail-on", fail_on)
    assert r.returncode == code, (fail_on, r.stderr)


def test_fail_on_info_counts_info_findings_only_at_info(cli):
    args = ("check", SHANGHAI, "--isolated", "--select", "N-T4", "--severity", "N-T4=info")
    assert cli(*args, "--fail-on", "warning").returncode == 0
    assert cli(*args, "--fail-on", "info").returncode == 1


def test_stdin(cli):
    r = cli("check", "-", "--format", "json", stdin=REFERENCE.read_bytes())
    doc = json.loads(r.stdout)
    assert doc["files"][0]["path"] == "<stdin>" and doc["files"][0]["template"] == "2019"
    assert r.returncode == 1


def _bad(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda t: t / "missing.txt", "no such file"),
        (lambda t: t, "no report files found"),
        (lambda t: _bad(t, "empty.txt", b""), "empty file"),
        (lambda t: _bad(t, "blank.txt", b"  \n\n"), "empty file"),
        (lambda t: _bad(t, "bin.txt", bytes(range(256)) * 40), "binary"),
        (lambda t: _bad(t, "notes.txt", "会议纪要\n今天开会。\n".encode()), "no statutory tables"),
    ],
)
def test_bad_input_one_line_exit_2(cli, tmp_path, make, message):
    path = make(tmp_path)
    r = cli("check", path)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_directory_argument_is_walked(cli, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_bytes(CLEAN.read_bytes())
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    r = cli("check", tmp_path, "--format", "json")
    doc = json.loads(r.stdout)
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "a" / "r.txt")]


def test_one_bad_file_does_not_stop_the_batch(cli, tmp_path):
    bad = _bad(tmp_path, "bad.txt", b"")
    r = cli("check", bad, CLEAN, "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 2
    assert [f["status"] for f in doc["files"]] == ["unreadable", "ok"]
    assert doc["summary"]["unreadable"] == 1 and doc["summary"]["clean"] == 1
    assert "empty file" in r.stderr.decode()


@pytest.mark.parametrize("name,rules", [
    ("2020_beijing_subdistrict_mirror_web_excerpt.txt", ["S-CELL", "S-SECTION", "S-TABLE", "S-TEMPLATE"]),
    ("2022_taojiang_songmutang_town_web_excerpt.txt", ["S-CELL", "S-SECTION", "S-SECTION1", "S-TABLE", "T2-RULEMAKER"]),
    ("2023_changchun_municipal_bureau_styjrswj_web_excerpt.txt", ["N-APP", "S-CELL", "S-SECTION", "S-SECTION1", "S-TABLE"]),
    ("2023_district_statistics_bureau_web_excerpt.txt", ["S-BLANK", "S-CELL", "S-SECTION", "S-SECTION1", "S-TABLE"]),
    ("yr-unknown_xuwen_county_bureau_web_excerpt.txt", ["S-BLANK", "S-CELL", "S-SECTION", "S-SECTION1", "S-TABLE", "S-TEMPLATE"]),
])
def test_truncated_excerpts_give_findings(cli, name, rules):
    """A page that holds part of a report is read, not refused: what is missing is reported."""
    r = cli("check", CORPUS / "excerpts" / name, "--format", "json")
    assert r.returncode == 1 and r.stderr == b""
    assert sorted({f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}) == rules


def test_usage_error_exit_2(cli):
    r = cli("check", CLEAN, "--format", "nope")
    assert r.returncode == 2 and r.stdout == b"" and "nope" in r.stderr.decode()


def test_output_file_is_written_atomically(cli, tmp_path):
    out = tmp_path / "r.json"
    r = cli("check", REFERENCE, "--format", "json", "-o", out)
    assert r.returncode == 1 and r.stdout == b""
    assert json.loads(out.read_text())["files"][0]["agency"] == "区计生站(疾控中心)"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_output_to_a_device_or_pipe_is_written_in_place_and_through_a_link_to_its_file(cli, tmp_path):
    """`-o /dev/null`, `-o /dev/stdout` or a named pipe cannot be renamed onto: renaming a
    temporary file there replaced the device (run as root, /dev/null became a regular file)
    and the pipe's reader never got anything. A link to a file is written through, and stays
    a link."""
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    r = cli("check", CLEAN, "--format", "json", "-o", pipe)
    reader.join(10)
    assert r.returncode == 0 and stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert got and json.loads(got[0])["files"][0]["status"] == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left

    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli("check", CLEAN, "--format", "json", "-o", link).returncode == 0
    assert link.is_symlink() and json.loads(real.read_text())["files"][0]["status"] == "ok"


def test_no_partial_output_on_input_error(cli, tmp_path):
    out = tmp_path / "r.json"
    r = cli("check", CLEAN, "--format", "json", "-o", out, "--baseline", tmp_path / "none.json")
    assert r.returncode == 2 and not out.exists() and list(tmp_path.iterdir()) == []


def test_interrupt_leaves_no_output_file(cli, tmp_path, monkeypatch):
    """Ctrl-C in the middle of a batch (here raised by the second file): exit 130, one line,
    no output file and no temporary file. The real signal is sent in test_installed.py."""
    from disclosure_cli import batch

    real, seen = batch.process_file, []

    def process_file(path, job, explicit=True):
        seen.append(path)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(path, job, explicit)

    monkeypatch.setattr(batch, "process_file", process_file)
    out = tmp_path / "out.json"
    r = cli("check", REFERENCE, CLEAN, ONE_ERROR, "--format", "json", "-o", out, "--jobs", "1")
    assert r.returncode == 130 and r.stderr == b"disclosure: interrupted\n" and r.stdout == b""
    assert list(tmp_path.iterdir()) == [] and len(seen) == 2


def test_deterministic_output(cli):
    a = cli("check", REFERENCE, CLEAN, "--format", "json", "--jobs", "1").stdout
    b = cli("check", REFERENCE, CLEAN, "--format", "json", "--jobs", "2").stdout
    assert a == b and json.loads(a)["summary"]["files"] == 2


def test_extract_csv_and_json(cli):
    r = cli("extract", REFERENCE, "--format", "csv")
    lines = r.stdout.decode().splitlines()
    assert lines[0] == "file,key,table,row_label,column_label,value,unit,status,raw,location"
    assert len(lines) == 1 + 198
    row = next(line for line in lines if ",t2.procurement.amount," in line)
    assert row.endswith(",1751292.6,元,ok,1751292.6元,L76:1")
    doc = json.loads(cli("extract", REFERENCE).stdout)
    assert "findings" not in doc["files"][0] and doc["files"][0]["values"]["t2.licensing.decisions"] == 197


@pytest.mark.parametrize("command,name,starts", [
    ("extract", "out.xlsx", b"PK"), ("extract", "out.json", b"{"), ("extract", "out.csv", b"file,key,"),
    ("extract", "out.jsonl", b"{"), ("check", "out.sarif", b"{"), ("check", "out.SARIF.json", b"{"),
    ("check", "out.html", b"<!DOCTYPE"), ("extract", "out.htm", b"<!DOCTYPE"), ("check", "out.xml", b"<?xml"),
])
def test_the_output_name_picks_the_format(cli, tmp_path, command, name, starts):
    """`-o out.xlsx` without --format writes Excel, not JSON in a file named .xlsx."""
    out = tmp_path / name
    r = cli(command, CLEAN, "-o", out)
    assert r.returncode == 0 and r.stdout == b""
    assert out.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(starts), out.read_bytes()[:40]
    if name.lower().endswith("sarif.json"):
        assert b'"$schema"' in out.read_bytes()[:200]


@pytest.mark.parametrize("args", [
    ("extract", "-f", "json", "-o", "{}/out.xlsx"), ("check", "--format", "text", "-o", "{}/out.json"),
    ("extract", "-f", "jsonl", "-o", "{}/out.csv"), ("check", "-o", "{}/out.csv"), ("extract", "-o", "{}/out.sarif"),
])
def test_a_format_the_output_name_contradicts_is_an_error(cli, tmp_path, args):
    r = cli(*[a.format(tmp_path) for a in args], CLEAN)
    assert r.returncode == 2 and r.stdout == b"" and not list(tmp_path.iterdir())
    line = r.stderr.decode()
    assert line.count("\n") == 1 and line.startswith(f"disclosure: -o {tmp_path}/out.") and "--format" in line


def test_an_unclaimed_output_name_keeps_the_default_format(cli, tmp_path):
    r = cli("extract", CLEAN, "-o", tmp_path / "values.txt")
    assert r.returncode == 0 and (tmp_path / "values.txt").read_bytes().startswith(b"{")


@pytest.mark.parametrize("name,data,english,chinese", [
    ("missing.txt", None, "no such file", "文件不存在"),
    ("empty.txt", b"", "empty file", "文件为空"),
    ("notes.txt", "会议纪要\n今天开会。\n".encode(), "no statutory tables", "未找到法定统计表"),
    ("bad.pdf", b"%PDF-1.4 garbage", "corrupt or truncated PDF", "PDF文件损坏"),
    ("bad.docx", b"PK\x03\x04junk", "corrupt or truncated .docx", "Word文件损坏"),
    ("bin.txt", b"\x00\x01\x02abc", "binary file", "二进制文件"),
])
def test_unreadable_file_messages_are_alike(cli, tmp_path, name, data, english, chinese):
    """Every unreadable file: one line, `disclosure: FILE: english / 中文`."""
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    r = cli("check", path)
    line = r.stderr.decode()
    assert r.returncode == 2 and line.count("\n") == 1
    assert line.startswith(f"disclosure: {path}: {english}") and f" / {chinese}" in line


def test_error_lines_never_carry_control_characters(cli, tmp_path):
    """A file name is untrusted (a folder walk finds what it finds): its escape sequences must
    not reach the terminal through stderr."""
    hostile = tmp_path / "r\x1b]0;pwned\x07\x1b[2K.txt"
    hostile.write_bytes(b"")
    r = cli("check", hostile)
    err = r.stderr.decode()
    assert r.returncode == 2 and "empty file" in err and "\ufffd]0;pwned\ufffd\ufffd[2K.txt" in err
    assert not any(ch in err for ch in "\x1b\x07")
