"""S-OCR — OCR识别的数值与表内勾稽关系不符：指出可能误识的单元格 (OCR values break the arithmetic).

检查 / What it checks
    Only for values read by OCR (a scanned PDF or a page image: `method: "ocr"` in their
    location). The table's sums (T3-ROW, T3-OUT, T3-BAL, T4-SUM) are checked again; where one
    fails, every OCR'd cell in it is tried: would one typical OCR confusion in that cell alone
    make the sum hold? The confusions are 6 read as 9 or 9 as 6, a 1 dropped or added (11 read
    as 1), and a dropped digit in a long number (3985758 read as 398575). A cell named that
    way is a likely misread: the finding gives what was read and what the arithmetic implies.
    A value the OCR could not read (null, with S-CELL) that is the one unknown of a sum gets
    the value the sum implies, in the message only.

为什么 / Why
    The engine's confidence catches most misreads, not all; a wrong digit read with confidence
    would pass as a reported figure. The arithmetic finds it, and the OCR confusions say which
    cell to look at in the scan. The tool never writes the implied number into the value: it
    stays as read (or null), and the reader checks the scan (`box` in the location).

失败示例 / Failing example
    表三「4.保护第三方合法权益」行 read as 自然人 9, 总计 6, the other columns 0: both cells are
    named (9 may be a misread 6, and 6 a misread 9), each with the value that would balance.
    An unreadable 「法律服务机构」 cell in a row whose other cells are read: 按勾稽关系应为 50.

来源 / Source
    The sums of docs/report-format.md §8; OCR confusions measured on degraded scans of the
    Huaian 2024 report (README, Scanned reports).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import READABLE, Finding, Report, Value
from . import t3_bal, t3_out, t3_row, t4_sum
from ._common import cell_name, finding, fmt

ID = "S-OCR"
SEVERITY = "warning"
SUMMARY = "OCR数值与勾稽关系不符，指出可能误识的单元格 / OCR values break the table's arithmetic"


def equations(report: Report) -> Iterator[tuple[list[str], list[str]]]:
    """(totals, parts) of every sum of tables 3 and 4: the ones the sum rules check."""
    for rule in (t3_row, t3_out, t3_bal, t4_sum):
        for e in rule.equations(report):
            yield e.totals, e.parts


def confusions(read: str) -> set[int]:
    """Numbers the engine may have seen as `read`: 6↔9 in one place, a 1 added or dropped,
    one digit dropped from a number of four digits or more."""
    out: set[int] = set()
    for i, ch in enumerate(read):
        if ch in "69":
            out.add(int(read[:i] + ("9" if ch == "6" else "6") + read[i + 1 :]))
        if ch == "1" and len(read) > 1:
            out.add(int(read[:i] + read[i + 1 :]))
    for i in range(len(read) + 1):
        out.add(int(read[:i] + "1" + read[i:]))
        if len(read) >= 4:
            out.update(int(read[:i] + d + read[i:]) for d in "0123456789" if read[:i] + d != "0")
    out.discard(int(read))
    return out


def _ocr(v: Value | None) -> bool:
    return v is not None and v.loc is not None and v.loc.method == "ocr"


def check(report: Report) -> Iterator[Finding]:
    if not any(_ocr(v) for v in report.values.values()):
        return
    named: set[str] = set()
    for totals, parts in equations(report):
        values = [report.values.get(k) for k in totals + parts]
        if any(v is None or v.status == "absent" for v in values):
            continue
        unknown = [v for v in values if v.status not in READABLE]
        if len(unknown) == 1 and _ocr(unknown[0]) and unknown[0].key not in named:
            v = unknown[0]
            side = 1 if v.key in totals else -1
            known = sum((x.value or 0) * (1 if x.key in parts else -1) for x in values if x is not v)
            implied = known * side
            if implied >= 0 and float(implied).is_integer():
                named.add(v.key)
                yield finding(f"{cell_name(v)}OCR未能可靠识别（值为空）：按勾稽关系应为 {fmt(int(implied))}，"
                              "请对照扫描件核实 / unreadable by OCR: the arithmetic implies this value, not filled in",
                              [v], expected=int(implied))
            continue
        if unknown or not any(_ocr(v) for v in values):
            continue
        gap = sum(v.value or 0 for v in values[len(totals):]) - sum(v.value or 0 for v in values[: len(totals)])
        if gap == 0:
            continue
        for v in values:
            if not _ocr(v) or v.status != "ok" or v.key in named or not isinstance(v.value, int):
                continue
            wanted = v.value + gap if v.key in totals else v.value - gap
            if wanted >= 0 and wanted in confusions(str(v.value)):
                named.add(v.key)
                yield finding(f"{cell_name(v)}OCR读作 {fmt(v.value)}，按勾稽关系应为 {fmt(wanted)}，可能误识，"
                              "请对照扫描件核实 / likely misread by OCR: the arithmetic implies another value",
                              [v], expected=wanted, actual=v.value)
