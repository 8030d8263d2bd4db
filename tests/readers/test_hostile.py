"""Broken and hostile files: one line, exit 2, bounded time and memory, no traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from ..conftest import CLEAN, CORPUS
from ..layouts import rows_of, to_docx

PDF = (CORPUS / "2024_huaian_city_govt.pdf").read_bytes()


def _docx_with(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
          b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
          b"<w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            b"<w:t>&x;</w:t></w:r></w:p></w:body></w:document>")

CASES = {
    "truncated.pdf": (lambda: PDF[: len(PDF) // 3], "PDF"),
    "garbage.pdf": (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 1000, "PDF"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted PDF"),
    "scan.pdf": (_scanned_pdf, "needs OCR"),
    "truncated.docx": (lambda: to_docx(rows_of(CLEAN.read_text(encoding="utf-8")))[:3000], ".docx"),
    "bomb.docx": (lambda: _docx_with(b"<w:document>" + b" " * (200 * 1024 * 1024) + b"</w:document>"), "zip bomb"),
    "laughs.docx": (lambda: _docx_with(LAUGHS), "DOCTYPE"),
    "external.docx": (lambda: _docx_with(EXTERNAL), "DOCTYPE"),
    "nested.html": (lambda: b"<html><body>" + b"<div>" * 200000 + b"x" + b"</div>" * 200000 + b"</body></html>", "no statutory tables"),
    "lying.txt": (lambda: PDF, None),  # a PDF named .txt is read as a PDF
    "lying.pdf": (lambda: CLEAN.read_bytes(), None),  # text named .pdf is read as text
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(tmp_path, name):
    make, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    r = subprocess.run([sys.executable, "-m", "disclosure_cli", "check", str(path), "--format", "json"],
                       capture_output=True, timeout=60)
    err = r.stderr.decode()
    assert "Traceback" not in err
    if message is None:
        assert r.returncode in (0, 1), err
        return
    assert r.returncode == 2, err
    assert message in err and str(path) in err and len(err.strip().splitlines()) == 1


def test_100_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    r = subprocess.run([sys.executable, "-m", "disclosure_cli", "check", str(path)], capture_output=True, timeout=30)
    assert r.returncode == 2 and b"too large" in r.stderr


def test_input_type_forces_the_reader(tmp_path):
    path = tmp_path / "report.bin"
    path.write_bytes(CLEAN.read_bytes())
    r = subprocess.run([sys.executable, "-m", "disclosure_cli", "check", str(path), "--input-type", "text"],
                       capture_output=True, timeout=30)
    assert r.returncode == 0
