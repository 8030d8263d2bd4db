"""Bytes → text for text-like inputs (pasted text, Markdown, HTML without a declaration).

Reports come from Chinese Windows machines as often as from browsers: UTF-8 (with or without
BOM), GB18030/GBK and UTF-16 are all common. A BOM wins; then strict UTF-8; then UTF-16
recognised by its zero bytes; then GB18030, which accepts GBK and GB2312. Bytes none of
these decode are an input error, never replaced silently.
"""

from __future__ import annotations

import codecs
import re

from ..model import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark declares, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly ASCII/CJK, so one byte of each pair is often 0."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zero > half * 0.3 and even_zero < half * 0.05:
        return "utf-16-le"
    if even_zero > half * 0.3 and odd_zero < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding). Raises InputError naming the problem."""
    text, encoding = _decode(data, path)
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise InputError(f"{path}: binary file, not a report (control bytes in the text) / 二进制文件，不是报告")
    return text, encoding


def _decode(data: bytes, path: str) -> tuple[str, str]:
    found = bom_encoding(data)
    if found:
        name, skip = found
        try:
            return data[skip:].decode(name), name
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: bytes at offset {e.start} are not valid {name} despite its byte-order mark / 文件编码损坏") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not a report (NUL bytes) / 二进制文件，不是报告")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: cannot decode text (not UTF-8, UTF-16 or GB18030; bad bytes at offset {e.start}) / 无法识别文件编码") from None
