"""Baselines: record today's findings, then report only new ones.

A supervising office accepts last year's known issues and gates on new ones. A finding is
identified by its rule, file, cells and message (not by line numbers, which move when a
report is re-pasted), and counted: two identical known findings hide two, not three.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import IO

from .model import Finding, InputError

VERSION = 1


class Baseline:
    def __init__(self, fingerprints: list[str]) -> None:
        self.remaining = Counter(fingerprints)

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings not in the baseline."""
        new = []
        for f in findings:
            fp = f.fingerprint()
            if self.remaining[fp] > 0:
                self.remaining[fp] -= 1
            else:
                new.append(f)
        return new


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a baseline file (invalid JSON: {e})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not a disclosure baseline (expected version {VERSION} with a findings list)")
    return Baseline([str(item.get("fingerprint")) for item in data["findings"] if isinstance(item, dict)])


def write(findings: list[Finding], stream: IO[str]) -> None:
    items = sorted(
        ({"fingerprint": f.fingerprint(), "rule": f.rule, "path": f.path, "message": f.message} for f in findings),
        key=lambda d: d["fingerprint"],
    )
    json.dump({"version": VERSION, "findings": items}, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
