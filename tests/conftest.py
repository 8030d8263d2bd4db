"""Shared fixtures: the real corpus (copied from shared/corpus), the samples, helpers that
render one report in each pasted-text layout, and the command line run in this process
(`cli`) or as the installed command (`installed`, for the few smoke tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from disclosure_cli import parse

from . import layouts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SAMPLES = ROOT / "samples"
REFERENCE = SAMPLES / "2020_district_cdc_pasted.txt"
CLEAN = SAMPLES / "2023_county_market_bureau_clean.txt"
ONE_ERROR = SAMPLES / "2023_county_market_bureau_one_error.txt"

# Variables that change what the command does; a test that wants one sets it explicitly.
_SCRUBBED = ("GITHUB_ACTIONS", "CI", "NO_COLOR", "FORCE_COLOR", "DISCLOSURE_DEBUG", "TERM", "COLUMNS", "TTY_COMPATIBLE")


def expected(name: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True, scope="session")
def _each_pdf_read_once():
    """pdfplumber takes about 0.35 s of CPU per corpus PDF (OCR, seconds per page), and a dozen
    tests feed the same PDFs to the command. The real reader reads each content once per session; later reads get a
    deep copy of the Document it made (named as asked), so every test still sees what the
    reader gives. The corpus PDFs are read first, here, so that worker processes forked by
    `--jobs` share them. Errors are not kept: a bad PDF goes to the reader every time."""
    import copy
    import hashlib

    from disclosure_cli.readers import pdf

    real, made = pdf.read_pdf, {}

    def read_pdf(data: bytes, path: str, ocr: str = "auto"):
        key = hashlib.sha256(data).digest(), ocr
        if key not in made:
            made[key] = real(data, path, ocr)
        doc = copy.deepcopy(made[key])
        doc.path = path
        return doc

    patch = pytest.MonkeyPatch()
    patch.setattr(pdf, "read_pdf", read_pdf)
    for path in sorted(CORPUS.glob("*.pdf")):
        read_pdf(path.read_bytes(), str(path))
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


@pytest.fixture
def cli():
    """Run the command line in-process: `cli("check", path, "--format", "json")`."""
    return invoke


@pytest.fixture
def installed():
    """Run the installed `disclosure` command as a process (smoke tests only: it is slow)."""
    return run_installed
