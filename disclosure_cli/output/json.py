"""`--format json`: one JSON document (schema: `disclosure schema`), written as files finish."""

from __future__ import annotations

import json

from .. import __version__
from ..schema import SCHEMA_VERSION
from . import encode
from .base import Formatter as Base
from .base import byte_stream, file_record, numbers, pair_record


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=None, separators=(",", ":"), allow_nan=False)


class Formatter(Base):
    @staticmethod
    def prepare(result, mode: str) -> bytes:
        """Serialise one file in the worker process (see batch.process)."""
        return encode.dumps(file_record(result, mode), numbers(result.report, result.findings))

    def begin(self) -> None:
        self.out = byte_stream(self.stream)
        tool = dumps({"name": "disclosure", "version": __version__})
        head = f'{{"schema_version":{dumps(SCHEMA_VERSION)},"tool":{tool},"command":{dumps(self.mode)},"files":['
        self.out.write(head.encode("utf-8"))
        self.first = True
        self.pairs: list[dict] = []
        self.pair_numbers: list[object] = []

    def file(self, result) -> None:
        if not self.first:
            self.out.write(b",\n")
        self.out.write(result.payload or self.prepare(result, self.mode))
        self.first = False

    def pair(self, result) -> None:
        self.pairs.append(pair_record(result))
        self.pair_numbers.extend(numbers(None, result.findings))

    def end(self, summary) -> None:
        self.out.write(b"],\n")
        if self.mode == "check":
            pairs = encode.dumps(self.pairs, self.pair_numbers)
            self.out.write(b'"pairs":' + pairs + b',\n"summary":' + encode.dumps(summary.to_dict()))
        else:
            self.out.write(b'"summary":' + encode.dumps({"files": summary.files, "unreadable": summary.unreadable}))
        self.out.write(b"}\n")
