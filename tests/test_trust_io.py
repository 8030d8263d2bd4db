"""Issue 8 §2, §4, §5: the command runs everywhere, validates before it reads, never loses or
corrupts output. In-process with click's CliRunner; real processes only where the behaviour
needs one (a locale, a closed or full stdout, a signal)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_cli import cli
from disclosure_cli.cli import main

from .conftest import CLEAN, ONE_ERROR, REFERENCE, ROOT, held_input, killed_if_left, open_when_read


def invoke(*args, **kwargs):
    """The CLI in this process; one job unless asked (forking the test process is slow and,
    on Python 3.13, warned about once threads exist)."""
    if args[0] in ("check", "extract") and "-j" not in args:
        args = (*args, "-j", "1")
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def proc(*args, stdout=subprocess.PIPE, env=None, **kwargs):
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "disclosure_cli", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, cwd=ROOT, env={**base, **(env or {})}, **kwargs)


def one_line(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err and len(err.strip().splitlines()) == 1, err


def copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes())
    return dst


# --------------------------------------------------------------- §2 it runs everywhere


@pytest.mark.parametrize("env", [{"LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}])
def test_non_utf8_locale_still_writes_utf8(env):
    r = proc("check", CLEAN, env=env)
    assert r.returncode == 0, r.stderr
    assert "示例县市场监督管理局" in r.stdout.decode("utf-8") and r.stderr == b""
    r = proc("extract", CLEAN, "-f", "csv", env=env)
    assert r.returncode == 0 and "予以公开" in r.stdout.decode("utf-8")


def test_closed_stdout_is_one_line():
    r = subprocess.run([sys.executable, "-m", "disclosure_cli", "check", CLEAN], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=ROOT, close_fds=True, preexec_fn=lambda: os.close(1))
    assert r.returncode == 2
    one_line(r.stderr.decode())
    assert "stdout is closed" in r.stderr.decode()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_full_disk_is_one_line(fmt):
    with open("/dev/full", "w") as full:
        r = proc("check", CLEAN, "-f", fmt, stdout=full)
    assert r.returncode == 2
    one_line(r.stderr.decode())
    assert "No space left on device" in r.stderr.decode()


def test_broken_pipe_is_quiet(tmp_path):
    files = [copy(CLEAN, tmp_path / f"r{i}.txt") for i in range(30)]
    p = subprocess.Popen([sys.executable, "-m", "disclosure_cli", "check", *files, "-f", "jsonl", "-j", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 0 and err == ""


@pytest.mark.skipif(os.name == "nt", reason="the stand-in interpreters are shell scripts")
def test_ci_runs_the_lowest_and_highest_supported_python(tmp_path, monkeypatch, capsys):
    """.ci/pythons.py picks them from what the machine has; here from stand-in interpreters
    (scripts printing a version), so that the choice is known and no real Python starts."""
    import importlib.util

    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/pythons.py" in script and "pytest" in script
    spec = importlib.util.spec_from_file_location("ci_pythons", ROOT / ".ci" / "pythons.py")
    pythons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pythons)
    assert pythons.minimum() == (3, 10)  # requires-python

    def stand_in(name: str, says: str) -> str:
        path = tmp_path / name
        path.write_text(f"#!/bin/sh\ntouch \"$0.started\"\necho {says}\n", encoding="utf-8")
        path.chmod(0o755)
        return str(path)

    candidates = [stand_in("python", "3 12"), stand_in("python3.13", "3 13"), stand_in("python3.10", "3 10"),
                  stand_in("python3", "3 9"), stand_in("python3.11", "not a version"), str(tmp_path / "python3.14"),
                  stand_in("python3.9", "3 12"), stand_in("python3.12", "3 12")]
    monkeypatch.setattr(pythons, "candidates", lambda: candidates)
    pythons.main()
    assert capsys.readouterr().out.split() == [candidates[2], candidates[1]]
    assert not (tmp_path / "python3.9.started").exists()  # too old by its name: not started
    # one interpreter: that one, once
    monkeypatch.setattr(pythons, "candidates", lambda: candidates[:1])
    pythons.main()
    assert capsys.readouterr().out.split() == [candidates[0]]


# ----------------------------------------------------------- §3 Ctrl-C with --jobs 2


def test_one_ctrl_c_to_the_process_group_stops_workers(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group, workers included. It is sent
    while a worker is blocked reading a named pipe (the first input): mid-run for certain."""
    reports = tmp_path / "reports"
    for i in range(20):
        copy(REFERENCE, reports / f"r{i:04d}.txt")
    held = held_input(tmp_path / "in")
    out = tmp_path / "out.json"
    p = subprocess.Popen([sys.executable, "-m", "disclosure_cli", "check", held, reports, "-f", "json", "-o", out,
                          "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    with killed_if_left(p):
        writer = open_when_read(held, p)
        try:
            assert any(x.name.startswith(".out.json") for x in tmp_path.iterdir())  # writing
            os.killpg(p.pid, signal.SIGINT)
            stdout, err = p.communicate(timeout=30)
        finally:
            os.close(writer)
    assert p.returncode == 130, err
    assert err.decode() == "disclosure: interrupted\n" and stdout == b""
    assert sorted(x.name for x in tmp_path.iterdir()) == ["in", "reports"]
    with pytest.raises(ProcessLookupError):  # no worker left behind
        os.killpg(p.pid, 0)


# ------------------------------------------- §4 validate every input before reading reports


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "sarif", "junit", "github"])
@pytest.mark.parametrize("option", ["--previous", "--baseline", "--write-baseline", "-o"])
def test_bad_named_input_or_output_is_refused_before_any_output(tmp_path, option, fmt):
    value = {"--previous": tmp_path / "missing.pdf", "--baseline": tmp_path / "missing.json",
             "--write-baseline": tmp_path / "no" / "k.json", "-o": tmp_path / "no" / "out.json"}[option]
    r = invoke("check", CLEAN, ONE_ERROR, "-f", fmt, option, value)
    assert r.exit_code == 2 and r.stdout == ""
    one_line(r.stderr)
    assert str(value) in r.stderr or str(value.parent) in r.stderr


