"""Batches: folders and globs, stable input order with --jobs, summary (Ctrl-C: test_cli.py,
test_installed.py)."""

from __future__ import annotations

import json
import os

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
