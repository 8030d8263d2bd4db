"""End to end through the installed command: exit codes, stdout/stderr, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import CLEAN, CORPUS, ONE_ERROR, REFERENCE


def run(*args, stdin: bytes | None = None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "disclosure_cli", *map(str, args)], input=stdin, capture_output=True, cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


def test_check_reference_human_output():
    r = run("check", REFERENCE)
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "S-CELL" in out and "区计生站(疾控中心)" in out and "2019年格式" in out
    assert "\x1b[" not in out  # plain text when not a terminal
    assert r.stderr == b""


def test_clean_sample_exits_zero():
    r = run("check", CLEAN)
    assert r.returncode == 0 and "no findings" in r.stdout.decode()


def test_one_number_change_is_reported_at_the_cell():
    r = run("check", ONE_ERROR, "--format", "json")
    doc = json.loads(r.stdout)
    findings = doc["files"][0]["findings"]
    assert r.returncode == 1
    assert {f["rule"] for f in findings} == {"T3-ROW", "T3-OUT"}
    for f in findings:
        assert "t3.granted.natural_person" in f["keys"] or "t3.granted.total" in f["keys"]
        assert any(loc["line"] == 31 for loc in f["locations"])


def test_fail_on_levels():
    assert run("check", REFERENCE, "--fail-on", "never").returncode == 0
    assert run("check", CLEAN, "--fail-on", "info").returncode == 0


def test_stdin():
    r = run("check", "-", "--format", "json", stdin=REFERENCE.read_bytes())
    assert json.loads(r.stdout)["files"][0]["template"] == "2019"


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
def test_bad_input_one_line_exit_2(tmp_path, make, message):
    path = make(tmp_path)
    r = run("check", path)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_directory_argument_is_walked(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_bytes(CLEAN.read_bytes())
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    r = run("check", tmp_path, "--format", "json")
    doc = json.loads(r.stdout)
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "a" / "r.txt")]


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    bad = _bad(tmp_path, "bad.txt", b"")
    r = run("check", bad, CLEAN, "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 2
    assert [f["status"] for f in doc["files"]] == ["unreadable", "ok"]
    assert doc["summary"]["unreadable"] == 1 and doc["summary"]["clean"] == 1
    assert "empty file" in r.stderr.decode()


def test_truncated_excerpts_give_findings(tmp_path):
    for f in sorted((CORPUS / "excerpts").glob("*web_excerpt.txt")):
        r = run("check", f, "--format", "json")
        assert r.returncode in (1, 2), f
        if r.returncode == 1:
            assert json.loads(r.stdout)["files"][0]["findings"]
        assert "Traceback" not in r.stderr.decode()


def test_usage_error_exit_2():
    r = run("check", CLEAN, "--format", "nope")
    assert r.returncode == 2


def test_output_file_is_written_atomically(tmp_path):
    out = tmp_path / "r.json"
    r = run("check", REFERENCE, "--format", "json", "-o", out)
    assert r.returncode == 1 and r.stdout == b""
    assert json.loads(out.read_text())["files"][0]["agency"] == "区计生站(疾控中心)"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_no_partial_output_on_input_error(tmp_path):
    out = tmp_path / "r.json"
    r = run("check", CLEAN, "--format", "json", "-o", out, "--baseline", tmp_path / "none.json")
    assert r.returncode == 2 and not out.exists() and list(tmp_path.iterdir()) == []


def test_deterministic_output():
    a = run("check", REFERENCE, CLEAN, "--format", "json").stdout
    b = run("check", REFERENCE, CLEAN, "--format", "json", "--jobs", "2").stdout
    assert a == b


def test_extract_csv_and_json():
    r = run("extract", REFERENCE, "--format", "csv")
    lines = r.stdout.decode().splitlines()
    assert lines[0] == "file,key,table,row_label,column_label,value,unit,status,raw,location"
    assert len(lines) == 1 + 198
    row = next(line for line in lines if ",t2.procurement.amount," in line)
    assert row.endswith(",1751292.6,元,ok,1751292.6元,L76:1")
    doc = json.loads(run("extract", REFERENCE).stdout)
    assert "findings" not in doc["files"][0] and doc["files"][0]["values"]["t2.licensing.decisions"] == 197
