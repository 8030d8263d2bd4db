"""Batches: folders and globs, stable input order with --jobs, summary (Ctrl-C: test_cli.py,
test_installed.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from disclosure_cli.batch import expand, same_body

from .conftest import CLEAN, REFERENCE


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


def test_parallel_batch_keeps_input_order_and_is_identical(cli, tmp_path):
    for i in range(40):
        src = CLEAN if i % 3 else REFERENCE
        (tmp_path / f"r{i:03d}.txt").write_bytes(src.read_bytes())
    args = ["check", tmp_path, "--format", "jsonl", "--no-pairing"]
    one = cli(*args, "--jobs", "1").stdout
    two = cli(*args, "--jobs", "2").stdout
    assert one == two
    lines = [json.loads(x) for x in one.decode().splitlines()]
    assert [x["path"].rsplit("/", 1)[1] for x in lines[:-1]] == [f"r{i:03d}.txt" for i in range(40)]
    assert lines[-1]["files"] == 40 and lines[-1]["clean"] == 26


def test_a_bug_in_a_rule_is_that_files_internal_error_not_the_end_of_the_batch(tmp_path, monkeypatch):
    """A rule that raises on one report makes that file unreadable (internal error, exit 2),
    named; the other files of the batch are still checked and the output is whole."""
    from disclosure_cli import batch

    from .conftest import invoke

    real = batch.check

    def check(report, config=None):
        if "bad" in report.path:
            raise ZeroDivisionError("division by zero")
        return real(report, config)

    monkeypatch.setattr(batch, "check", check)
    (tmp_path / "bad.txt").write_bytes(CLEAN.read_bytes())
    r = invoke("check", "-j", "1", "--format", "json", tmp_path / "bad.txt", CLEAN)
    assert r.returncode == 2
    files = json.loads(r.stdout)["files"]
    assert [f["status"] for f in files] == ["unreadable", "ok"]
    assert files[0]["error"].endswith("bad.txt: internal error: ZeroDivisionError: division by zero")


def test_one_file_reached_by_several_paths_is_checked_once(tmp_path):
    """A `**` glob over a folder with a link back up, or `x.txt ./x.txt`: one file, once (it
    was checked twice, its findings and the summary doubled)."""
    from disclosure_cli.batch import collect

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_bytes(CLEAN.read_bytes())
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert [s.path for s in collect(["**"])] == ["a/r.txt"]
        assert [s.path for s in collect(["a/r.txt", "./a/r.txt", "a/up/a/r.txt"])] == ["a/r.txt"]
    finally:
        os.chdir(cwd)


# A worker hit by Ctrl-C before its initializer ran: each worker's initializer is made slow,
# and the whole process group gets SIGINT as soon as the pool exists.
_CTRL_C_WHILE_FORKING = """
import os, signal, time
from disclosure_cli import batch

ignore = batch.ignore_sigint
batch.ignore_sigint = lambda: (time.sleep(0.3), ignore())
pool = batch.worker_pool(2)
try:
    os.killpg(0, signal.SIGINT)
    time.sleep(5)
    print("not interrupted")
except KeyboardInterrupt:
    print("interrupted")
print(sorted(pool.map(abs, [-1, -2, -3, -4])))
pool.close()
pool.join()
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_while_the_workers_are_forked_reaches_no_worker():
    """The main process gets it; each worker discards it, with no traceback."""
    r = subprocess.run([sys.executable, "-c", _CTRL_C_WHILE_FORKING], capture_output=True, text=True, timeout=60,
                       start_new_session=True)
    assert (r.returncode, r.stdout, r.stderr) == (0, "interrupted\n[1, 2, 3, 4]\n", "")
