"""Shared fixtures: the real corpus (copied from shared/corpus), the samples, and helpers
that render one report in each pasted-text layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_cli import parse

from . import layouts

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


def render(text: str, layout: str) -> str:
    """The sample (row-per-line pipe text) in another pasted layout."""
    return layouts.render(layouts.rows_of(text), layout)
