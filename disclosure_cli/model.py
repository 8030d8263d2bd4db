"""The data every stage shares: cells read from a file, the report rebuilt from them, findings.

This module is the bottom of the project: it imports nothing of it, so readers, the locator,
rules and formatters can all depend on it. Everything here is plain data and picklable, so a
parsed report can cross a process boundary (multiprocessing, Dask, Spark).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
FAIL_LEVELS: tuple[str, ...] = (*SEVERITIES, "never")  # --fail-on: a severity, or never fail

# Status of one extracted value (see docs/keys.md "Values").
#   ok          a number was read
#   blank       the cell is empty or a placeholder (/, -, —, 无): value null
#   unreadable  the cell exists but cannot be read with certainty (text, damaged layout): null
#   missing     the template requires the cell and the report has no such cell: null
#   absent      the key belongs to the template but this report's layout has another form
#               (a 2021 table with a single （六） row): null, and not checked
ValueStatus = Literal["ok", "blank", "unreadable", "missing", "absent"]
VALUE_STATUSES: tuple[str, ...] = ("ok", "blank", "unreadable", "missing", "absent")
READABLE = ("ok", "blank")  # statuses a rule can count with (a blank counts as 0)
UNCHECKABLE = ("unreadable", "missing", "absent")  # statuses a rule skips: S-CELL reports them
# An OCR'd number read less surely than this is unreadable (null with S-CELL), never a guess.
# On the corpus scans (README, Scanned reports) no value read at or above it was wrong, and the
# misreads seen (`Q` for 0, a blot read as `D`) scored 0.16 to 0.71.
OCR_MIN_CONFIDENCE = 0.9
PUBLISHED_SOURCES = ("option", "page-meta", "page-text", "signature", "http-last-modified")
TABLE_NOT_FOUND = "未找到该表 / table not found"
TABLE_FUSED = "表格单元格边界丢失，数字连在一起 / cell boundaries lost"  # the whole table: rule S-TABLE


class InputError(Exception):
    """A file that cannot be read as a report at all: a one-line message, exit code 2."""


class NotAReport(InputError):
    """A readable file without statutory tables: an error when named, skipped in a folder walk
    (a web page may link the report instead)."""


class Location(NamedTuple):
    """Where a cell or sentence came from: line/column in text, table/row/col in HTML or
    Word, page/line in a PDF. Lines, rows and columns count from 1. (A NamedTuple: readers
    make thousands per report, and tuples are the cheapest immutable record.)

    Text read by OCR says so: `method` "ocr", the engine's `confidence` (0–1, the lowest of
    the cell's text boxes), and `box`, the cell's (left, top, right, bottom) in pixels of the
    page image the OCR read (a PDF page rendered at 300 dpi, an image as it is; deskewed)."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    method: str | None = None
    confidence: float | None = None
    box: tuple[int, int, int, int] | None = None

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.table is not None:
            parts.append(f"table {self.table} r{self.row} c{self.col}")
        if self.line is not None:
            parts.append(f"L{self.line}" + (f":{self.column}" if self.column is not None else ""))
        if self.method == "ocr":
            parts.append(f"OCR {self.confidence:.2f}")
        return " ".join(parts) or "?"

    def describe(self, line: bool = True) -> str:
        """The place in words a reader cannot mistake for 表二/表三/表四: 第4页 第6个表格 第4行第5列
        (the source's own tables are counted, not the statutory ones). A text position reads
        第31行第47列; `line=False` leaves it out (shown as path:line:col, or meaningless)."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"第{self.table}个表格 第{self.row}行第{self.col}列")
        elif line and self.line is not None:
            parts.append(f"第{self.line}行" + (f"第{self.column}列" if self.column is not None else ""))
        if self.method == "ocr":
            parts.append(f"（OCR识别，置信度 {self.confidence:.2f}）")
        return " ".join(parts)

    def to_dict(self) -> dict:
        line, column, page, table, row, col, method, confidence, box = self
        d: dict = {}
        if page is not None:
            d["page"] = page
        if table is not None:
            d["table"], d["row"], d["col"] = table, row, col
        if line is not None:
            d["line"] = line
        if column is not None:
            d["column"] = column
        if method is not None:
            d["method"], d["confidence"], d["box"] = method, confidence, list(box) if box else None
        return d


class Cell(NamedTuple):
    """One piece of text from the source: a table cell, or a line of prose."""

    text: str
    loc: Location


@dataclass(slots=True)
class Row:
    """A run of cells the reader knows belong together (a text line, an HTML/Word table row,
    a PDF line). `table` numbers the source table for grid readers (HTML, Word); text readers
    leave it None. `wrapped` marks PDF lines, whose labels may wrap onto the next line."""

    cells: list[Cell]
    table: int | None = None
    wrapped: bool = False


@dataclass(slots=True)
class Document:
    """What a reader hands to the locator: table rows and prose, both in reading order.

    `cell_per_line` is set by the text reader when cells were pasted one per line with row
    boundaries lost; values then follow their label across lines. `notes` are what the reader
    had to bound or drop (a span bomb clipped), each a message at its place: S-CELL reports them.
    """

    path: str
    form: str
    rows: list[Row]
    prose: list[Cell]
    cell_per_line: bool = False
    # A saved page's <meta> publication dates: lower-cased name → content (HTML reader).
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class Value:
    """One canonical key's value with its provenance."""

    key: str
    value: int | float | None
    status: ValueStatus
    raw: str | None = None
    loc: Location | None = None
    unit: str | None = None
    row_label: str | None = None
    col_label: str | None = None
    note: str | None = None

    def __reduce__(self):
        # A plain tuple pickles several times faster than a slotted dataclass's state.
        return (Value, (self.key, self.value, self.status, self.raw, self.loc, self.unit, self.row_label,
                        self.col_label, self.note))

    def to_dict(self) -> dict:
        loc = self.loc
        d: dict = {"value": self.value, "status": self.status, "raw": self.raw,
                   "location": loc.to_dict() if loc is not None else None}
        if self.unit:
            d["unit"] = self.unit
        if self.row_label:
            d["row_label"] = self.row_label
        if self.col_label:
            d["col_label"] = self.col_label
        if self.note:
            d["note"] = self.note
        return d


