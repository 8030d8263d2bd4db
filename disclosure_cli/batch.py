"""Batches: expand arguments into report files (web addresses are fetched: web.py), process
them in parallel with results in input order, and pair reports of one body in consecutive years for the cross-year rules.

Each file's result is handed on as soon as it (and every file before it) is done, so a batch
of 100,000 files is never held in memory: only a compact record per report (body, year and
the few cells the X-rules compare) is kept for the pairing at the end.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .api import check, parse_all
from .config import Config
from .model import READABLE, FileResult, Finding, InputError, Report, Value, fails
from .rules import PAIR_KEYS, run

if TYPE_CHECKING:
    from .fetch import Options

REPORT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".csv", ".tsv")
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_address(arg: str) -> bool:
    """Whether an argument names something to fetch: any scheme, so that ftp:// and file://
    are refused with a reason (fetch.check_scheme) rather than looked for as files."""
    return bool(_ADDRESS.match(arg))


def expand(args: list[str]) -> list[str]:
    """Files as given; folders walked recursively for report files; globs expanded.
    Order is kept (sorted within a folder or glob) and duplicates dropped."""
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        if p not in seen:
            seen.add(p)
            out.append(p)

    for arg in args:
        if is_address(arg):
            add(arg)
        elif arg != "-" and not os.path.exists(arg) and any(ch in arg for ch in "*?["):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                add(arg)  # reported as "no such file"
            for m in matches:
                if os.path.isdir(m):
                    for f in _walk(m):
                        add(f)
                else:
                    add(m)
        elif os.path.isdir(arg):
            for f in _walk(arg):
                add(f)
        else:
            add(arg)
    return out


def _walk(folder: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(REPORT_SUFFIXES):
                files.append(os.path.join(root, name))
    return files


@dataclass
class Job:
    """What a worker needs to process one file (picklable). `output` names a format whose
    formatter can serialise a file in the worker (json, jsonl)."""

    config: Config
    input_type: str | None = None
    mode: str = "check"  # or "extract"
    output: str | None = None
    pairing: bool = True
    published: str | None = None  # --published: the publication date, over any found in the file
    fetch: Options | None = None  # how addresses are fetched (web.py)


def compact(report: Report, keeps: tuple[Callable[[Report], object], ...] = ()) -> Report:
    """The part of a report the cross-year rules need (a few KB), kept for every file of a
    batch so that reports can be paired at the end: the cells they read and what else they
    derive from the report (`keeps`: X-REUSE's narrative sentences, X-SAME's value digest),
    under the deriving function's name in `derived`."""
    derived = {fn.__name__: fn(report) for fn in keeps}
    return Report(
        path=report.path,
        form=report.form,
        template=report.template,
        year=report.year,
        agency=report.agency,
        values={
            k: Value(k, v.value, v.status, loc=v.loc)
            for k, v in report.values.items()
            if k in PAIR_KEYS and v.status in READABLE
        },
        derived=derived,
    )


def _keeps(config: Config) -> tuple[Callable[[Report], object], ...]:
    return tuple(dict.fromkeys(fn for r in config.rules() if r.pair for fn in r.keeps))


def process(path: str, job: Job) -> tuple[FileResult, Report | None]:
    """The file's first report, parsed and checked (see process_file)."""
    return process_file(path, job)[0]


def process_file(path: str, job: Job) -> list[tuple[FileResult, Report | None]]:
    """Parse and check one file: a result per report it holds (`path`, `path#2`, …); never
    raises (an unreadable file is a result too)."""
    try:
        reports = parse_all(path, input_type=job.input_type)
    except InputError as e:
        return [(FileResult(path, error=str(e)), None)]
    except Exception as e:  # a bug must not stop a batch of thousands
        return [(FileResult(path, error=f"{path}: internal error: {type(e).__name__}: {e}"), None)]
    return [finish(report, job) for report in reports]


def finish(report: Report, job: Job) -> tuple[FileResult, Report | None]:
    """Check a parsed report and trim it for the trip back from the worker."""
    if job.published:
        report.published, report.published_source = job.published, "option"
    findings = check(report, job.config)  # extract too: the xlsx sheets highlight failing cells
    small = compact(report, _keeps(job.config)) if job.mode == "check" and job.pairing else None
    # The prose has been checked: do not ship it (or what was derived from it) back across
    # processes, nor keep it while a batch streams; only what findings quote stays: the lines
    # (the text format's --show-source) and the sentences (html).
    cited = {loc for f in findings for loc in f.locations}
    report.prose = [c for c in report.prose if c.loc in cited]
    kept = [s for s in report.derived.get("sentences", ()) if s.loc in cited]
    report.derived = {"sentences": kept} if kept else {}
    for section in report.sections:
        section.text = ""
    result = FileResult(report.path, report, findings)
    if job.output:
        from .output import formatter_class

        prepare = getattr(formatter_class(job.output), "prepare", None)
        if prepare is not None:
            result.payload = prepare(result, job.mode)
            result.report = None
    return result, small


