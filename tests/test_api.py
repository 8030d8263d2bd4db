"""The Python API: parse/check without the CLI, picklable results, a multiprocessing pool."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

from disclosure_cli import Finding, InputError, Report, check, parse

from .conftest import CLEAN, ONE_ERROR, REFERENCE
from .pool_work import work


def test_parse_path_text_and_bytes_agree():
    by_path = parse(CLEAN)
    by_text = parse(CLEAN.read_text(encoding="utf-8"))
    by_bytes = parse(CLEAN.read_bytes(), name="clean.txt")
    assert isinstance(by_path, Report)
    assert {k: v.value for k, v in by_path.values.items()} == {k: v.value for k, v in by_text.values.items()}
    assert by_bytes.path == "clean.txt" and by_text.path == "<text>"


def test_check_returns_findings_with_cells():
    findings = check(parse(ONE_ERROR))
    assert all(isinstance(f, Finding) for f in findings)
    assert {f.rule for f in findings} == {"T3-ROW", "T3-OUT"}


def test_bad_input_raises_input_error():
    with pytest.raises(InputError, match="no such file"):
        parse("/nonexistent/report.txt")


def test_results_pickle():
    report = parse(REFERENCE)
    findings = check(report)
    again = pickle.loads(pickle.dumps((report, findings)))
    assert again[0].values["t2.procurement.amount"].value == 1751292.6
    assert again[1][0].rule == "S-CELL"


def test_multiprocessing_pool():
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        out = pool.map(work, [str(CLEAN), str(REFERENCE), str(ONE_ERROR)])
    assert out[0] == ("示例县市场监督管理局", 26, [])
    assert out[1][2] == ["S-CELL"]
