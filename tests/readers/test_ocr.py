"""The OCR reader on scans made from the corpus (tests/scans.py): the Huaian report's table
pages rendered and degraded like a scanner would, wrapped in an image-only PDF or saved as an
image. Every value is the verified one (expected/) or null with a finding, never another number.

OCR takes seconds per page, so each scan is OCR'd once per session (the PDF reader's cache in
conftest.py, and module fixtures here) and the suite OCRs six pages in all. Marked `ocr`;
skipped when the extra is not installed, unless DISCLOSURE_OCR_TESTS=required (.ci/run sets it
where it installs the extra), which makes a missing extra an error.
"""

from __future__ import annotations

import io
import json
import os

import pytest

from disclosure_cli import parse
from disclosure_cli.readers import ocr

from ..conftest import expected
from ..scans import BLOTTED, CORPUS_PDF, damaged_scan, degrade, huaian_scan, render

OCR = ocr.installed()
if not OCR and os.environ.get("DISCLOSURE_OCR_TESTS") == "required":  # set by .ci/run
    raise RuntimeError("the OCR tests are required here but the extra is not installed: pip install -e '.[ocr]'")
needs_ocr = pytest.mark.skipif(not OCR, reason="the ocr extra is not installed (pip install -e '.[ocr]')")
EXPECTED = expected("2024_huaian_city_govt.pdf")["values"]
# One xdist worker runs them all: the scans are OCR'd once per process, and each process
# that OCRs loads the models (about 1 GB).
pytestmark = pytest.mark.xdist_group("ocr")


def never_wrong(cells: dict) -> tuple[list[str], list[str]]:
    """(exact keys, null keys) of a report's cells; fails on any value that is another number."""
    exact, null = [], []
    for key, cell in cells.items():
        if cell["value"] is None:
            assert cell["status"] != "ok", key
            null.append(key)
        else:
            assert cell["value"] == EXPECTED[key], (key, cell)
            exact.append(key)
    return exact, null


@pytest.fixture(scope="module")
def scan300(tmp_path_factory):
    path = tmp_path_factory.mktemp("scans") / "scanned.pdf"
    path.write_bytes(huaian_scan(300))
    return path


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    path = tmp_path_factory.mktemp("scans") / "damaged.pdf"
    path.write_bytes(damaged_scan())
    return path


@pytest.fixture(scope="module")
def page_image(tmp_path_factory):
    """Page 4 (the end of table 2, the first rows of table 3) degraded at 150 dpi, as a PNG,
    parsed once."""
    (image,) = render(CORPUS_PDF, (4,), 150)
    path = tmp_path_factory.mktemp("scans") / "page4.png"
    degrade(image, seed=4).save(path)
    return path, parse(path)


@pytest.mark.ocr
@needs_ocr
def test_degraded_300_dpi_scan_reads_every_value_exactly(cli, scan300):
    r = cli("extract", scan300, "--format", "json")
    (file,) = json.loads(r.stdout)["files"]
    exact, null = never_wrong(file["cells"])
    assert len(exact) == len(EXPECTED) == 200 and not null
    assert (file["form"], file["template"], r.returncode) == ("pdf", "2021", 0)
    cell = file["cells"]["t2.penalty.decisions"]
    assert cell["raw"] == "3985758"
    loc = cell["location"]
    assert loc["method"] == "ocr" and 0.9 <= loc["confidence"] <= 1 and loc["page"] == 2
    x0, y0, x1, y1 = loc["box"]
    assert 0 < x0 < x1 < 2480 and 0 < y0 < y1 < 3509  # the cell, in the 300 dpi page


@pytest.mark.ocr
@needs_ocr
def test_check_on_the_scan_reads_like_the_text_pdf_and_says_ocr(cli, scan300):
    r = cli("check", scan300, "--format", "text", "--show-source")
    out = r.stdout.decode()
    assert r.returncode == 0 and r.stderr == b""
    assert "200/200 values read" in out
    assert "OCR识别，置信度" in out  # where a finding's cell is, and that it was read from a scan
    html = cli("check", scan300, "--format", "html").stdout.decode()
    assert 'class="v ok ocr"' in html and "OCR识别 置信度" in html


