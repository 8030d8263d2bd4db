"""`--format json`: one JSON document (schema: `disclosure schema`), written as files finish."""

from __future__ import annotations

import json

from .. import __version__
from ..schema import SCHEMA_VERSION
from .base import Formatter as Base
from .base import file_record, pair_record


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=None, separators=(",", ":"), allow_nan=False)


class Formatter(Base):
    @staticmethod
    def prepare(result, mode: str) -> str:
        """Serialise one file in the worker process (see batch.process)."""
        return dumps(file_record(result, mode))

    def begin(self) -> None:
        tool = dumps({"name": "disclosure", "version": __version__})
        self.stream.write(f'{{"schema_version":{dumps(SCHEMA_VERSION)},"tool":{tool},"command":{dumps(self.mode)},"files":[')
        self.first = True
        self.pairs: list[dict] = []

    def file(self, result) -> None:
        self.stream.write(("" if self.first else ",\n") + (result.payload or self.prepare(result, self.mode)))
        self.first = False

    def pair(self, result) -> None:
        self.pairs.append(pair_record(result))

    def end(self, summary) -> None:
        self.stream.write("],\n")
        if self.mode == "check":
            self.stream.write(f'"pairs":{dumps(self.pairs)},\n"summary":{dumps(summary.to_dict())}')
        else:
            self.stream.write(f'"summary":{dumps({"files": summary.files, "unreadable": summary.unreadable})}')
        self.stream.write("}\n")
