"""Batches: expand arguments into report files (web addresses are fetched: web.py), process
them in parallel with results in input order, and pair reports of one body in consecutive years for the cross-year rules.

Each file's result is handed on as soon as it (and every file before it) is done, so a batch
of 100,000 files is never held in memory: only a compact record per report (body, year and
the few cells the X-rules compare, compressed into about 1 KB: `Kept`) is kept for the
pairing at the end.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import pickle
import re
import signal
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from .api import check, parse_all
from .config import Config
from .model import READABLE, FileResult, Finding, InputError, NotAReport, Report, Value, fails
from .rules import PAIR_KEYS, run

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from .fetch import Options

REPORT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".csv", ".tsv")
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_address(arg: str) -> bool:
    """Whether an argument names something to fetch: any scheme, so that ftp:// and file://
    are refused with a reason (fetch.check_scheme) rather than looked for as files."""
    return bool(_ADDRESS.match(arg))


DEFAULT_EXCLUDE = (".*",)  # hidden files and folders (.git, .venv, editor backups)


@dataclass(frozen=True)
class Source:
    """One file to process; `explicit` when named on the command line (not found by a walk
    or a glob), so that a file without statutory tables is an error rather than skipped."""

    path: str
    explicit: bool = True


def _excluded(path: str, root: str, patterns: tuple[str, ...]) -> bool:
    """ruff-style exclusion: a glob matches the file's or folder's name or, when it holds a
    `/`, its path from the walked folder."""
    name = os.path.basename(path)
    rel = (os.path.relpath(path, root) if root else os.path.normpath(path)).replace(os.sep, "/")
    for p in patterns:
        p = p.rstrip("/")
        if fnmatch.fnmatchcase(name, p) or ("/" in p and fnmatch.fnmatchcase(rel, p)):
            return True
    return False


def collect(args: list[str], exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> list[Source]:
    """Files as given; folders walked recursively for report files; globs expanded.
    Order is kept (sorted within a folder or glob) and duplicates dropped: one file reached
    by several paths (`x.txt ./x.txt`, a link back up under `**`) is kept once, under the
    first. `exclude` globs apply to what walks and globs find, never to a file named explicitly."""
    out: list[Source] = []
    seen: set[str] = set()

    def add(p: str, explicit: bool) -> None:
        key = p if p == "-" or is_address(p) else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(Source(p, explicit))

    for arg in args:
        if is_address(arg):
            add(arg, True)
        elif arg != "-" and not os.path.exists(arg) and any(ch in arg for ch in "*?["):
            matches = _glob(arg)
            if not matches:
                add(arg, True)  # reported as "no such file"
            for m in matches:
                if _excluded(m, "", exclude):
                    continue
                if os.path.isdir(m):
                    for f in _walk(m, exclude):
                        add(f, False)
                elif m.lower().endswith(REPORT_SUFFIXES):
                    add(m, False)
        elif os.path.isdir(arg):
            for f in _walk(arg, exclude):
                add(f, False)
        else:
            add(arg, True)
    return out


def expand(args: list[str], exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> list[str]:
    """The paths of `collect`."""
    return [s.path for s in collect(args, exclude)]


def _dirs(top: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """os.walk following symlinks, but entering each directory once: a symlink loop (or two
    links to one folder) cannot make a walk endless."""
    visited: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        yield root, dirs, names


def _walk(folder: str, exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> list[str]:
    files = []
    for root, dirs, names in _dirs(folder):
        dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(root, d), folder, exclude))
        for name in sorted(names):
            path = os.path.join(root, name)
            if name.lower().endswith(REPORT_SUFFIXES) and not _excluded(path, folder, exclude):
                files.append(path)
    return files


def _glob(pattern: str) -> list[str]:
    """glob.glob, except that `**` walks each directory once (glob's own recursion follows
    symlink loops forever). Like glob, `*` and `**` do not match hidden names."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = pattern.replace(os.sep, "/").split("/")
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = "/".join(parts[:fixed]) or ("/" if pattern.startswith("/") else "")
    regex = re.compile(_translate("/".join(parts[fixed:])))
    found = []
    for root, dirs, names in _dirs(base or "."):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = os.path.relpath(root, base or ".").replace(os.sep, "/")
        for name in (*dirs, *(n for n in names if not n.startswith("."))):
            rel = name if rel_root == "." else f"{rel_root}/{name}"
            if regex.fullmatch(rel):
                found.append(os.path.join(base, rel) if base else rel)
    return sorted(found)


