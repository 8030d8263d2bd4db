"""Broken and hostile files: one line, exit 2, bounded time and memory, no traceback."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from disclosure_cli.readers.docx import MAX_XML_BYTES

from ..conftest import CLEAN, CORPUS
from ..layouts import rows_of, to_docx

PDF = (CORPUS / "2024_huaian_city_govt.pdf").read_bytes()


def _docx_with(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def _bomb() -> bytes:
    """A .docx whose document.xml expands to 1 MB more than the reader accepts (written in
    chunks, fast compression)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b"<w:document>")
            chunk = b" " * (1 << 20)
            for _ in range(MAX_XML_BYTES // len(chunk) + 1):
                f.write(chunk)
            f.write(b"</w:document>")
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
    "scan.pdf": (_scanned_pdf, "needs OCR"),  # with --ocr never (with OCR: tests/readers/test_ocr.py)
    "truncated.docx": (lambda: to_docx(rows_of(CLEAN.read_text(encoding="utf-8")))[:3000], ".docx"),
    "bomb.docx": (_bomb, f"expands to {MAX_XML_BYTES // 2**20 + 1} MB: refused (zip bomb?)"),
    "laughs.docx": (lambda: _docx_with(LAUGHS), "DOCTYPE"),
    "external.docx": (lambda: _docx_with(EXTERNAL), "DOCTYPE"),
    "nested.html": (lambda: b"<html><body>" + b"<div>" * 200000 + b"x" + b"</div>" * 200000 + b"</body></html>", "no statutory tables"),
}

# Named for another form: read by content. (bytes, form found, exit code, agency read)
LYING = {
    "lying.txt": (lambda: PDF, "pdf", 0, "淮安市人民政府"),  # a PDF named .txt
    "lying.pdf": (lambda: CLEAN.read_bytes(), "text", 0, "示例县市场监督管理局"),  # text named .pdf
    "lying.html": (lambda: to_docx(rows_of(CLEAN.read_text(encoding="utf-8"))), "docx", 0, "示例县市场监督管理局"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(cli, tmp_path, name):
    make, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    r = cli("check", path, "--format", "json", *(("--ocr", "never") if name == "scan.pdf" else ()))
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert message in err and str(path) in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("name", sorted(LYING))
def test_content_decides_the_form_not_the_name(cli, tmp_path, name):
    make, form, code, agency = LYING[name]
    path = tmp_path / name
    path.write_bytes(make())
    r = cli("check", path, "--format", "json")
    assert r.returncode == code and r.stderr == b""
    (file,) = json.loads(r.stdout)["files"]
    assert (file["form"], file["agency"]) == (form, agency)


def test_100_mb_file_is_refused_without_reading_it(cli, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    r = cli("check", path)
    assert r.returncode == 2 and r.stderr == f"disclosure: {path}: file too large (100 MB; the limit is 50 MB) / 文件过大\n".encode()


@pytest.mark.parametrize("data,forced,code,message", [
    (lambda: CLEAN.read_bytes(), None, 0, ""),
    (lambda: CLEAN.read_bytes(), "pdf", 2, "corrupt or truncated PDF"),
    (lambda: PDF, None, 0, ""),
    (lambda: PDF, "text", 2, "binary file, not a report"),
])
def test_input_type_forces_the_reader(cli, tmp_path, data, forced, code, message):
    """--input-type overrides what the content says: a report forced into the wrong reader
    fails there, and the same file without the option is read."""
    path = tmp_path / "report.bin"
    path.write_bytes(data())
    r = cli("check", path, *(("--input-type", forced) if forced else ()))
    assert r.returncode == code
    assert message in r.stderr.decode() and bool(message) == bool(r.stderr)
