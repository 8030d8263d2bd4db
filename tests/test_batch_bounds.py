"""Issue 8 §3: folder walks and recursive globs end on symlink loops; year pairing is indexed
(the same pairs as comparing every report with every other, in linear time)."""

from __future__ import annotations

import os
import random

import pytest

from disclosure_cli.batch import _agency_key, collect, expand, pair_reports, same_body
from disclosure_cli.model import Report


@pytest.fixture
def looped(tmp_path):
    """a.txt, sub/b.txt, sub/deeper/c.md, with links sub/deeper/up → sub and sub/loop → ."""
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt", "sub/deeper/c.md"):
        (tmp_path / name).write_text("x")
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "deeper" / "up")
    os.symlink(".", tmp_path / "sub" / "loop")
    return tmp_path


def _rel(paths, root):
    return sorted(os.path.realpath(p)[len(os.path.realpath(root)) + 1 :] for p in paths)


def test_folder_walk_visits_each_directory_once(looped):
    got = expand([str(looped)])
    assert _rel(got, looped) == ["a.txt", "sub/b.txt", "sub/deeper/c.md"]


def test_recursive_glob_visits_each_directory_once(looped):
    got = expand([str(looped / "**" / "*.txt")])
    assert _rel(got, looped) == ["a.txt", "sub/b.txt"]
    assert expand([str(looped / "sub" / "**" / "c.*")]) == [str(looped / "sub" / "deeper" / "c.md")]
    assert [s.explicit for s in collect([str(looped / "**" / "*.txt")])] == [False, False]


def test_a_linked_folder_is_walked(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "r.txt").write_text("x")
    (tmp_path / "top").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "top" / "link")
    assert expand([str(tmp_path / "top")]) == [str(tmp_path / "top" / "link" / "r.txt")]


def test_relative_recursive_glob(looped, monkeypatch):
    monkeypatch.chdir(looped)
    assert expand(["**/*.md"]) == ["sub/deeper/c.md"]
    assert expand(["sub/**/*.txt"]) == ["sub/b.txt"]


NAMES = ["淮安市洪泽区人民政府", "洪泽区人民政府", "淮安市人民政府", "人民政府", "泗阳县人民政府", "宿迁市泗阳县人民政府",
         "市政府", "上海市人民政府办公厅", "（上海市）人民政府办公厅", None, ""]


def _brute(compacts):
    """The pairing as it was: each report against every other, first match in batch order."""
    pairs = []
    for cur in compacts:
        if cur.year is None:
            continue
        for prev in compacts:
            if prev is not cur and prev.year == cur.year - 1 and same_body(cur.agency, prev.agency):
                pairs.append((cur, prev))
                break
    return pairs


@pytest.mark.parametrize("seed", range(20))
def test_indexed_pairing_gives_the_same_pairs(seed):
    rnd = random.Random(seed)
    compacts = [Report(path=f"r{i}", form="text", agency=rnd.choice(NAMES), year=rnd.choice([None, 2021, 2022, 2023]))
                for i in range(60)]
    assert [(c.path, p.path) for c, p in pair_reports(compacts)] == [(c.path, p.path) for c, p in _brute(compacts)]


def test_pairing_a_national_batch():
    """8,000 reports of 4,000 bodies over two years: every body pairs with itself."""
    compacts = [Report(path=f"{year}-{i}", form="text", agency=f"第{i}号县人民政府", year=year)
                for year in (2023, 2024) for i in range(4000)]
    pairs = pair_reports(compacts)
    assert len(pairs) == 4000
    assert all(_agency_key(c.agency) == _agency_key(p.agency) and p.year == 2023 for c, p in pairs)
