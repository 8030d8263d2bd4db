"""Bytes → text: UTF-8 (with/without BOM), GB18030/GBK, UTF-16; binary and garbage refused."""

from __future__ import annotations

import codecs

import pytest

from disclosure_cli import parse
from disclosure_cli.model import InputError
from disclosure_cli.readers.decode import decode

from ..conftest import CLEAN

TEXT = CLEAN.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16-bom", "utf-16-be-bom", "utf-16-le"],
)
def test_encodings(data, encoding):
    text, found = decode(data, "x")
    assert text == TEXT and found == encoding
    assert parse(data).values["t3.new_received.total"].value == 26


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 10, "x.bin")


def test_bad_bytes_after_bom():
    with pytest.raises(InputError, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd", "x")
