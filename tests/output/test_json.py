"""json and jsonl against the shipped, versioned JSON Schema."""

from __future__ import annotations

import functools
import json

import pytest

from disclosure_cli import schema

from ..conftest import CLEAN, CORPUS, REFERENCE, ROOT
from .helpers import run

SHIPPED = json.loads((ROOT / "disclosure_cli" / "schema.json").read_text(encoding="utf-8"))


@functools.cache
def validator():
    """Imported when first used, not when the module is collected (in every xdist worker)."""
    import jsonschema

    return jsonschema.Draft202012Validator(SHIPPED)


def test_shipped_schema_is_current_and_valid():
    assert SHIPPED == schema.build()
    type(validator()).check_schema(SHIPPED)
    assert run("schema").stdout.decode() == schema.dumps()


def test_schema_enumerates_the_canonical_keys():
    keys = SHIPPED["$defs"]["key"]["enum"]
    assert "t3.withheld.process_info.natural_person" in keys and "t2.procurement.amount" in keys
    assert "t3.other_handling.total" in keys and "t3.other_handling.unpaid_fee.commercial" in keys
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("command", ["check", "extract"])
def test_json_document_validates_on_the_corpus(command, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run(command, REFERENCE, CLEAN, CORPUS / "2019_shanghai_municipal_govt_general_office.html",
            CORPUS / "2024_huaian_city_govt.pdf", tmp_path / "empty.txt", "--format", "json")
    doc = json.loads(r.stdout)
    validator().validate(doc)
    assert [f["status"] for f in doc["files"]] == ["ok", "ok", "ok", "ok", "unreadable"]
    assert doc["files"][0]["values"]["t2.licensing.decisions"] == 197
    assert doc["files"][0]["cells"]["t2.procurement.amount"] == {
        "value": 1751292.6, "status": "ok", "raw": "1751292.6元", "location": {"line": 76, "column": 1},
        "unit": "元", "row_label": "政府集中采购", "col_label": "采购总金额"}


def test_a_broken_schema_contract_is_caught():
    doc = json.loads(run("extract", CLEAN, "--format", "json").stdout)
    doc["files"][0]["values"]["t3.granted.everyone"] = 1
    assert list(validator().iter_errors(doc))


def test_jsonl_streams_one_line_per_file_in_input_order(tmp_path):
    files = [CLEAN, REFERENCE, CLEAN]
    r = run("check", *files, CORPUS / "2024_huaian_hongze_district_govt.pdf", CORPUS / "2023_huaian_hongze_district_govt.pdf",
            "--format", "jsonl", "--jobs", "2")
    lines = [json.loads(line) for line in r.stdout.decode().splitlines()]
    for line in lines:
        validator().validate(line)
    assert [line["type"] for line in lines] == ["file"] * 4 + ["pair", "summary"]
    assert [line["path"] for line in lines[:4]] == [str(CLEAN), str(REFERENCE),
                                                   str(CORPUS / "2024_huaian_hongze_district_govt.pdf"),
                                                   str(CORPUS / "2023_huaian_hongze_district_govt.pdf")]
