from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import ROOT


def run(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "disclosure_cli", *map(str, args)], capture_output=True, cwd=ROOT,
                          env={**base, **(env or {})})
