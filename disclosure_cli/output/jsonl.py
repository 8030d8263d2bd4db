"""`--format jsonl`: one JSON object per line and file, streamed as each file finishes;
cross-year pairs follow as `{"type": "pair", …}` lines, the summary as the last line."""

from __future__ import annotations

from ..schema import SCHEMA_VERSION
from .base import Formatter as Base
from .base import file_record, pair_record
from .json import dumps


class Formatter(Base):
    @staticmethod
    def prepare(result, mode: str) -> str:
        """Serialise one file in the worker process (see batch.process)."""
        return dumps({"type": "file", "schema_version": SCHEMA_VERSION, **file_record(result, mode)}) + "\n"

    def file(self, result) -> None:
        self.stream.write(result.payload or self.prepare(result, self.mode))
        self.stream.flush()

    def pair(self, result) -> None:
        self.stream.write(dumps({"type": "pair", **pair_record(result)}) + "\n")

    def end(self, summary) -> None:
        self.stream.write(dumps({"type": "summary", **summary.to_dict()}) + "\n")
