"""Shared fixtures: the real corpus (copied from shared/corpus), the samples, helpers that
render one report in each pasted-text layout, and the command line run in this process
(`cli`) or as the installed command (`installed`, for the few smoke tests)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from disclosure_cli import parse

from . import layouts

# pytest keeps the test modules it rewrote (for its assertion messages) in __pycache__ beside
# them (git-ignored). PYTHONDONTWRITEBYTECODE, set in some environments, would make each xdist
# worker rewrite every test module again on every run: about 1 s of CPU a worker.
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SAMPLES = ROOT / "samples"
REFERENCE = SAMPLES / "2020_district_cdc_pasted.txt"
CLEAN = SAMPLES / "2023_county_market_bureau_clean.txt"
ONE_ERROR = SAMPLES / "2023_county_market_bureau_one_error.txt"

# How many examples the property tests draw. `quick` (the default) keeps the suite fast; `ci`
# (.ci/run) draws eight times as many; `soak` a hundred times, for a long hunt:
# `HYPOTHESIS_PROFILE=soak pytest tests/readers tests/test_damaged_reports.py`.
PROFILES = {"quick": 1, "ci": 8, "soak": 100}


def pytest_configure(config):
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        return  # the xdist controller runs no test: it need not import hypothesis
    from hypothesis import HealthCheck, settings

    for name, scale in PROFILES.items():
        settings.register_profile(name, max_examples=100 * scale, deadline=None,
                                  suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def examples(quick: int) -> int:
    """A test's number of examples: `quick` in the quick profile, scaled in the others."""
    from hypothesis import settings

    return max(1, quick * settings.default.max_examples // 100)


# Variables that change what the command does; a test that wants one sets it explicitly.
_SCRUBBED = ("GITHUB_ACTIONS", "CI", "NO_COLOR", "FORCE_COLOR", "DISCLOSURE_DEBUG", "TERM", "COLUMNS", "TTY_COMPATIBLE")


def expected(name: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def _shared_dir(tmp_path_factory) -> Path:
    """A folder of this run that every xdist worker sees (the parent of the workers' own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _pickled_once_per_run(key: str, make, shared: Path) -> bytes:
    """`make()` in one process of the run, pickled; the others load the pickle it left. A lock
    per key (POSIX): the first process to take it makes the value, the others wait on the
    lock, not on time. Errors are not kept: a process that finds no file makes it itself."""
    import pickle

    done = shared / f"{key}.pickle"
    try:
        import fcntl
    except ImportError:  # Windows: each process makes its own
        return pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)
    with open(shared / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if done.exists():
                return done.read_bytes()
            value = pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)
            part = done.with_suffix(f".{os.getpid()}")
            part.write_bytes(value)
            part.replace(done)
            return value
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(autouse=True, scope="session")
def _each_pdf_read_once(tmp_path_factory):
    """pdfplumber takes about 0.35 s of CPU per corpus PDF (OCR, seconds per page), and a dozen
    tests feed the same PDFs to the command. The real reader reads each content once per run,
    when a test first needs it, in whichever process that is (an xdist worker, or a process
    forked by `--jobs`); the others load the Document it pickled. Every read unpickles a fresh
    copy (named as asked), so every test sees what the reader gives and may change its copy.
    Errors are not kept: a bad PDF goes to the reader every time."""
    import hashlib
    import pickle

    from disclosure_cli.readers import pdf

    real, made = pdf.read_pdf, {}
    shared = _shared_dir(tmp_path_factory)

    def read_pdf(data: bytes, path: str, ocr: str = "auto"):
        key = hashlib.sha256(data).hexdigest(), ocr
        if key not in made:
            made[key] = _pickled_once_per_run(f"pdf-{key[0]}-{ocr}", lambda: real(data, path, ocr), shared)
        doc = pickle.loads(made[key])  # a fresh copy: ten times cheaper than copy.deepcopy
        doc.path = path
        return doc

    patch = pytest.MonkeyPatch()
    patch.setattr(pdf, "read_pdf", read_pdf)
    yield
    patch.undo()


@pytest.fixture
def clean_report():
    return parse(CLEAN)


def render(text: str, layout: str) -> str:
    """The sample (row-per-line pipe text) in another pasted layout."""
    return layouts.render(layouts.rows_of(text), layout)


@dataclass(frozen=True)
class Run:
    """What a run of the command gave, the same whether in-process or a real process."""

    returncode: int
    stdout: bytes
    stderr: bytes


def invoke(*args, stdin: bytes | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    """`disclosure ARGS` in this process (click's CliRunner): the command's own code path,
    _guard's sys.exit turned into the exit code, stdout and stderr kept apart as bytes.
    Streams are not terminals here, so no colour and no progress bar, as in a pipe."""
    from click.testing import CliRunner

    from disclosure_cli.cli import main

    before = os.getcwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False,
                               env={**dict.fromkeys(_SCRUBBED), **(env or {})})
    finally:
        os.chdir(before)
    return Run(r.exit_code, r.stdout_bytes, r.stderr_bytes)


def command() -> list[str]:
    """The installed console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "disclosure"
    return [str(script)] if script.exists() else [sys.executable, "-m", "disclosure_cli"]


def run_installed(*args, stdin: bytes | None = None, **kwargs) -> Run:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    r = subprocess.run([*command(), *map(str, args)], input=stdin, capture_output=True, cwd=ROOT, env=env,
                       timeout=120, **kwargs)
    return Run(r.returncode, r.stdout, r.stderr)


def held_input(folder: Path) -> Path:
    """A named pipe as a report file: the command that reads it waits, mid-run, until the
    test writes it or closes it (see `open_when_read`). POSIX only."""
    folder.mkdir(parents=True, exist_ok=True)
    fifo = folder / "held.txt"
    os.mkfifo(fifo)
    return fifo


def open_when_read(fifo: Path, process: subprocess.Popen, timeout: float = 60) -> int:
    """Wait until `process` (or a worker of it) has opened `fifo` to read it, and return the
    writing end: the run is then blocked there for certain, however loaded the machine, until
    the writing end is closed. The signal waited on is the kernel's (a non-blocking open for
    writing fails with ENXIO while no reader has the pipe open), not a time."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:
            if e.errno != errno.ENXIO:
                raise
        assert process.poll() is None, f"the command ended ({process.returncode}) before it read {fifo}"
        assert time.monotonic() < deadline, f"the command did not read {fifo} in {timeout} s"
        time.sleep(0.005)


@contextlib.contextmanager
def killed_if_left(process: subprocess.Popen):
    """A command started in a session of its own (`start_new_session=True`) that a failed test
    leaves running is killed with its workers, not left behind."""
    try:
        yield process
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def cli():
    """Run the command line in-process: `cli("check", path, "--format", "json")`."""
    return invoke


@pytest.fixture
def installed():
    """Run the installed `disclosure` command as a process (smoke tests only: it is slow)."""
    return run_installed
