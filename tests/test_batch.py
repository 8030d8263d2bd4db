"""Batches: folders and globs, stable input order with --jobs, summary, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from disclosure_cli.batch import expand, same_body

from .conftest import CLEAN, REFERENCE, ROOT


def test_expand_folders_globs_and_order(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.html", "sub/.hidden.txt", "x.png"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("x")
    got = expand([str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "missing.txt")])
    assert [os.path.relpath(p, tmp_path) for p in got] == ["a.txt", "b.txt", "sub/c.html", "missing.txt"]


def test_same_body():
    assert same_body("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert not same_body("淮安市人民政府", "洪泽区人民政府")
    assert not same_body("人民政府", "淮安市人民政府")  # too short to be a name


def test_parallel_batch_keeps_input_order_and_is_identical(tmp_path):
    for i in range(40):
        src = CLEAN if i % 3 else REFERENCE
        (tmp_path / f"r{i:03d}.txt").write_bytes(src.read_bytes())
    args = [sys.executable, "-m", "disclosure_cli", "check", str(tmp_path), "--format", "jsonl", "--no-pairing"]
    one = subprocess.run(args + ["--jobs", "1"], capture_output=True, cwd=ROOT).stdout
    two = subprocess.run(args + ["--jobs", "2"], capture_output=True, cwd=ROOT).stdout
    assert one == two
    lines = [json.loads(x) for x in one.decode().splitlines()]
    assert [x["path"].rsplit("/", 1)[1] for x in lines[:-1]] == [f"r{i:03d}.txt" for i in range(40)]
    assert lines[-1]["files"] == 40 and lines[-1]["clean"] == 26


def test_ctrl_c_stops_cleanly_without_partial_output(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(3000):
        (reports / f"r{i:04d}.txt").write_bytes(REFERENCE.read_bytes())
    out = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "disclosure_cli", "check", str(reports), "--format", "json",
                             "-o", str(out), "--jobs", "2"], stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".out.json") for p in tmp_path.iterdir()):  # mid-run: writing
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]  # no output, no temporary file