@pytest.mark.ocr
@needs_ocr
def test_damaged_scan_gives_nulls_with_findings_never_a_wrong_number(cli, damaged):
    r = cli("check", damaged, "--format", "json")
    (file,) = json.loads(r.stdout)["files"]
    exact, null = never_wrong(file["cells"])
    assert len(exact) > 100  # tables 3 and 4 are there; table 2 is not in the scan
    blotted = {"t3.other_handling.other.natural_person", "t4.review.total"}
    assert blotted <= set(null) and BLOTTED == ("108", "351")
    findings = file["findings"]
    cell_rule = [f for f in findings if f["rule"] == "S-CELL"]
    assert cell_rule and blotted <= {k for f in cell_rule for k in f["keys"]}
    implied = {f["keys"][0]: f for f in findings if f["rule"] == "S-OCR"}
    assert implied["t4.review.total"]["expected"] == 351 and "按勾稽关系应为 351" in implied["t4.review.total"]["message"]
    assert file["cells"]["t4.review.total"]["value"] is None  # said, never filled in
    assert r.returncode == 1


@pytest.mark.ocr
@needs_ocr
def test_page_image_at_150_dpi(page_image):
    path, report = page_image
    assert report.form == "image"
    cells = {k: v.to_dict() for k, v in report.values.items()}
    exact, _ = never_wrong(cells)
    # (行政处罚 and 行政强制 are on this page too, but table 2 begins on page 3: not found alone)
    rows = ("t2.fees", "t3.new_received", "t3.carried_over", "t3.granted", "t3.partial")
    assert {k for k in EXPECTED if k.startswith(rows)} <= set(exact)


@pytest.mark.ocr
@needs_ocr
def test_ocr_never_and_huge_images_are_one_line_errors(cli, scan300, tmp_path):
    r = cli("check", scan300, "--ocr", "never")
    assert r.returncode == 2
    assert r.stderr.decode() == (f"disclosure: {scan300}: PDF has no text layer (a scan?): it needs OCR, which --ocr never "
                                 "turns off / PDF没有文字层（扫描件），需做文字识别，但 --ocr never 已关闭\n")
    from PIL import Image

    huge = tmp_path / "huge.png"
    buf = io.BytesIO()
    Image.new("1", (20000, 20000), 1).save(buf, "PNG")  # 1 bit a pixel: a small file, 400 million pixels
    huge.write_bytes(buf.getvalue())
    r = cli("check", huge)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err == f"disclosure: {huge}: page 1 is 20000 × 20000 pixels (more than 60 million): too large to OCR / 图片过大，无法识别\n"


@pytest.mark.ocr
@needs_ocr
def test_a_page_over_the_time_cap_is_stopped_with_one_line(cli, scan300, monkeypatch):
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.05)
    r = cli("check", scan300, "--ocr", "always")  # (the session's cache holds --ocr auto's reading)
    assert r.returncode == 2
    assert r.stderr.decode() == f"disclosure: {scan300}: page 1: OCR took longer than 0.05 s; stopped / 识别超时\n"


def test_without_the_extra_a_scan_is_one_line_naming_it(cli, tmp_path, monkeypatch):
    """Whether or not the extra is installed here: the message as a user without it sees it."""
    monkeypatch.setattr(ocr, "installed", lambda: False)
    png = tmp_path / "page.png"
    buf = io.BytesIO()
    from PIL import Image

    Image.new("L", (200, 100), 255).save(buf, "PNG")
    png.write_bytes(buf.getvalue())
    r = cli("check", png)
    assert r.returncode == 2
    assert r.stderr.decode() == (f"disclosure: {png}: an image (a scanned page?): reading it needs OCR: "
                                 "pip install 'disclosure[ocr]' / 扫描件需文字识别，请安装 ocr 扩展\n")


def test_specks_at_the_ends_of_a_number_are_not_part_of_it():
    assert ocr.despeck("·12") == "12" and ocr.despeck("3001.") == "3001" and ocr.despeck("96171.6") == "96171.6"
    assert ocr.despeck("行政许可") == "行政许可"


def test_a_misread_label_becomes_the_template_label_but_values_never_change():
    assert ocr.fix_label("行政许司") == "行政许可"
    assert ocr.fix_label("2.其他法律行政法规禁止公汗") == "2.其他法律行政法规禁止公开"
    assert ocr.fix_label("3985758") == "3985758" and ocr.fix_label("这是正文里的一句话") == "这是正文里的一句话"


def test_workers_are_limited_by_memory(monkeypatch, tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 8000000 kB\nMemAvailable: 2500000 kB\n", encoding="ascii")
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: real_open(meminfo if path == "/proc/meminfo" else path, *a, **k))
    assert ocr.workers(8) == 2 and ocr.workers(1) == 1
