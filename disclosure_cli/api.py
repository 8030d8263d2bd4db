"""The Python API: `parse` a report into records, `check` it against the rules.

    from disclosure_cli import parse, check
    report = parse("report.pdf")          # or parse(text), parse(bytes, name="x.html")
    for f in check(report):
        print(f.rule, f.severity, f.message)
    report.values["t3.new_received.total"].value

Reports and findings are plain picklable dataclasses: run `parse`/`check` in a
multiprocessing pool or on Dask/Spark workers and collect the results.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .config import Config
from .locate import locate
from .locate.reports import split_reports
from .model import Finding, InputError, NotAReport, Report
from .prose import front_matter, published
from .readers import MAX_BYTES, read
from .rules import run


def read_source(source: str | os.PathLike | bytes, name: str | None = None) -> tuple[bytes, str]:
    """Bytes and display name of a report given as a path, bytes or text."""
    if isinstance(source, bytes):
        return source, name or "<bytes>"
    if isinstance(source, str) and ("\n" in source or len(source) > 4096):
        return source.encode("utf-8"), name or "<text>"
    path = Path(source)
    shown = name or str(source)
    if str(source) == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1), name or "<stdin>"
    try:
        if path.is_dir():
            raise InputError(f"{shown}: is a directory (give report files, or a folder to `check`) / 这是文件夹，不是报告文件")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{shown}: file too large ({size // 1048576} MB; the limit is {MAX_BYTES // 1048576} MB) / 文件过大")
        return path.read_bytes(), shown
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file / 文件不存在") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied / 无权读取该文件") from None
    except OSError as e:
        raise InputError(f"{shown}: cannot read ({e.strerror or e}) / 无法读取该文件") from None


def parse(source: str | os.PathLike | bytes, *, name: str | None = None, input_type: str | None = None,
          ocr: str = "auto") -> Report:
    """Read a report (path, bytes or text) and rebuild its statutory tables. A file that holds
    several reports gives the first here; `parse_all` gives each.

    Raises InputError (one-line message naming the file) when it is not a readable report.
    """
    return parse_all(source, name=name, input_type=input_type, ocr=ocr)[0]


def parse_all(source: str | os.PathLike | bytes, *, name: str | None = None, input_type: str | None = None,
              ocr: str = "auto") -> list[Report]:
    """Every report a file holds, each rebuilt on its own: the first named like the file,
    the others `path#2`, `path#3`, … `ocr` (never, auto, always): whether scans are OCR'd
    (the `ocr` extra; readers/ocr.py).

    Raises InputError (one-line message naming the file) when it is not a readable report.
    """
    data, shown = read_source(source, name)
    if len(data) > MAX_BYTES:
        raise InputError(f"{shown}: input too large (the limit is {MAX_BYTES // 1048576} MB) / 输入过大")
    reports = []
    for part in split_reports(read(data, shown, input_type, ocr)):
        report = locate(part)
        front_matter(report)
        report.published, report.published_source = published(part.meta, part.rows, part.prose, report.year)
        reports.append(report)
    if not _looks_like_a_report(reports[0]):
        raise NotAReport(f"{shown}: no statutory tables found (not a 政府信息公开工作年度报告?) / 未找到法定统计表，不像年度报告")
    return reports


def _looks_like_a_report(report: Report) -> bool:
    """A template, a table, or fused table text in a file that also has a report's title or
    sections: a note that quotes a row (`行政处罚 3985758`) is not a report whose cells ran
    together."""
    if report.template is not None or report.pre2019:
        return True
    found = [t for t in report.tables.values() if t.found]
    return any(t.fused is None for t in found) or bool(found and (report.title or report.sections))


def check(report: Report, config: Config | None = None, previous: Report | None = None) -> list[Finding]:
    """All findings of the configured rules on `report` (and X-* rules against `previous`)."""
    config = config or Config()
    return run(report, config.rules(), config.severity, previous, config.options)

