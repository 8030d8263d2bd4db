"""Shared fixtures: the real corpus (copied from shared/corpus), the samples, and helpers
that render one report in each pasted-text layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_cli import parse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SAMPLES = ROOT / "samples"
REFERENCE = SAMPLES / "2020_district_cdc_pasted.txt"
CLEAN = SAMPLES / "2023_county_market_bureau_clean.txt"
ONE_ERROR = SAMPLES / "2023_county_market_bureau_one_error.txt"


def expected(name: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def clean_report():
    return parse(CLEAN)


def rows_of(text: str) -> list[list[str] | str]:
    """Split the sample into prose lines (str) and table rows (list of cells)."""
    out: list[list[str] | str] = []
    for line in text.splitlines():
        if "|" in line:
            out.append([c.strip() for c in line.split("|")[:-1]])
        else:
            out.append(line)
    return out


def render(text: str, layout: str) -> str:
    """The same report in another pasted layout: row, cell, markdown or tab."""
    lines = []
    previous_was_table = False
    for item in rows_of(text):
        if isinstance(item, str):
            lines.append(item)
            previous_was_table = False
            continue
        if layout == "row":
            lines.append(" | ".join(item) + " |")
        elif layout == "cell":
            lines.extend(f"{c} |" if c else "|" for c in item)
        elif layout == "markdown":
            lines.append("| " + " | ".join(item) + " |")
            if not previous_was_table:
                lines.append("|" + "---|" * len(item))
        elif layout == "tab":
            lines.append("\t".join(item))
        previous_was_table = True
    return "\n".join(lines) + "\n"
