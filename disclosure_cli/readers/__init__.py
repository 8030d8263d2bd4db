"""Readers: one module per input form, each turning a file into a `Document` (rows of cells
plus prose). `read()` picks the form by content, not by extension; `--input-type` forces one.
"""

from __future__ import annotations

from ..model import Document, InputError

FORMS = ("text", "html", "pdf", "docx", "image")
MAX_BYTES = 50 * 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the binary container of .doc (Word 97–2003) and .wps
IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF: scanned pages


def sniff(data: bytes) -> str:
    """The input form by magic bytes and markup, whatever the file name says."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(IMAGES):
        return "image"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: look at the text
        head = head[:2048].decode("utf-16", "ignore").encode("utf-8")
    probe = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1024].lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        probe.startswith(b"<") and any(t in data[:65536].lower() for t in (b"<table", b"<p", b"<div", b"<body"))
    ):
        return "html"
    return "text"


def read(data: bytes, path: str, form: str | None = None, ocr: str = "auto") -> Document:
    """Bytes of one file → Document. Raises InputError with a one-line reason. `ocr` (never,
    auto, always): whether scans are OCR'd (auto: PDF pages without a text layer, and images)."""
    if not data.strip():
        raise InputError(f"{path}: empty file / 文件为空")
    if data.startswith(OLE):
        raise InputError(f"{path}: Word 97–2003 (.doc) or WPS file, which cannot be read: save it as .docx or PDF / 无法读取.doc或WPS文件，请另存为.docx或PDF")
    form = form or sniff(data)
    if form == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path, ocr)
    if form == "image":
        if ocr == "never":
            raise InputError(f"{path}: an image (a scanned page?): reading it needs OCR, which --ocr never turns off "
                             "/ 图片需做文字识别，但 --ocr never 已关闭")
        from .ocr import read_images

        return read_images(data, path)
    if form == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if form == "html":
        from .html import read_html

        return read_html(data, path)
    from .decode import decode
    from .text import read_text

    text, _ = decode(data, path)
    return read_text(text, path)
