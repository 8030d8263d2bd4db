"""Print the lowest and the highest Python this machine has that pyproject.toml supports
(`requires-python`), one interpreter path a line: pyenv's versions, python3.X on PATH and
the python running this script. On a machine with one Python, that one."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def minimum() -> tuple[int, int]:
    found = re.search(r'requires-python\s*=\s*">=\s*(\d+)\.(\d+)', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return (int(found[1]), int(found[2])) if found else (3, 0)


def candidates() -> list[str]:
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    paths = sorted(glob.glob(os.path.join(root, "versions", "*", "bin", "python3")))
    paths += [p for m in range(6, 30) if (p := shutil.which(f"python3.{m}"))]
    return [sys.executable, *paths]


def versions(pythons: list[str]) -> dict[str, tuple[int, int]]:
    """The version of each interpreter that starts and has venv, all asked at once."""
    running = {}
    for python in dict.fromkeys(pythons):
        try:
            running[python] = subprocess.Popen([python, "-c", "import sys, venv; print(*sys.version_info[:2])"],
                                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        except OSError:
            continue
    found = {}
    for python, process in running.items():
        try:
            out, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            continue
        parts = out.split()
        if process.returncode == 0 and len(parts) == 2:
            found[python] = (int(parts[0]), int(parts[1]))
    return found


def named(python: str) -> tuple[int, int] | None:
    """The version a path spells (pyenv's versions/3.10.13, python3.13), if any."""
    found = re.search(r"(?:versions/|python)(\d+)\.(\d+)", python)
    return (int(found[1]), int(found[2])) if found else None


def main() -> None:
    # too old by its name: not worth starting
    worth = [p for p in candidates() if (named(p) or minimum()) >= minimum()]
    by_version: dict[tuple[int, int], str] = {}
    for python, v in versions(worth).items():
        if v >= minimum():
            by_version.setdefault(v, python)
    chosen = sorted(by_version)
    for v in dict.fromkeys([chosen[0], chosen[-1]]) if chosen else []:
        print(by_version[v])


if __name__ == "__main__":
    main()