class FindingCell(NamedTuple):
    """One cell of a finding that concerns several cells (a blank column): what it should hold."""

    key: str
    expected: int | float | None
    actual: int | float | None
    loc: Location | None

    def to_dict(self) -> dict:
        return {"key": self.key, "expected": self.expected, "actual": self.actual,
                "location": self.loc.to_dict() if self.loc is not None else None}


class SumCheck(NamedTuple):
    """What a sum finding compared (keys of each side, and their names in the message), kept
    so the engine can group findings that share one cause (rules/_group.py). Not serialised."""

    totals: tuple[str, ...]
    parts: tuple[str, ...]
    subject: str
    total_name: str
    parts_name: str


@dataclass(slots=True)
class Finding:
    """A rule's verdict on some cells: a fixed message per rule plus the cells' specifics.
    `cells` lists, for a finding on several cells of one cause, what each should hold."""

    rule: str
    severity: Severity
    message: str
    keys: tuple[str, ...] = ()
    expected: float | int | None = None
    actual: float | int | None = None
    locations: tuple[Location, ...] = ()
    table: str | None = None
    path: str = ""
    cells: tuple[FindingCell, ...] = ()
    sum: SumCheck | None = field(default=None, compare=False, repr=False)

    def fingerprint(self, path: str | None = None) -> str:
        """Identity for baselines: stable across reruns and unrelated edits of the file.
        `path` replaces the path as typed (baselines pass it relative to the project root)."""
        return "|".join([self.rule, self.path if path is None else path, ",".join(self.keys), self.message])

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "table": self.table,
            "keys": list(self.keys),
            "expected": self.expected,
            "actual": self.actual,
            "locations": [loc.to_dict() for loc in self.locations],
        }
        if self.cells:
            d["cells"] = [c.to_dict() for c in self.cells]
        return d


def fails(finding: Finding, level: str) -> bool:
    """Whether a finding is at or above a fail level (`never`: nothing fails)."""
    return level != "never" and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[level]


@dataclass(slots=True)
class TableInfo:
    """What the locator learnt about one statutory table."""

    found: bool = False
    loc: Location | None = None
    problem: str | None = None
    duplicate: Location | None = None  # where the table begins again in the same report
    fused: Location | None = None  # where its cells run together (boundaries lost)


@dataclass(slots=True)
class LabelNote:
    """A row recognised from a variant or misprinted label (rule S-LABEL); `key` is the
    row's key prefix (`t3.withheld.internal_affairs`)."""

    key: str
    found: str
    official: str
    loc: Location


@dataclass(slots=True)
class Section:
    """A section heading 一 … 六: `number` by its wording, `printed` the numeral it carries."""

    number: int
    heading: str
    loc: Location
    text: str = ""
    printed: int | None = None


@dataclass(slots=True)
class Report:
    """A report rebuilt into canonical records, ready for the rules and the formatters."""

    path: str
    form: str
    template: str | None = None
    year: int | None = None
    agency: str | None = None
    title: str | None = None
    period_year: int | None = None
    values: dict[str, Value] = field(default_factory=dict)
    tables: dict[str, TableInfo] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    prose: list[Cell] = field(default_factory=list)
    label_notes: list[LabelNote] = field(default_factory=list)
    stray: dict[str, list[Location]] = field(default_factory=dict)
    hybrid: str | None = None
    # Column headers that differ from the template or cannot be read: (table, what was done).
    header_notes: list[tuple[str, str]] = field(default_factory=list)
    pre2019: bool = False
    # Publication date (ISO YYYY-MM-DD) and where it came from: "option" (--published),
    # "page-meta" (<meta name="PubDate">…), "page-text" (a 发布日期：… line), "signature" (the
    # date under the report), "http-last-modified" (a fetched page's header).
    published: str | None = None
    published_source: str | None = None
    notes: list[Cell] = field(default_factory=list)  # the reader's notes (Document.notes)
    # A fetched page's report read from its attachment: the attachment's address (`path` is the page's).
    source: str | None = None
    insecure: bool = False  # fetched with certificate checks off (--insecure)
    derived: dict = field(default_factory=dict, repr=False)  # per-report caches (prose statements)

    def number(self, key: str) -> int | float | None:
        v = self.values.get(key)
        return v.value if v else None

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None


@dataclass(slots=True)
class FileResult:
    """One input file's outcome, the unit every output format writes: a report with its
    findings, or the one-line reason it could not be read."""

    path: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # The file's output already serialised by a worker process (json/jsonl), so a batch does
    # not ship whole reports back to the main process.
    payload: bytes | None = None
    # A readable file without statutory tables met in a folder walk: the reason it was skipped.
    skipped: str | None = None
    # Values that could not be read (null, status unreadable or missing; or no template): for
    # `extract`'s exit code, known even when the report itself stayed in a worker.
    incomplete: bool = False
    # The report's place in its file (`path#2` is 2): summaries count files and reports apart.
    part: int = 1

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] += 1
        return out