def _process_star(args: tuple[str, Job]) -> list[tuple[FileResult, Report | None]]:
    return process_file(*args)


def results(paths: list[str], job: Job, jobs: int = 1) -> Iterator[tuple[FileResult, Report | None]]:
    """Process files in input order, in `jobs` processes when worth it."""
    if any(is_address(p) for p in paths):
        from .web import results as fetched

        yield from fetched(paths, job, jobs)
        return
    if jobs <= 1 or len(paths) < 2:
        for p in paths:
            yield from process_file(p, job)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, min(64, len(paths) // (jobs * 8) or 1))
    with ctx.Pool(jobs) as pool:
        try:
            for reports in pool.imap(_process_star, ((p, job) for p in paths), chunksize=chunk):
                yield from reports
        except BaseException:
            pool.terminate()
            raise


def _agency_key(name: str | None) -> str:
    return re.sub(r"[\s()（）]", "", name or "")


def same_body(a: str | None, b: str | None) -> bool:
    """Bodies match by name; a city prefix may be added or dropped (洪泽区人民政府 ~
    淮安市洪泽区人民政府)."""
    x, y = _agency_key(a), _agency_key(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= 5 and long.endswith(short)


@dataclass
class PairResult:
    """Cross-year findings for one report against the report of the year before."""

    path: str
    previous: str
    agency: str | None
    year: int | None
    findings: list[Finding] = field(default_factory=list)


def pair_reports(compacts: list[Report]) -> list[tuple[Report, Report]]:
    """(this year, last year) for every report whose predecessor is in the batch."""
    pairs = []
    for cur in compacts:
        if cur.year is None:
            continue
        for prev in compacts:
            if prev is not cur and prev.year == cur.year - 1 and same_body(cur.agency, prev.agency):
                pairs.append((cur, prev))
                break
    return pairs


def pair_findings(pairs: list[tuple[Report, Report]], config: Config) -> list[PairResult]:
    selected = [r for r in config.rules() if r.pair]
    out = []
    for cur, prev in pairs:
        findings = run(cur, selected, config.severity, previous=prev, options=config.options)
        out.append(PairResult(cur.path, prev.path, cur.agency, cur.year, findings))
    return out


def at_or_above(findings: list[Finding], level: str) -> bool:
    return any(fails(f, level) for f in findings)


@dataclass
class Summary:
    """Totals for the end of a run: files, clean, with findings, unreadable, per rule."""

    files: int = 0
    clean: int = 0
    with_findings: int = 0
    unreadable: int = 0
    pairs: int = 0
    severities: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    rules: dict[str, int] = field(default_factory=dict)

    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            self.severities[f.severity] += 1
            self.rules[f.rule] = self.rules.get(f.rule, 0) + 1

    def add_file(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.unreadable += 1
            return
        self.add(result.findings)
        if result.findings:
            self.with_findings += 1
        else:
            self.clean += 1

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "clean": self.clean,
            "with_findings": self.with_findings,
            "unreadable": self.unreadable,
            "pairs": self.pairs,
            "findings": dict(self.severities),
            "rules": dict(sorted(self.rules.items())),
        }


def run_batch(
    paths: list[str],
    job: Job,
    on_file: Callable[[FileResult], None],
    on_pair: Callable[[PairResult], None],
    jobs: int = 1,
    previous: str | None = None,
    pairing: bool = True,
    progress: Callable[[], None] | None = None,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
) -> tuple[Summary, bool]:
    """Run a whole batch; returns the summary and whether a finding reached the fail level.
    `keep` filters each file's findings before anything counts them (a baseline)."""
    summary = Summary()
    compacts: list[Report] = []
    failing = False
    for result, small in results(paths, job, jobs):
        if keep is not None:
            result.findings = keep(result.findings)
        summary.add_file(result)
        failing |= at_or_above(result.findings, job.config.fail_on)
        on_file(result)
        if small is not None:
            compacts.append(small)
        if progress:
            progress()
    if job.mode != "check" or not any(r.pair for r in job.config.rules()):
        return summary, failing
    if previous is not None:
        prev_job = Job(job.config, job.input_type, fetch=job.fetch)
        if is_address(previous):
            from .web import process_one

            prev_result, prev_small = process_one(previous, prev_job)
        else:
            prev_result, prev_small = process(previous, prev_job)
        if prev_small is None:
            raise InputError(prev_result.error or f"{previous}: unreadable")
        pairs = [(c, prev_small) for c in compacts]
    elif pairing:
        pairs = pair_reports(compacts)
    else:
        pairs = []
    for pr in pair_findings(pairs, job.config):
        if keep is not None:
            pr.findings = keep(pr.findings)
        summary.pairs += 1
        summary.add(pr.findings)
        failing |= at_or_above(pr.findings, job.config.fail_on)
        on_pair(pr)
    return summary, failing

