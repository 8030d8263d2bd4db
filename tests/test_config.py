"""Rules as a product: listing and docs, --select/--ignore/--severity, config files, baseline."""

from __future__ import annotations

import json

import pytest

from disclosure_cli.rules import RULES

from .conftest import CORPUS, REFERENCE, ROOT, invoke

SHANGHAI = CORPUS / "2019_shanghai_municipal_govt_general_office.html"


def run(*args, cwd=ROOT):
    return invoke(*args, cwd=cwd)


def _rules(r):
    return sorted({f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]})


def test_every_rule_of_the_catalogue_exists_with_docs():
    catalogue = (ROOT / "tests" / "corpus" / "README.md").exists()
    ids = {"T3-BAL", "T3-OUT", "T3-ROW", "T3-NONNEG", "T4-SUM", "T4-NONNEG", "T2-NONNEG", "S-TEMPLATE", "S-TABLE",
           "S-CELL", "S-BLANK", "S-SECTION", "S-LABEL", "N-APP", "N-OUT", "N-T4", "N-T2", "N-SUM", "N-YEAR", "N-S5",
           "T3-FEE", "X-CARRY", "X-VALID", "X-ITEMS", "T2-A-PLAUS",
           # the reviewers' rules (rules.md, "What reviewers check")
           "P-DEADLINE", "S-CIRCULAR", "S-SECTION1", "N-STALE", "N-ZERO", "T2-RULEMAKER", "T2-FEE-UNIT",
           "X-REUSE", "X-SAME", "X-REPEAL", "X-JUMP", "W-TLS",
           "S-OCR"}  # scans (issue 15)
    assert catalogue and set(RULES) == ids
    for rule in RULES.values():
        for heading in ("检查 / What it checks", "为什么 / Why", "失败示例 / Failing example", "来源 / Source"):
            assert heading in rule.doc, (rule.id, heading)


def test_rules_command():
    r = run("rules")
    assert r.returncode == 0 and len(r.stdout.decode().splitlines()) == len(RULES)
    r = run("rules", "t3-bal")
    assert "本列数据的勾稽关系" in r.stdout.decode()
    r = run("rules", "NOPE")
    assert r.returncode == 2 and b"unknown rule" in r.stderr


def test_select_ignore_and_severity():
    assert _rules(run("check", SHANGHAI, "--format", "json", "--select", "N-")) == ["N-OUT", "N-T4"]
    assert "S-BLANK" not in _rules(run("check", SHANGHAI, "--format", "json", "--ignore", "S-BLANK,T3-"))
    r = run("check", SHANGHAI, "--format", "json", "--select", "N-", "--severity", "N-OUT=error")
    severities = {f["rule"]: f["severity"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert severities == {"N-OUT": "error", "N-T4": "warning"} and r.returncode == 1
    assert run("check", SHANGHAI, "--select", "N-").returncode == 0  # warnings only, fail-on error
    assert run("check", SHANGHAI, "--select", "N-", "--fail-on", "warning").returncode == 1


@pytest.mark.parametrize("name,body", [
    ("disclosure.toml", 'select = ["N-"]\nfail-on = "warning"\n[severity]\nN-T4 = "info"\n'),
    ("pyproject.toml", '[tool.disclosure]\nselect = ["N-"]\nfail-on = "warning"\n[tool.disclosure.severity]\nN-T4 = "info"\n'),
])
def test_config_files_are_found_walking_up(tmp_path, name, body):
    (tmp_path / name).write_text(body, encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    r = run("check", SHANGHAI, "--format", "json", cwd=sub)
    findings = json.loads(r.stdout)["files"][0]["findings"]
    assert {f["rule"]: f["severity"] for f in findings} == {"N-OUT": "warning", "N-T4": "info"}
    assert r.returncode == 1  # fail-on warning from the file
    assert run("check", SHANGHAI, "--isolated", "--select", "N-", cwd=sub).returncode == 0
    assert run("check", SHANGHAI, "--config", tmp_path / name, "--select", "N-T4").returncode == 0


@pytest.mark.parametrize("body,bad", [
    ('selekt = ["N-"]\n', "selekt"),
    ('select = ["Q-"]\n', "Q-"),
    ('[severity]\nN-T4 = "fatal"\n', "fatal"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ("select = [", "invalid TOML"),
])
def test_invalid_config_is_exit_2_naming_the_key(tmp_path, body, bad):
    (tmp_path / "disclosure.toml").write_text(body, encoding="utf-8")
    r = run("check", SHANGHAI, cwd=tmp_path)
    assert r.returncode == 2 and bad in r.stderr.decode() and b"Traceback" not in r.stderr


def test_baseline_reports_only_new_findings(tmp_path):
    base = tmp_path / "baseline.json"
    assert run("check", REFERENCE, "--write-baseline", base, "--format", "json").returncode == 0
    assert json.loads(base.read_text())["findings"][0]["rule"] == "S-CELL"
    r = run("check", REFERENCE, "--baseline", base, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["files"][0]["findings"] == []
    changed = tmp_path / "changed.txt"
    changed.write_text(REFERENCE.read_text(encoding="utf-8").replace("(七)总计 |\n0 |", "(七)总计 |\n1 |"), encoding="utf-8")
    r = run("check", changed, "--baseline", base, "--format", "json")
    new = _rules(r)
    assert r.returncode == 1 and "S-CELL" in new  # paths differ: the baseline is per file


def test_command_line_fail_on_overrides_the_file(tmp_path):
    (tmp_path / "disclosure.toml").write_text('fail-on = "warning"\nselect = ["N-"]\n', encoding="utf-8")
    assert run("check", SHANGHAI, cwd=tmp_path).returncode == 1
    assert run("check", SHANGHAI, "--fail-on", "never", cwd=tmp_path).returncode == 0
    assert run("check", SHANGHAI, "--fail-on", "error", cwd=tmp_path).returncode == 0
