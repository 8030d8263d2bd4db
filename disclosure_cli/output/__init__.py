"""Output formats: one module per format, each a `Formatter` over the same results.

A formatter receives, in order: `begin()`, `file(result)` for each input file as it
finishes, `pair(result)` for each cross-year pair, and `end(summary)`. Adding a format is
one module and one `OutputFormat` line in FORMATS: the commands' `--format` choices and
how the output file is opened follow from it.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass

AUTO = "auto"  # `check` only: github inside GitHub Actions, text elsewhere


def terminal_safe(text: str, *, lines: bool = False) -> str:
    """Control characters from a file name or a report (all but tab, and newline when
    `lines`) shown as U+FFFD: written raw they would move the cursor, erase lines above or
    retitle the terminal."""
    return text.translate(_KEEP_LINES if lines else _ONE_LINE)


_ONE_LINE = dict.fromkeys((*range(0x20), 0x7F, *range(0x80, 0xA0)), "\ufffd")
del _ONE_LINE[0x09]
_KEEP_LINES = {k: v for k, v in _ONE_LINE.items() if k != 0x0A}


@dataclass(frozen=True)
class OutputFormat:
    name: str  # the --format value
    module: str  # output/<module>.py defines Formatter
    commands: tuple[str, ...]  # the commands that accept it (check, extract)
    binary: bool = False  # written as bytes (never to a terminal), else UTF-8 text
    suffixes: tuple[str, ...] = ()  # `-o` names ending so pick this format when --format is not given


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("text", "text", ("check",)),
        OutputFormat("json", "json", ("check", "extract"), suffixes=(".json",)),
        OutputFormat("jsonl", "jsonl", ("check", "extract"), suffixes=(".jsonl", ".ndjson")),
        OutputFormat("csv", "csv", ("extract",), suffixes=(".csv",)),
        OutputFormat("sarif", "sarif", ("check",), suffixes=(".sarif", ".sarif.json")),
        OutputFormat("github", "github", ("check",)),
        OutputFormat("junit", "junit", ("check",), suffixes=(".xml",)),
        OutputFormat("xlsx", "xlsx", ("extract",), binary=True, suffixes=(".xlsx",)),
        OutputFormat("html", "html", ("check", "extract"), suffixes=(".html", ".htm")),
    )
}


def choices(command: str) -> tuple[str, ...]:
    """The `--format` values a command accepts, in registry order (`auto` first for check)."""
    names = tuple(f.name for f in FORMATS.values() if command in f.commands)
    return (AUTO, *names) if command == "check" else names


def by_suffix(path: str) -> str | None:
    """The format an output file's name asks for (`out.xlsx` → xlsx; `r.sarif.json` → sarif,
    the longest suffix), None for a name no format claims."""
    name = os.path.basename(path).lower()
    claims = [(len(s), f.name) for f in FORMATS.values() for s in f.suffixes if name.endswith(s) and name != s]
    return max(claims)[1] if claims else None


def resolve(name: str) -> str:
    """`auto`: workflow annotations inside GitHub Actions, human text elsewhere."""
    if name == AUTO:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def formatter_class(name: str):
    return importlib.import_module(f".{FORMATS[name].module}", __name__).Formatter
