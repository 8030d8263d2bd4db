"""sarif (SARIF 2.1.0 object model), github workflow commands, junit XML, auto."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from disclosure_cli.rules import RULES

from ..conftest import CLEAN, CORPUS, ONE_ERROR, REFERENCE
from .helpers import run


def test_sarif_validates_and_carries_rules_and_lines(tmp_path):
    from sarif_pydantic import Sarif

    (tmp_path / "bad.txt").write_bytes(b"")
    r = run("check", ONE_ERROR, REFERENCE, CORPUS / "2024_huaian_city_govt.pdf", tmp_path / "bad.txt", "--format", "sarif")
    log = json.loads(r.stdout)
    Sarif.model_validate(log)
    run_ = log["runs"][0]
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == list(RULES)
    assert all(rule["help"]["text"] for rule in run_["tool"]["driver"]["rules"])
    results = run_["results"]
    t3row = next(x for x in results if x["ruleId"] == "T3-ROW")
    assert t3row["level"] == "error"
    assert t3row["locations"][0]["physicalLocation"]["region"] == {"startLine": 31, "startColumn": 47}
    assert t3row["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("one_error.txt")
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert "empty file" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert r.returncode == 2


def test_github_annotations():
    r = run("check", ONE_ERROR, "--format", "github")
    lines = r.stdout.decode().splitlines()
    assert lines[0].startswith(f"::error file={ONE_ERROR},line=31,col=47,title=disclosure T3-ROW::")
    assert all(line.startswith("::") for line in lines)  # workflow commands only
    assert r.stderr.decode() == "disclosure: 1 file, 0 unreadable; 2 errors, 0 warnings, 0 info\n"
    assert r.returncode == 1


def test_github_escapes_properties_and_data(tmp_path):
    odd = tmp_path / "a,b:c%.txt"
    odd.write_bytes(CLEAN.read_bytes().replace(b"| 9 |", b"| 8 |", 1))
    line = run("check", odd, "--format", "github").stdout.decode().splitlines()[0]
    assert "a%2Cb%3Ac%25.txt" in line


def test_auto_picks_github_inside_actions():
    assert run("check", ONE_ERROR, env={"GITHUB_ACTIONS": "true"}).stdout.startswith(b"::error ")
    assert b"T3-ROW" in run("check", ONE_ERROR).stdout and not run("check", ONE_ERROR).stdout.startswith(b"::")


def test_junit_one_case_per_file_and_rule(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    r = run("check", ONE_ERROR, CLEAN, tmp_path / "bad.txt", "--format", "junit")
    root = ET.fromstring(r.stdout)
    suites = root.findall("testsuite")
    report_rules = [r_ for r_ in RULES.values() if not r_.pair]
    assert [int(s.get("tests")) for s in suites] == [len(report_rules), len(report_rules), 1]
    failed = [c.get("name") for c in suites[0].findall("testcase") if c.find("failure") is not None]
    assert failed == ["T3-OUT", "T3-ROW"]
    assert suites[1].get("failures") == "0" and suites[2].find("testcase/error") is not None
    assert root.get("failures") == "2" and root.get("errors") == "1"


def test_junit_is_well_formed_xml_whatever_control_characters_the_report_holds(tmp_path):
    """XML 1.0 allows no control characters but tab and newlines, not even escaped; a report
    (or a file name) holding one must not make the CI's JUnit parser reject the whole file."""
    text = CLEAN.read_text(encoding="utf-8").replace("共收到政府信息公开申请26件", "共收到\x01政府\x1b[31m信息公开申请62件")
    report = tmp_path / "ctl\x02.txt"
    report.write_text(text, encoding="utf-8")
    r = run("check", report, "--format", "junit")
    root = ET.fromstring(r.stdout)
    assert r.returncode == 0 and root.get("tests")
    failure = [c for c in root.iter("system-out") if "N-APP" in (c.text or "")]
    assert failure and "\ufffd政府\ufffd[31m" in failure[0].text
