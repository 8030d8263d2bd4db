"""`--format jsonl`: one JSON object per line and file, streamed as each file finishes;
cross-year pairs follow as `{"type": "pair", …}` lines, the summary as the last line."""

from __future__ import annotations

from .base import SCHEMA_VERSION, Formatter as Base, file_record, pair_record
from .json import dumps


class Formatter(Base):
    def file(self, result) -> None:
        record = {"type": "file", "schema_version": SCHEMA_VERSION, **file_record(result, self.mode)}
        self.stream.write(dumps(record) + "\n")
        self.stream.flush()

    def pair(self, result) -> None:
        self.stream.write(dumps({"type": "pair", **pair_record(result)}) + "\n")

    def end(self, summary) -> None:
        self.stream.write(dumps({"type": "summary", **summary.to_dict()}) + "\n")