def test_previous_that_is_not_a_report_is_refused_before_any_output(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    r = invoke("check", CLEAN, "-f", "json", "--previous", notes)
    assert r.exit_code == 2 and r.stdout == "" and "no statutory tables" in r.stderr


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_naming_an_input_is_refused(tmp_path, option):
    report = copy(ONE_ERROR, tmp_path / "r.txt")
    before = report.read_bytes()
    for spelling in (report, tmp_path / "." / "r.txt"):
        r = invoke("check", report, "-f", "json", option, spelling)
        assert r.exit_code == 2 and "refusing to overwrite" in r.stderr and r.stdout == ""
    base = tmp_path / "k.json"
    invoke("check", report, "--write-baseline", base)
    r = invoke("check", report, "--baseline", base, "-o", base)
    assert r.exit_code == 2 and "refusing to overwrite" in r.stderr
    assert report.read_bytes() == before and json.loads(base.read_text())["findings"]


def test_baseline_and_write_baseline_on_one_file_keep_it(tmp_path):
    report = copy(ONE_ERROR, tmp_path / "r.txt")
    base = tmp_path / "k.json"
    assert invoke("check", report, "--write-baseline", base).exit_code == 0
    recorded = json.loads(base.read_text())["findings"]
    assert len(recorded) == 2
    r = invoke("check", report, "--baseline", base, "--write-baseline", base, "-f", "json")
    assert r.exit_code == 0 and json.loads(base.read_text())["findings"] == recorded
    assert json.loads(invoke("check", report, "--baseline", base, "-f", "json").stdout)["files"][0]["findings"] == []


def test_fingerprints_do_not_depend_on_how_the_path_was_typed(tmp_path, monkeypatch):
    project = tmp_path / "project"
    copy(ONE_ERROR, project / "reports" / "a.txt")
    (project / "disclosure.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    monkeypatch.chdir(project / "reports")
    assert invoke("check", ".", "--write-baseline", project / "known.json").exit_code == 0
    assert [f["path"] for f in json.loads((project / "known.json").read_text())["findings"]] == ["reports/a.txt"] * 2
    # the config key `baseline` applies it; every spelling of the path matches
    for spelling in ("a.txt", "./a.txt", str(project / "reports" / "a.txt"), "../reports/a.txt", "*.txt"):
        r = invoke("check", spelling, "-f", "json")
        assert r.exit_code == 0 and json.loads(r.stdout)["files"][0]["findings"] == [], spelling
    monkeypatch.chdir(project)
    assert invoke("check", "reports").exit_code == 0
    assert invoke("check", "reports", "--isolated").exit_code == 1  # without the config, no baseline


def test_fingerprints_without_a_config_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    copy(ONE_ERROR, tmp_path / "a.txt")
    monkeypatch.chdir(tmp_path)
    invoke("check", "./a.txt", "--write-baseline", "k.json")
    assert invoke("check", str(tmp_path / "a.txt"), "--baseline", "k.json").exit_code == 0


@pytest.mark.parametrize("name,body,line", [
    ("pyproject.toml", '[project]\nname = "x"\nversion = 1.2.3\n', 3),
    ("disclosure.toml", 'select = ["N-"]\nfail-on = \n', 2),
])
def test_unparsable_config_is_exit_2_naming_file_and_line(tmp_path, monkeypatch, name, body, line):
    (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    r = invoke("check", CLEAN)
    assert r.exit_code == 2 and r.stdout == ""
    one_line(r.stderr)
    assert f"{tmp_path / name}:{line}: invalid TOML" in r.stderr


def test_config_with_isolated_is_a_usage_error(tmp_path):
    (tmp_path / "disclosure.toml").write_text("", encoding="utf-8")
    r = invoke("check", CLEAN, "--config", tmp_path / "disclosure.toml", "--isolated")
    assert r.exit_code == 2 and "--isolated" in r.stderr


@pytest.mark.parametrize("setup,option,message", [
    (lambda t: t, "--config", "is a directory"),
    (lambda t: t, "--baseline", "is a directory"),
    (lambda t: _write(t / "pyproject.toml", "[tool]\ndisclosure = 3\n"), "--config", "must be a table"),
    (lambda t: _write(t / "pyproject.toml", "tool = 3\n"), "--config", "[tool] must be a table"),
    (lambda t: _write(t / "disclosure.toml", "baseline = 3\n"), "--config", "baseline must be a file name"),
])
def test_bad_settings_are_one_line(tmp_path, setup, option, message):
    r = invoke("check", CLEAN, option, setup(tmp_path))
    assert r.exit_code == 2 and message in r.stderr and r.stdout == ""
    one_line(r.stderr)


@pytest.mark.parametrize("option,name", [("--config", "disclosure.toml"), ("--config", "pyproject.toml"),
                                         ("--baseline", "baseline.json")])
def test_an_unreadable_settings_file_is_one_line_naming_it(tmp_path, monkeypatch, option, name):
    """A file that is there but cannot be read (permission denied: simulated, the tests may run
    as root) is one line naming it, never internal error."""
    path = _write(tmp_path / name, "")
    real = Path.read_text

    def refuse(self, *a, **k):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "read_text", refuse)
    r = invoke("check", CLEAN, option, path)
    assert r.exit_code == 2 and r.stdout == "" and r.stderr.startswith(f"disclosure: {path}: ")
    assert "permission denied" in r.stderr
    one_line(r.stderr)


@pytest.mark.parametrize("given", [False, True])
@pytest.mark.parametrize("body", [b"[tool.disclosure]\nselect = [\"\xff\"]\n", b"\xff\xfe[tool.disclosure]\n"])
def test_an_undecodable_pyproject_is_never_skipped(tmp_path, monkeypatch, given, body):
    """Found by discovery or given with --config: exit 2, one line naming the file."""
    (tmp_path / "pyproject.toml").write_bytes(body)
    monkeypatch.chdir(tmp_path)
    r = invoke("check", CLEAN, *(("--config", tmp_path / "pyproject.toml") if given else ()))
    assert r.exit_code == 2 and r.stdout == "" and "pyproject.toml: " in r.stderr and "UTF-8" in r.stderr
    one_line(r.stderr)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_output_into_a_read_only_folder_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.os, "access", lambda *a, **k: False)
    r = invoke("check", CLEAN, "-o", tmp_path / "out.json")
    assert r.exit_code == 2 and "permission denied" in r.stderr
    one_line(r.stderr)
    monkeypatch.undo()

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # cli imports tempfile when -o needs it
    r = invoke("check", CLEAN, "-o", tmp_path / "out.json")
    assert r.exit_code == 2 and "cannot write (Permission denied)" in r.stderr
    one_line(r.stderr)


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
def test_non_utf8_file_names_are_shown_with_escapes(tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xff\xfe.txt"
    with open(raw, "wb") as f:
        f.write(ONE_ERROR.read_bytes())
    name = os.fsdecode(raw)
    for fmt in ("json", "text", "sarif", "github", "junit"):
        r = invoke("check", name, "-f", fmt)
        assert r.exit_code == 1, (fmt, r.stderr)
        assert "\\xff\\xfe.txt" in r.stdout.replace("\\\\", "\\")  # JSON doubles the backslash
    r = invoke("check", tmp_path, "-f", "json")
    assert json.loads(r.stdout)["files"][0]["path"].endswith("\\xff\\xfe.txt")
    r = invoke("check", os.fsdecode(os.fsencode(tmp_path) + b"/\xfe.txt"))
    assert r.exit_code == 2 and "\\xfe.txt: no such file" in r.stderr


def test_unreadable_table_is_reported_whatever_is_selected():
    r = invoke("check", REFERENCE, "--select", "T4-", "-f", "json")
    rules = {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert r.exit_code == 1 and rules == {"S-CELL"}
    missing_t4 = REFERENCE.read_text(encoding="utf-8").split("四、政府信息公开行政复议")[0]
    r = invoke("check", "-", "--select", "T4-", "-f", "json", input=missing_t4)
    assert r.exit_code == 1 and "S-TABLE" in {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    # only naming the rule itself drops it
    assert invoke("check", REFERENCE, "--select", "T4-", "--ignore", "S-CELL").exit_code == 0


def test_extract_exit_code_says_whether_every_value_was_read(tmp_path):
    assert invoke("extract", CLEAN).exit_code == 0
    r = invoke("extract", REFERENCE, "-f", "jsonl")  # table 4's 15 values are null
    assert r.exit_code == 1 and r.stderr == ""
    r = invoke("extract", REFERENCE, CLEAN, "-f", "csv", "-j", "2")
    assert r.exit_code == 1
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`extract`: every value was read" in readme


# ------------------------------------------------------------------ §5 lesser things


def test_progress_bar_never_shares_the_terminal_with_the_output(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli, "_same_terminal", lambda: True)
    bar, tick = cli._progress("text", 100, to_stdout=True)
    assert tick is None
    bar, tick = cli._progress("text", 100, to_stdout=False)  # -o FILE: the terminal is free
    assert tick is not None


def test_folder_walk_skips_non_reports_but_a_named_one_is_an_error(tmp_path):
    copy(ONE_ERROR, tmp_path / "r.txt")
    (tmp_path / "README.md").write_text("# 报告目录\n\n这里是说明。\n", encoding="utf-8")
    (tmp_path / "out.csv").write_text(invoke("extract", CLEAN, "-f", "csv").stdout, encoding="utf-8")
    r = invoke("check", tmp_path, "-f", "json")
    assert r.exit_code == 1, r.stderr  # the report's findings, not a failure for the others
    doc = json.loads(r.stdout)
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "r.txt")]
    assert r.stderr.count("disclosure: skipped ") == 2 and "README.md" in r.stderr and "out.csv" in r.stderr
    r = invoke("check", tmp_path / "README.md")
    assert r.exit_code == 2 and "no statutory tables" in r.stderr
    text = invoke("check", tmp_path)
    assert "1 file checked" in text.stdout and "2 skipped" in text.stdout


def test_exclude_and_extend_exclude(tmp_path):
    for name in ("a.txt", "drafts/b.txt", ".hidden/c.txt", "old/d.txt"):
        copy(CLEAN, tmp_path / name)

    def paths(*options):
        r = invoke("check", tmp_path, "-f", "json", *options)
        return sorted(os.path.relpath(f["path"], tmp_path) for f in json.loads(r.stdout)["files"])

    assert paths() == ["a.txt", "drafts/b.txt", "old/d.txt"]
    assert paths("--extend-exclude", "drafts/", "--extend-exclude", "d.txt") == ["a.txt"]
    assert paths("--exclude", "old") == [".hidden/c.txt", "a.txt", "drafts/b.txt"]  # replaces the default
    assert paths("--extend-exclude", "*/b.txt", "--extend-exclude", "old") == ["a.txt"]
    r = invoke("check", tmp_path, "--extend-exclude", "*.txt")
    assert r.exit_code == 2 and "no report files found" in r.stderr
    r = invoke("check", tmp_path / "a.txt", "--extend-exclude", "*.txt")  # a named file is never excluded
    assert r.exit_code == 0


def test_exclude_in_the_config_file(tmp_path, monkeypatch):
    copy(CLEAN, tmp_path / "a.txt")
    copy(ONE_ERROR, tmp_path / "drafts" / "b.txt")
    (tmp_path / "pyproject.toml").write_text('[tool.disclosure]\nextend-exclude = ["drafts"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("check", ".").exit_code == 0


def test_previous_of_another_body_or_year_warns(tmp_path):
    """Of another year than year − 1: a warning and no cross-year pair (the rules would compare
    a carry-over with an unrelated year's). Of another body: a warning, still compared."""
    last_year = _write(tmp_path / "2022.txt", CLEAN.read_text(encoding="utf-8").replace("2023", "2022"))
    for previous, problems in [(REFERENCE, ("is by 区计生站(疾控中心)", "its year 2020 is not 2022")),
                               (CLEAN, ("its year 2023 is not 2022",))]:
        r = invoke("check", ONE_ERROR, "--previous", previous, "-f", "json")
        assert r.stderr.startswith(f"disclosure: warning: --previous {previous} is not last year's report of")
        assert all(p in r.stderr for p in problems) and len(r.stderr.splitlines()) == 1
        assert r.stderr.rstrip().endswith("(not compared)")
        assert json.loads(r.stdout)["pairs"] == []
    r = invoke("check", ONE_ERROR, "--previous", last_year, "-f", "json")
    assert r.stderr == "" and json.loads(r.stdout)["pairs"][0]["previous"] == str(last_year)
    other = _write(tmp_path / "other.txt", last_year.read_text(encoding="utf-8").replace("示例县市场监督管理局", "另一县教育局"))
    r = invoke("check", ONE_ERROR, "--previous", other, "-f", "json")
    assert "is by 另一县教育局" in r.stderr and "not compared" not in r.stderr
    assert json.loads(r.stdout)["pairs"]  # still compared, as asked


def test_github_stdout_is_workflow_commands_only(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    r = invoke("check", ONE_ERROR, tmp_path / "bad.txt", "-f", "github")
    assert r.stdout and all(line.startswith("::") for line in r.stdout.splitlines())
    assert r.stderr.splitlines()[-1] == "disclosure: 2 files, 1 unreadable; 2 errors, 0 warnings, 0 info"
    r = invoke("check", CLEAN, "-f", "github")
    assert r.stdout == "" and r.stderr == "disclosure: 1 file, 0 unreadable; 0 errors, 0 warnings, 0 info\n"


def test_xlsx_long_sheet_findings_under_their_header(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "x.xlsx"
    invoke("extract", ONE_ERROR, "-f", "xlsx", "-o", out)
    sheet = openpyxl.load_workbook(out)["长表 long"]
    header = [c.value for c in sheet[1]]
    column = header.index("findings") + 1
    marked = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[column - 1]]
    assert marked and all("T3-" in row[column - 1] for row in marked)
    assert sheet.max_column == len(header)
