"""Baselines: record today's findings, then report only new ones.

A supervising office accepts last year's known issues and gates on new ones. A finding is
identified by its rule, file, cells and message (not by line numbers, which move when a
report is re-pasted), and counted: two identical known findings hide two, not three. The file
is named relative to the project root (the folder of the config file, else the working
directory), so `check .`, `check *.txt` and `check /abs/path` agree.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import IO

from .files import read_text
from .model import Finding, InputError

VERSION = 1


def relative(path: str, root: Path) -> str:
    """`path` as typed → relative to `root`, with `/` separators (`<stdin>` stays as it is)."""
    if path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def fingerprint(f: Finding, root: Path) -> str:
    return f.fingerprint(relative(f.path, root))


class Baseline:
    def __init__(self, fingerprints: list[str], root: Path) -> None:
        self.remaining = Counter(fingerprints)
        self.root = root

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings not in the baseline."""
        new = []
        for f in findings:
            fp = fingerprint(f, self.root)
            if self.remaining[fp] > 0:
                self.remaining[fp] -= 1
            else:
                new.append(f)
        return new


def load(path: Path, root: Path) -> Baseline:
    text = read_text(path, "baseline file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not a baseline file (invalid JSON: {e})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not a disclosure baseline (expected version {VERSION} with a findings list)")
    return Baseline([str(item.get("fingerprint")) for item in data["findings"] if isinstance(item, dict)], root)


def write(findings: list[Finding], stream: IO[str], root: Path) -> None:
    items = sorted(
        ({"fingerprint": fingerprint(f, root), "rule": f.rule, "path": relative(f.path, root), "message": f.message}
         for f in findings),
        key=lambda d: d["fingerprint"],
    )
    json.dump({"version": VERSION, "findings": items}, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