def _translate(pattern: str) -> str:
    """A glob (with `**` spanning folders) as a regular expression over `/`-separated paths."""
    parts = pattern.split("/")
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        j = 0
        while j < len(part):
            ch = part[j]
            close = part.find("]", j + 2) if ch == "[" else -1
            if ch == "*":
                out.append("[^/]*")
            elif ch == "?":
                out.append("[^/]")
            elif close > 0:
                inner = part[j + 1 : close]
                out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
                j = close
            else:
                out.append(re.escape(ch))
            j += 1
        if not last:
            out.append("/")
    return "".join(out)


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
    ocr: str = "auto"  # --ocr: never, auto (pages without a text layer, images), always


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


class Kept(NamedTuple):
    """A report kept for the pairing at the end of a batch: its body and year, and its
    compact form pickled and compressed into one bytes object (about 1 KB, so that memory
    stays flat however long the batch), unpacked only when it is paired."""

    agency: str | None
    year: int | None
    data: bytes

    @classmethod
    def of(cls, report: Report) -> Kept:
        return cls(report.agency, report.year, zlib.compress(pickle.dumps(report, pickle.HIGHEST_PROTOCOL), 1))

    def report(self) -> Report:
        return pickle.loads(zlib.decompress(self.data))


# A file's result and, when the batch pairs reports, what it keeps of the report.
Outcome = tuple[FileResult, "Kept | None"]


def _keeps(config: Config) -> tuple[Callable[[Report], object], ...]:
    return tuple(dict.fromkeys(fn for r in config.rules() if r.pair for fn in r.keeps))


def display(path: str) -> str:
    """A path as it can be printed: bytes of a non-UTF-8 file name as `\\xff` escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def process(path: str, job: Job, explicit: bool = True) -> Outcome:
    """The file's first report, parsed and checked (see process_file)."""
    return process_file(path, job, explicit)[0]


def process_file(path: str, job: Job, explicit: bool = True) -> list[Outcome]:
    """Parse and check one file: a result per report it holds (`path`, `path#2`, …); never
    raises (an unreadable file is a result too). A file without statutory tables found by a
    walk or glob is skipped, not unreadable."""
    shown = display(path)
    try:
        reports = parse_all(path, name=shown if shown != path else None, input_type=job.input_type, ocr=job.ocr)
    except NotAReport as e:
        if explicit:
            return [(FileResult(shown, error=str(e)), None)]
        return [(FileResult(shown, skipped=str(e)), None)]
    except InputError as e:
        return [(FileResult(shown, error=str(e)), None)]
    except Exception as e:  # a bug must not stop a batch of thousands
        return [(FileResult(shown, error=f"{shown}: internal error: {type(e).__name__}: {e}"), None)]
    return finish_all(reports, job)


def finish_all(reports: list[Report], job: Job) -> list[Outcome]:
    """`finish` each report of a file; a bug in a rule or a formatter makes that report an
    internal error, not the end of the batch."""
    out = []
    for n, report in enumerate(reports, 1):
        try:
            out.append(finish(report, job, n))
        except Exception as e:
            out.append((FileResult(report.path, error=f"{report.path}: internal error: {type(e).__name__}: {e}"), None))
    return out


def finish(report: Report, job: Job, part: int = 1) -> Outcome:
    """Check a parsed report (the `part`-th of its file) and trim it for the trip back from
    the worker; what the pairing keeps of it is packed here too, in the worker, so the main
    process only collects bytes."""
    if job.published:
        report.published, report.published_source = job.published, "option"
    findings = check(report, job.config)  # extract too: the xlsx sheets highlight failing cells
    small = Kept.of(compact(report, _keeps(job.config))) if job.mode == "check" and job.pairing else None
    # The prose has been checked: do not ship it (or what was derived from it) back across
    # processes, nor keep it while a batch streams; only what findings quote stays: the lines
    # (the text format's --show-source) and the sentences (html).
    cited = {loc for f in findings for loc in f.locations}
    report.prose = [c for c in report.prose if c.loc in cited]
    kept = [s for s in report.derived.get("sentences", ()) if s.loc in cited]
    report.derived = {"sentences": kept} if kept else {}
    for section in report.sections:
        section.text = ""
    result = FileResult(report.path, report, findings, part=part)
    result.incomplete = report.template is None or any(
        v.status in ("unreadable", "missing") for v in report.values.values()
    )
    if job.output:
        from .output import formatter_class

        prepare = getattr(formatter_class(job.output), "prepare", None)
        if prepare is not None:
            result.payload = prepare(result, job.mode)
            result.report = None
    return result, small


