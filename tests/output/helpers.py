"""The command line in-process, for the output tests."""

from __future__ import annotations

from ..conftest import Run, invoke


def run(*args, env: dict | None = None) -> Run:
    return invoke(*args, env=env)
