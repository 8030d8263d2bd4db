"""Byte-for-byte output snapshot: every format of `check` and `extract` on the corpus, the
samples and generated reports, written to a folder so two revisions can be compared.

    python bench/snapshot.py /tmp/before            # on the old revision
    python bench/snapshot.py /tmp/after             # on the new one
    diff -r /tmp/before /tmp/after && echo identical

A refactor or a speed-up must leave this folder unchanged. The command runs with the
interpreter given by --python (default: this one), from the checkout the script lives in.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

CHECK = ("text", "json", "jsonl", "sarif", "github", "junit", "html")
EXTRACT = ("json", "jsonl", "csv", "xlsx", "html")


def _inputs() -> list[Path]:
    files = sorted(p for p in (ROOT / "tests" / "corpus").rglob("*") if p.is_file() and "expected" not in p.parts
                   and p.name != "README.md")
    return files + sorted((ROOT / "samples").glob("*"))


def _run(python: str, args: list[str], out: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([python, "-m", "disclosure_cli", *args], cwd=ROOT, capture_output=True, env=env)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(proc.stdout + b"\n--- stderr ---\n" + proc.stderr + f"\n--- exit {proc.returncode} ---\n".encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--generated", type=int, default=200, help="generated reports (default 200)")
    args = parser.parse_args()
    from generate import generate

    for path in _inputs():
        rel = path.relative_to(ROOT)
        name = str(rel).replace("/", "__")
        for fmt in CHECK:
            _run(args.python, ["check", "--isolated", "-j", "1", "-f", fmt, str(rel)], args.out / "check" / fmt / name)
        for fmt in EXTRACT:
            tmp = args.out / "extract" / fmt / (name + "." + fmt)
            tmp.parent.mkdir(parents=True, exist_ok=True)
            _run(args.python, ["extract", "-j", "1", "-f", fmt, "-o", str(tmp), str(rel)], tmp.with_name(tmp.name + ".log"))
    # A fixed folder name (paths appear in every output), removed afterwards.
    folder = ROOT / "bench" / "out" / "snapshot-generated"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        generate(folder, args.generated)
        rel = folder.relative_to(ROOT)
        out = args.out / "generated"
        out.mkdir(parents=True, exist_ok=True)
        for fmt in CHECK:
            _run(args.python, ["check", "--isolated", "-j", "2", "-f", fmt, str(rel)], out / f"check.{fmt}")
        for fmt in ("json", "csv", "xlsx", "html"):
            _run(args.python, ["extract", "-j", "2", "-f", fmt, "-o", str(out / f"extract.{fmt}"), str(rel)],
                 out / f"extract.{fmt}.log")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"snapshot written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