def _process_star(args: tuple[Source, Job]) -> list[Outcome]:
    source, job = args
    return process_file(source.path, job, source.explicit)


def ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops them: no worker tracebacks. A
    Ctrl-C held back while the worker was forked (worker_pool) is discarded here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def worker_pool(jobs: int) -> Pool:
    """A pool of `jobs` forked worker processes (spawned where there is no fork). Ctrl-C is
    held back while they are forked: one forked with Python's own handler and hit before
    ignore_sigint ran would print a traceback. The main process gets it once they exist; so
    do workers forked later (the pool's own thread was started with it held)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    if not hasattr(signal, "pthread_sigmask"):
        return ctx.Pool(jobs, initializer=ignore_sigint)
    before = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # reads the mask, changes nothing
    try:
        # inside the try: a Ctrl-C raised by this very call (it checks for signals after
        # blocking) still restores the mask, so a caller in-process never keeps Ctrl-C blocked
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        return ctx.Pool(jobs, initializer=ignore_sigint)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def results(sources: list[Source], job: Job, jobs: int = 1) -> Iterator[Outcome]:
    """Process files in input order, in `jobs` processes when worth it."""
    if any(is_address(src.path) for src in sources):
        from .web import results as fetched

        yield from fetched(sources, job, jobs)
        return
    if jobs <= 1 or len(sources) < 2:
        for src in sources:
            yield from process_file(src.path, job, src.explicit)
        return
    chunk = max(1, min(64, len(sources) // (jobs * 8) or 1))
    pool = worker_pool(jobs)
    try:
        for reports in pool.imap(_process_star, ((src, job) for src in sources), chunksize=chunk):
            yield from reports
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


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


class _Dated(Protocol):
    agency: str | None
    year: int | None


D = TypeVar("D", bound=_Dated)


def pair_reports(compacts: list[D]) -> list[tuple[D, D]]:
    """(this year, last year) for every report whose predecessor is in the batch: the first
    report in batch order of the year before whose body matches (`same_body`). Indexed by
    year and name (and each name's suffixes), so a batch of any size pairs in linear time."""
    by_name: dict[tuple[int, str], list[int]] = {}  # (year, name) → batch positions
    by_suffix: dict[tuple[int, str], list[int]] = {}  # (year, a suffix of ≥ 5 characters) → positions
    for i, r in enumerate(compacts):
        key = _agency_key(r.agency)
        if r.year is None or not key:
            continue
        by_name.setdefault((r.year, key), []).append(i)
        for start in range(1, len(key) - 4):
            by_suffix.setdefault((r.year, key[start:]), []).append(i)
    pairs = []
    for cur in compacts:
        key = _agency_key(cur.agency)
        if cur.year is None or not key:
            continue
        year = cur.year - 1
        # the same name; a longer name ending with this one; a shorter one this name ends with
        found = by_name.get((year, key), []) + (by_suffix.get((year, key), []) if len(key) >= 5 else [])
        for start in range(1, len(key) - 4):
            found += by_name.get((year, key[start:]), [])
        if found:
            pairs.append((cur, compacts[min(found)]))
    return pairs


def pair_findings(pairs: Iterable[tuple[Report, Report]], config: Config) -> Iterator[PairResult]:
    """Each pair's cross-year findings, as the pair comes: a batch's pairs are never all held."""
    selected = [r for r in config.rules() if r.pair]
    for cur, prev in pairs:
        findings = run(cur, selected, config.severity, previous=prev, options=config.options)
        yield PairResult(cur.path, prev.path, cur.agency, cur.year, findings)


def at_or_above(findings: list[Finding], level: str) -> bool:
    return any(fails(f, level) for f in findings)


@dataclass
class Summary:
    """Totals for the end of a run: results (a report each, or an unreadable file: `files`, as
    the json output's `files` array holds them), clean, with findings, unreadable, per rule;
    and `inputs`, the files they came from (a file may hold several reports: `path#2`)."""

    files: int = 0
    inputs: int = 0  # not in to_dict: the summary lines say "3 files, 4 reports"
    clean: int = 0
    with_findings: int = 0
    unreadable: int = 0
    pairs: int = 0
    skipped: int = 0  # not in to_dict: skipped files are listed on stderr, not in the payload
    severities: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    rules: dict[str, int] = field(default_factory=dict)

    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            self.severities[f.severity] += 1
            self.rules[f.rule] = self.rules.get(f.rule, 0) + 1

    def add_file(self, result: FileResult) -> None:
        self.files += 1
        self.inputs += result.part == 1
        if result.error:
            self.unreadable += 1
            return
        self.add(result.findings)
        if result.findings:
            self.with_findings += 1
        else:
            self.clean += 1

    def counted(self, one: str = "file", many: str = "files") -> str:
        """`3 files, 4 reports` where a file held several reports, else `3 files`."""
        files = f"{self.inputs} {one if self.inputs == 1 else many}"
        return files if self.inputs == self.files else f"{files}, {self.files} reports"

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


def load_previous(path: str, job: Job) -> Report:
    """`--previous FILE`, read before any report of the batch so that a bad file is an error
    before a byte of output is written."""
    prev_job = Job(job.config, job.input_type, fetch=job.fetch, ocr=job.ocr)
    if is_address(path):
        from .web import process_one

        result, small = process_one(path, prev_job)
    else:
        result, small = process(path, prev_job)
    if small is None:
        raise InputError(result.error or result.skipped or f"{path}: unreadable")
    return small.report()


def other_year(cur: _Dated, prev: _Dated) -> bool:
    """`prev` is known to be of another year than the one before `cur`: no cross-year rule
    can compare them (a year's carry-over is the next year's 上年结转, not any year's)."""
    return cur.year is not None and prev.year is not None and prev.year != cur.year - 1


def previous_mismatch(cur: Report, prev: Report) -> str | None:
    """Why `--previous` does not look like the year before `cur` (another body, another year);
    of another year, the two are not compared, and the warning says so."""
    problems = []
    if other_year(cur, prev):
        problems.append(f"its year {prev.year} is not {cur.year - 1}, the year before {cur.year}")
    if cur.agency and prev.agency and not same_body(cur.agency, prev.agency):
        problems.append(f"it is by {prev.agency}, not {cur.agency}")
    if not problems:
        return None
    skipped = " (not compared)" if other_year(cur, prev) else ""
    return f"warning: --previous {prev.path} is not last year's report of {cur.path}: {'; '.join(problems)}{skipped}"


def run_batch(
    sources: list[Source],
    job: Job,
    on_file: Callable[[FileResult], None],
    on_pair: Callable[[PairResult], None],
    jobs: int = 1,
    previous: Report | None = None,
    pairing: bool = True,
    progress: Callable[[], None] | None = None,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
    record: Callable[[list[Finding]], None] | None = None,
    warn: Callable[[str], None] | None = None,
    outcomes: Iterable[Outcome] | None = None,
) -> tuple[Summary, bool]:
    """Run a whole batch; returns the summary and whether a finding reached the fail level.
    `record` sees every finding (a baseline being written); `keep` then filters each file's
    findings before anything counts them (a baseline being applied). A skipped file (no
    statutory tables, found by a walk) goes to `warn`, not to `on_file`. `outcomes` are the
    sources' results processed elsewhere (a cluster: distributed.py), in input order; by
    default they are processed here, in `jobs` processes."""
    summary = Summary()
    kept: list[Kept] = []
    failing = False
    for result, small in results(sources, job, jobs) if outcomes is None else outcomes:
        if progress:
            progress()
        if result.skipped:
            summary.skipped += 1
            if warn:
                warn(f"skipped {result.skipped}")
            continue
        if record is not None:
            record(result.findings)
        if keep is not None:
            result.findings = keep(result.findings)
        summary.add_file(result)
        failing |= at_or_above(result.findings, job.config.fail_on)
        on_file(result)
        if small is not None:
            kept.append(small)
    if job.mode != "check" or not any(r.pair for r in job.config.rules()):
        return summary, failing
    pairs: Iterable[tuple[Report, Report]] = []
    if previous is not None:
        for k in kept:
            problem = previous_mismatch(k.report(), previous)
            if problem and warn:
                warn(problem)
        pairs = ((k.report(), previous) for k in kept if not other_year(k, previous))
    elif pairing:
        pairs = ((cur.report(), prev.report()) for cur, prev in pair_reports(kept))
    for pr in pair_findings(pairs, job.config):
        if record is not None:
            record(pr.findings)
        if keep is not None:
            pr.findings = keep(pr.findings)
        summary.pairs += 1
        summary.add(pr.findings)
        failing |= at_or_above(pr.findings, job.config.fail_on)
        on_pair(pr)
    return summary, failing
