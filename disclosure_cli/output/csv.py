"""`--format csv`: the long format, one row per file and key (UTF-8; `--bom` for Excel)."""

from __future__ import annotations

import csv

from .base import Formatter as Base
from .base import long_rows

HEADER = ("file", "key", "table", "row_label", "column_label", "value", "unit", "status", "raw", "location")


class Formatter(Base):
    def begin(self) -> None:
        if self.bom:
            self.stream.write("\ufeff")
        self.writer = csv.writer(self.stream, lineterminator="\n")
        self.writer.writerow(HEADER)

    def file(self, result) -> None:
        if result.error:
            self.writer.writerow((result.path, "", "", "", "", "", "", "unreadable", result.error, ""))
            return
        for row in long_rows(result):
            self.writer.writerow((result.path, *("" if x is None else x for x in row)))
