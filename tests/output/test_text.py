"""The human format: grouped by table, labels, expected vs actual, location; no colour when piped."""

from __future__ import annotations

from ..conftest import CORPUS, ONE_ERROR
from .helpers import run


def test_human_output_groups_by_table_and_points_at_the_cell():
    out = run("check", ONE_ERROR).stdout.decode()
    assert "表三（收到和处理申请）" in out
    assert "T3-ROW" in out and "「（一）予以公开」行" in out and "应为 10，实为 11" in out and "L31:47" in out
    assert out.rstrip().splitlines()[-1].startswith("1 file checked: 0 clean, 1 with findings")
    assert "\x1b[" not in out


def test_pairs_are_shown():
    out = run("check", CORPUS / "2024_huaian_hongze_district_govt.pdf", CORPUS / "2023_huaian_hongze_district_govt.pdf").stdout.decode()
    assert "跨年度" in out and "1 year pair" in out


def test_no_color_is_honoured():
    out = run("check", ONE_ERROR, env={"NO_COLOR": "1", "FORCE_COLOR": ""}).stdout.decode()
    assert "\x1b[" not in out
