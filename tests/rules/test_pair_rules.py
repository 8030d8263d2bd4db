"""X-CARRY, X-VALID, X-ITEMS; automatic pairing of the 洪泽区 reports."""

from __future__ import annotations

import copy
import json

from disclosure_cli import parse

from ..conftest import CLEAN, CORPUS, REFERENCE
from .helpers import clean, findings


def _previous_of(report, year):
    prev = copy.deepcopy(report)
    prev.year = year
    return prev


def test_x_carry():
    cur = clean()
    prev = _previous_of(cur, 2022)
    for c in ("natural_person", "commercial", "research", "social", "legal", "other", "total"):
        prev.values[f"t3.carried_forward.{c}"].value = cur.values[f"t3.carried_over.{c}"].value
    assert findings("X-CARRY", cur, prev) == []
    prev.values["t3.carried_forward.total"].value = 5
    (f,) = findings("X-CARRY", cur, prev)
    assert f.expected == 5 and f.actual == 2 and "上年结转" in f.message


def test_x_carry_across_the_template_change():
    cur, prev = clean(), parse(REFERENCE)  # 2023 (2021 template) against 2020 (2019 template)
    fs = findings("X-CARRY", cur, prev)
    assert {f.keys[0] for f in fs} == {"t3.carried_over.natural_person", "t3.carried_over.total"}


def test_x_valid():
    cur = clean()
    prev = _previous_of(cur, 2022)
    prev.values["t2.normative_docs.in_force"].value = 23  # 23 + 3 − 1 = 25
    prev.values["t2.regulations.in_force"].value = 0
    assert findings("X-VALID", cur, prev) == []
    prev.values["t2.normative_docs.in_force"].value = 30
    (f,) = findings("X-VALID", cur, prev)
    assert f.expected == 32 and f.actual == 25


def test_x_items():
    cur = parse(REFERENCE)
    prev = _previous_of(cur, 2019)
    prev.values["t2.licensing.prev_items"].value = 3
    prev.values["t2.licensing.change"].value = 1
    assert [f.keys[0] for f in findings("X-ITEMS", cur, prev)] == []
    prev.values["t2.licensing.change"].value = 2
    (f,) = findings("X-ITEMS", cur, prev)
    assert f.keys[0] == "t2.licensing.prev_items" and f.expected == 5 and f.actual == 4


def test_hongze_pair_is_checked_across_years(cli):
    r = cli("check", CORPUS / "2024_huaian_hongze_district_govt.pdf", CORPUS / "2023_huaian_hongze_district_govt.pdf",
            "--format", "json")
    doc = json.loads(r.stdout)
    (pair,) = doc["pairs"]
    assert pair["path"].endswith("2024_huaian_hongze_district_govt.pdf")
    assert pair["previous"].endswith("2023_huaian_hongze_district_govt.pdf")
    # 行政许可 550 → 9487 (X-JUMP, info; see test_review_rules.test_hongze_pair); nothing else
    assert [f["rule"] for f in pair["findings"]] == ["X-JUMP"] and doc["summary"]["pairs"] == 1


def test_previous_option(cli, tmp_path):
    # the reference input (2020) dated 2022, the year before the clean sample's 2023
    previous = tmp_path / "2022.txt"
    previous.write_text(REFERENCE.read_text(encoding="utf-8").replace("2020", "2022"), encoding="utf-8")
    r = cli("check", CLEAN, "--previous", previous, "--format", "json", "--select", "X-")
    doc = json.loads(r.stdout)
    # 行政许可 197 → 1520 is a jump too (X-JUMP, info)
    assert [f["rule"] for f in doc["pairs"][0]["findings"]] == ["X-JUMP", "X-CARRY", "X-CARRY"]
    assert r.returncode == 0  # warnings; the default fail level is error
    r = cli("check", CLEAN, "--previous", REFERENCE, "--format", "json", "--select", "X-")
    assert json.loads(r.stdout)["pairs"] == [] and b"(not compared)" in r.stderr  # 2020 is not 2022
