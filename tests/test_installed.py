"""Smoke tests of the installed `disclosure` command as a real process: what the in-process
tests cannot show (real pipes and a real terminal, the console script, a real Ctrl-C).
Everything else runs in-process (the `cli` fixture); keep this file to a handful of tests."""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import zipfile

from .conftest import CLEAN, REFERENCE, command, held_input, killed_if_left, open_when_read


def test_installed_command_human_output_and_version(installed):
    r = installed("check", REFERENCE)
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "S-CELL" in out and "区计生站(疾控中心)" in out and "2019年格式" in out
    assert "\x1b[" not in out  # plain text into a pipe
    assert r.stderr == b""
    v = installed("--version")
    assert v.returncode == 0 and v.stdout.decode().startswith("disclosure, version ")


def test_stdin_pipe_in_binary_xlsx_out(installed):
    r = installed("extract", "-", "--format", "xlsx", stdin=CLEAN.read_bytes())
    assert r.returncode == 0 and r.stderr == b""
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(r.stdout)).namelist()
    r = installed("check", "-", "--format", "json", stdin=REFERENCE.read_bytes())
    assert r.returncode == 1 and json.loads(r.stdout)["files"][0]["template"] == "2019"


def test_xlsx_refuses_a_terminal():
    """stdout a pseudo-terminal: exit 2 with one line on stderr, nothing written to it."""
    import pty

    master, slave = pty.openpty()
    try:
        r = subprocess.run([*command(), "extract", str(CLEAN), "--format", "xlsx"], stdout=slave,
                           stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(slave)
    written = b""
    while select.select([master], [], [], 0)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end is closed and nothing is left
            break
        if not chunk:
            break
        written += chunk
    os.close(master)
    assert r.returncode == 2
    assert r.stderr == b"disclosure: refusing to write a binary xlsx file to a terminal: use -o FILE\n"
    assert written == b""


def test_ctrl_c_stops_cleanly_without_partial_output(tmp_path):
    """A real SIGINT while worker processes run: exit 130, one line, no output, no temporary
    file. The first input is a named pipe that a worker is blocked reading when the signal is
    sent, so the run is mid-way for certain, however slow or loaded the machine."""
    reports = tmp_path / "reports"
    reports.mkdir()
    data = REFERENCE.read_bytes()
    for i in range(20):
        (reports / f"r{i:04d}.txt").write_bytes(data)
    held = held_input(tmp_path / "in")
    out = tmp_path / "out.json"
    # A runner started in the background may pass SIGINT down ignored; the command must see
    # it as a user at a terminal would.
    proc = subprocess.Popen([*command(), "check", str(held), str(reports), "--format", "json", "-o", str(out),
                             "--jobs", "2"], stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    with killed_if_left(proc):
        writer = open_when_read(held, proc)
        try:
            assert any(p.name.startswith(".out.json") for p in tmp_path.iterdir())  # mid-run: writing
            proc.send_signal(signal.SIGINT)  # to the command only, not to its workers
            _, err = proc.communicate(timeout=30)
        finally:
            os.close(writer)
    assert proc.returncode == 130, err
    assert err == b"disclosure: interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "reports"]  # no output, no temporary file
