"""Output formats: one module per format, each a `Formatter` over the same results.

A formatter receives, in order: `begin()`, `file(result)` for each input file as it
finishes, `pair(result)` for each cross-year pair, and `end(summary)`. Adding a format is
one module and one line in FORMATS.
"""

from __future__ import annotations

import importlib
import os

FORMATS = {
    "text": "text",
    "json": "json",
    "jsonl": "jsonl",
    "csv": "csv",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "xlsx": "xlsx",
}
CHECK_FORMATS = ("auto", "text", "json", "jsonl", "sarif", "github", "junit")
EXTRACT_FORMATS = ("json", "jsonl", "csv", "xlsx")


def resolve(name: str) -> str:
    """`auto`: workflow annotations inside GitHub Actions, human text elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def formatter_class(name: str):
    return importlib.import_module(f".{FORMATS[name]}", __name__).Formatter
