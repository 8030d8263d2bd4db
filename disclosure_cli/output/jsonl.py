"""`--format jsonl`: one JSON object per line and file, streamed as each file finishes;
cross-year pairs follow as `{"type": "pair", …}` lines, the summary as the last line.
Lines are encoded once (in the worker, encode.py) and written as bytes."""

from __future__ import annotations

from ..schema import SCHEMA_VERSION
from .base import Formatter as Base
from .base import byte_stream, file_record, numbers, pair_record
from .encode import dumps


class Formatter(Base):
    @staticmethod
    def prepare(result, mode: str) -> bytes:
        """Serialise one file in the worker process (see batch.process)."""
        record = {"type": "file", "schema_version": SCHEMA_VERSION, **file_record(result, mode)}
        return dumps(record, numbers(result.report, result.findings)) + b"\n"

    def begin(self) -> None:
        self.out = byte_stream(self.stream)

    def file(self, result) -> None:
        self.out.write(result.payload or self.prepare(result, self.mode))

    def pair(self, result) -> None:
        self.out.write(dumps({"type": "pair", **pair_record(result)}, numbers(None, result.findings)) + b"\n")

    def end(self, summary) -> None:
        self.out.write(dumps({"type": "summary", **summary.to_dict()}) + b"\n")
