"""The command line: a thin layer over batch.py, config.py and output/.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 usage, input
or internal error. stdout carries only the requested payload; messages go to stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from . import __version__
from .model import InputError
from .output import FORMATS, choices, terminal_safe
from .readers import FORMS

INPUT_TYPES = ("auto", *FORMS)


def _error(message: str) -> None:
    click.echo(f"disclosure: {terminal_safe(message)}", err=True)


def _check_target(path: str, what: str = "output") -> Path:
    """An output file's folder must exist and the file must not be a folder: checked before
    any report is read."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a directory ({what} must be a file)")
    if _in_place(target):
        if not os.access(target, os.W_OK):
            raise InputError(f"{path}: cannot write (permission denied)")
        return target
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{path}: cannot write in folder {folder} (permission denied)")
    return target


def _in_place(target: Path) -> bool:
    """A device, pipe or socket (`/dev/null`, `/dev/stdout`, a named pipe): written as it is,
    since renaming a file onto it would replace it."""
    return target.exists() and not target.is_file()


@contextlib.contextmanager
def _target(path: str | None, binary: bool):
    """stdout, or FILE written atomically: a temporary file renamed into place on success,
    removed on any failure or Ctrl-C, so no half-written output is ever left behind. A link
    is written through (to its file); a device or pipe in place."""
    if path is None or path == "-":
        if sys.stdout is None:
            raise InputError("stdout is closed: nowhere to write the output (use -o FILE)")
        if binary and sys.stdout.isatty():
            raise InputError("refusing to write a binary xlsx file to a terminal: use -o FILE")
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    import tempfile

    target = _check_target(path)
    mode = {} if binary else {"encoding": "utf-8", "newline": ""}
    if _in_place(target):
        try:
            f = open(target, "wb" if binary else "w", **mode)
        except OSError as e:
            raise InputError(f"{path}: cannot write ({e.strerror or e})") from None
        with f:
            yield f
        return
    if target.is_symlink():
        target = target.resolve()
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"{path}: cannot write ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **mode) as f:
            yield f
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 is for the temporary name only
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _ids(items: tuple[str, ...]) -> list[str]:
    """`--select T3-,N- --select S-TABLE` → ["T3-", "N-", "S-TABLE"]."""
    return [p.strip() for item in items for p in item.split(",") if p.strip()]


def _config(select, ignore, severity, fail_on, config_file, isolated, exclude=(), extend_exclude=()):
    """The configuration file's settings (unless --isolated) with the command line on top."""
    from .config import Config, discover, load_file, parse_severity_options, validate

    if config_file and isolated:
        raise click.UsageError("--config and --isolated contradict each other: give one of them")
    base = Config()
    if config_file:
        base = load_file(Path(config_file))
    elif not isolated:
        base = discover(Path.cwd())
    cli = validate(
        Config(select=_ids(select), ignore=_ids(ignore), severity=parse_severity_options(severity),
               fail_on=fail_on or base.fail_on, exclude=list(exclude) or None, extend_exclude=list(extend_exclude)),
        "command line",
    )
    return base.merged(cli)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _refuse_overwriting(outputs: dict[str, str | None], inputs: list[str], baseline: str | None) -> None:
    """-o or --write-baseline naming an input (a report, --previous, --baseline) would destroy
    it; only --write-baseline may name the --baseline it refreshes."""
    named = {option: out for option, out in outputs.items() if out and out != "-" and os.path.exists(out)}
    for option, out in named.items():
        st = os.stat(out)
        for src in inputs + ([baseline] if baseline and option == "-o" else []):
            with contextlib.suppress(OSError, ValueError):
                if src != "-" and os.path.samestat(st, os.stat(src)):
                    raise InputError(f"{option} {out}: is one of the inputs; refusing to overwrite it")
    given = [o for o in outputs.values() if o and o != "-"]
    if len(given) == 2 and (given[0] == given[1] or _same_file(*given)):
        raise InputError(f"-o and --write-baseline both name {given[0]}")


def _same_terminal() -> bool:
    """stdout and stderr are the same terminal: a progress bar would interleave with the output."""
    try:
        return sys.stdout.isatty() and os.fstat(sys.stdout.fileno()).st_rdev == os.fstat(sys.stderr.fileno()).st_rdev
    except (AttributeError, OSError, ValueError):
        return False


def _progress(fmt: str, total: int, to_stdout: bool):
    """A progress bar on stderr for a large batch in human mode on a terminal, else nothing
    (nor when the output itself goes to that terminal)."""
    if fmt != "text" or total < 20 or not sys.stderr.isatty() or os.environ.get("CI"):
        return contextlib.nullcontext(), None
    if to_stdout and _same_terminal():
        return contextlib.nullcontext(), None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(transient=True, console=Console(stderr=True))
    task = bar.add_task("checking", total=total)
    return bar, lambda: bar.advance(task)


def _from_file(path: str) -> list[str]:
    """`--from-file`: one address or path a line; blank lines and `#` comments skipped."""
    from .readers.decode import decode

    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"--from-file {path}: {'no such file' if isinstance(e, FileNotFoundError) else e.strerror or e}") from None
    text = decode(data, path)[0] if data.strip() else ""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def _fetch_options(timeout: str | None, insecure: bool, cache: str | None):
    """The fetch settings, or None when nothing is set (defaults; fetch.py stays unimported)."""
    if not (timeout or insecure or cache):
        return None
    from .fetch import CONNECT_TIMEOUT, READ_TIMEOUT, Options, parse_timeout

    connect, read = parse_timeout(timeout) if timeout else (CONNECT_TIMEOUT, READ_TIMEOUT)
    if cache and Path(cache).exists() and not Path(cache).is_dir():
        raise InputError(f"--cache {cache}: not a folder")
    return Options(connect, read, insecure, cache)


def _jobs(jobs: int | None, ocr: str, files: int) -> int:
    """Worker processes: `--jobs` or all cores; when files may be OCR'd, no more than memory
    holds (about 1 GB each), and each gets its share of the cores for onnxruntime's threads."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or files < 2 or ocr == "never":
        return jobs
    from .readers import ocr as scan

    if not scan.installed():
        return jobs
    jobs = scan.workers(jobs)
    os.environ.setdefault("DISCLOSURE_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // jobs)))
    return jobs


def _output_format(fmt: str, output: str | None, command: str) -> str:
    """`-o out.xlsx` without --format writes xlsx: the file name's suffix picks the format; an
    explicit --format that the suffix contradicts is a mistake (exit 2), never a .xlsx file
    holding JSON."""
    from .output import AUTO, FORMATS, by_suffix

    wanted = by_suffix(output) if output and output != "-" else None
    if wanted is None:
        return fmt
    explicit = click.get_current_context().get_parameter_source("fmt") not in (
        click.core.ParameterSource.DEFAULT, click.core.ParameterSource.DEFAULT_MAP)
    if explicit and fmt != AUTO:
        if fmt != wanted:
            raise InputError(f"-o {output}: the file name says {wanted}, but --format {fmt} was given "
                             f"(输出文件扩展名与 --format 不一致)")
        return fmt
    if command not in FORMATS[wanted].commands:
        raise InputError(f"-o {output}: {command} cannot write {wanted} (give --format; 该命令不支持此输出格式)")
    return wanted


def _run(paths, fmt, output, mode, config, input_type, jobs, ocr="auto", previous=None, pairing=True, baseline=None,
         write_baseline=None, bom=False, view=None, published=None, web=None) -> int:
    from . import batch
    from .output import formatter_class, resolve

    fmt = _output_format(fmt, output, mode)
    web = web or {}
    if web.get("from_file"):
        paths = (*paths, *_from_file(web["from_file"]))
    if not paths:
        raise InputError("no input: give files, folders, web addresses or --from-file FILE")
    default = batch.DEFAULT_EXCLUDE
    exclude = tuple(config.exclude if config.exclude is not None else default) + tuple(config.extend_exclude)
    sources = batch.collect(list(paths), exclude)
    if not sources:
        raise InputError(f"{', '.join(paths)}: no report files found (folders are searched for .txt .md .html .pdf .docx …) / 未找到报告文件")
    fmt = resolve(fmt)
    cls = formatter_class(fmt)
    # Every input and output named on the command line is checked before any report is read,
    # so a mistake is one line on stderr, never half a document on stdout.
    if not baseline and config.baseline and (os.path.exists(config.baseline) or not write_baseline):
        baseline = config.baseline  # (not when --write-baseline is about to create it)
    _refuse_overwriting({"-o": output, "--write-baseline": write_baseline},
                        [s.path for s in sources] + ([previous] if previous else []), baseline)
    if output and output != "-":
        _check_target(output)
    if write_baseline:
        _check_target(write_baseline, "--write-baseline")
    keep = None
    if baseline:
        from .baseline import load

        keep = load(Path(baseline), config.root).filter
    # Workers may serialise each file themselves, unless a baseline filters findings here.
    job = batch.Job(config, None if input_type == "auto" else input_type, mode,
                    output=None if keep else fmt, pairing=pairing or previous is not None, published=published, ocr=ocr,
                    fetch=_fetch_options(web.get("timeout"), web.get("insecure", False), web.get("cache")))
    last_year = batch.load_previous(previous, job) if previous else None
    recorded: list = []
    unreadable = incomplete = False
    bar, progress = _progress(fmt, len(sources), output in (None, "-"))
    with _target(output, FORMATS[fmt].binary) as stream:
        formatter = cls(stream, mode=mode, bom=bom, fail_on=config.fail_on, rules=tuple(r.id for r in config.rules()),
                        **(view or {}))
        formatter.begin()

        def on_file(result):
            nonlocal unreadable, incomplete
            if result.error:
                unreadable = True
                _error(result.error)
            incomplete |= result.incomplete
            formatter.file(result)

        with bar:
            summary, failing = batch.run_batch(
                sources, job, on_file, formatter.pair, jobs=_jobs(jobs, ocr, len(sources)), previous=last_year,
                pairing=pairing, progress=progress, keep=keep, record=recorded.extend if write_baseline else None,
                warn=_error,
            )
        formatter.end(summary)
    if write_baseline:
        from .baseline import write

        with _target(write_baseline, False) as f:
            write(recorded, f, config.root)
        return 2 if unreadable else 0
    if unreadable:
        return 2
    if mode == "extract":
        return 1 if incomplete else 0
    return 1 if failing else 0


def _quiet_stdout() -> None:
    """After stdout failed (closed pipe, full disk), stop the interpreter's final flush from
    printing a second error."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _guard(fn):
    """Turn every error into a one-line message and exit code 2, never a traceback."""

    def wrapper(*args, **kwargs):
        try:
            code = fn(*args, **kwargs)
        except InputError as e:
            _error(str(e))
            code = 2
        except KeyboardInterrupt:
            _error("interrupted")
            code = 130
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `disclosure … | head`: a quiet exit, as on SIGPIPE
            _quiet_stdout()
            code = 0
        except OSError as e:
            where = getattr(e, "filename", None) or "output"
            _error(f"cannot write {where}: {e.strerror or e}")
            _quiet_stdout()
            code = 2
        except UnicodeEncodeError as e:
            _error(f"cannot write the output in this terminal's encoding ({e.encoding}); set PYTHONIOENCODING=utf-8")
            code = 2
        except Exception as e:  # noqa: BLE001 - the contract is: no traceback, exit 2
            if os.environ.get("DISCLOSURE_DEBUG"):
                raise
            _error(f"internal error: {type(e).__name__}: {e}")
            code = 2
        sys.exit(code)

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def _date_option(ctx, param, value: str | None) -> str | None:
    """`--published 2024-01-23` → the ISO date; anything else is a usage error (exit 2)."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def _utf8_streams() -> None:
    """JSON, CSV and SARIF are UTF-8 by definition and the reports are Chinese: write UTF-8
    whatever the locale says (LC_ALL=C, PYTHONIOENCODING=ascii), and never fail on a message
    (a non-UTF-8 file name is shown with escapes)."""
    for name, errors in (("stdout", "strict"), ("stderr", "backslashreplace")):
        stream = getattr(sys, name)
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        with contextlib.suppress(Exception):
            if (stream.encoding or "").lower().replace("-", "") != "utf8" or name == "stderr":
                stream.reconfigure(encoding="utf-8", errors=errors)


_common_input = [
    click.argument("paths", nargs=-1),
    click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout."),
    click.option("--input-type", type=click.Choice(INPUT_TYPES), default="auto", show_default=True,
                 help="Force the input form instead of detecting it from the content."),
    click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
                 help="Files processed (and addresses fetched) in parallel (default: all cores; with OCR, "
                      "at most one per GB of free memory)."),
    click.option("--ocr", type=click.Choice(("never", "auto", "always")), default="auto", show_default=True,
                 help="Scans: auto = OCR PDF pages without a text layer and images (.png .jpg .tif); always = "
                      "every PDF page; never = none. Needs pip install 'disclosure[ocr]'."),
    click.option("--exclude", multiple=True, metavar="GLOB",
                 help="Skip these files and folders in folder walks and globs, replacing the default (hidden ones)."),
    click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these too, keeping the default."),
    click.option("--from-file", metavar="FILE", help="Also read the addresses or paths in FILE (one a line, # comments)."),
    click.option("--timeout", metavar="SECONDS", help="Fetching: read timeout, or CONNECT,READ (default 10,30)."),
    click.option("--insecure", is_flag=True, help="Fetching: do not verify certificates (a W-TLS warning says so)."),
    click.option("--cache", metavar="DIR", help="Fetching: keep fetched bytes in DIR and reuse them on reruns."),
]


def _apply(options):
    def deco(fn):
        for opt in reversed(options):
            fn = opt(fn)
        return fn

    return deco


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="disclosure")
def main() -> None:
    """Validate and extract the statutory tables of 政府信息公开工作年度报告.

    Reads pasted text, Markdown, saved web pages (HTML), PDF and Word (.docx); rebuilds
    tables 2, 3 and 4 into canonical keys; checks them against the rule catalogue.
    """
    _utf8_streams()


@main.command()
@_apply(_common_input)
@click.option("-f", "--format", "--output-format", "fmt", type=click.Choice(choices("check")),
              default="auto", show_default=True, help="auto = github inside GitHub Actions, text elsewhere.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info", "never")), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (same as --fail-on never).")
@click.option("--show-source/--no-show-source", default=None,
              help="text: print the source row (or sentence) under each finding, the cell marked "
                   "(default: on a terminal, for files with at most 10 findings).")
@click.option("--statistics", is_flag=True, help="text: count findings per rule instead of listing them.")
@click.option("-q", "--quiet", is_flag=True, help="text: print only the summary line (and errors on stderr).")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rules (IDs or prefixes, e.g. T3-,N-).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules (IDs or prefixes).")
@click.option("--severity", multiple=True, metavar="ID=LEVEL", help="Override a rule's severity, e.g. N-S5=info.")
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE (disclosure.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--previous", metavar="FILE", help="Last year's report: run the cross-year rules against it.")
@click.option("--no-pairing", is_flag=True, help="Do not pair reports of one body in consecutive years.")
@click.option("--baseline", metavar="FILE", help="Report only findings not recorded in FILE.")
@click.option("--write-baseline", metavar="FILE", help="Record today's findings in FILE and exit 0.")
@click.option("--published", metavar="YYYY-MM-DD", callback=_date_option,
              help="The date the report was published (rule P-DEADLINE); wins over dates found in the file.")
@_guard
def check(paths, output, input_type, jobs, ocr, exclude, extend_exclude, from_file, timeout, insecure, cache, fmt, fail_on,
          exit_zero, show_source, statistics, quiet, select, ignore, severity, config_file, isolated, previous, no_pairing,
          baseline, write_baseline, published):
    """Check reports: table arithmetic, structure, prose against tables, year against year.

    PATHS are files, folders (searched recursively), globs or http(s):// addresses; `-` reads stdin.
    """
    if exit_zero:
        if fail_on not in (None, "never"):
            raise click.UsageError(f"--exit-zero contradicts --fail-on {fail_on}")
        fail_on = "never"
    config = _config(select, ignore, severity, fail_on, config_file, isolated, exclude, extend_exclude)
    return _run(paths, fmt, output, "check", config, input_type, jobs, ocr=ocr, previous=previous, pairing=not no_pairing,
                baseline=baseline, write_baseline=write_baseline, published=published,
                view={"show_source": show_source, "statistics": statistics, "quiet": quiet},
                web={"from_file": from_file, "timeout": timeout, "insecure": insecure, "cache": cache})


@main.command()
@_apply(_common_input)
@click.option("-f", "--format", "fmt", type=click.Choice(choices("extract")), default="json",
              show_default=True, help="xlsx needs -o FILE (or a pipe).")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte-order mark (for Excel).")
@_guard
def extract(paths, output, input_type, jobs, ocr, exclude, extend_exclude, from_file, timeout, insecure, cache, fmt, bom):
    """Extract the statutory tables as canonical keys (JSON, JSON Lines, CSV or Excel).

    Exit code 1 when a value could not be read (null, with a finding saying why)."""
    from .config import Config

    config = Config(exclude=list(exclude) or None, extend_exclude=list(extend_exclude))
    return _run(paths, fmt, output, "extract", config, input_type, jobs, ocr=ocr, bom=bom,
                web={"from_file": from_file, "timeout": timeout, "insecure": insecure, "cache": cache})


@main.command()
@click.argument("rule_id", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text", show_default=True,
              help="markdown = the catalogue as in docs/rules.md.")
@_guard
def rules(rule_id, fmt):
    """List the rules, or print one rule's documentation."""
    import json

    from .rules import RULES

    if rule_id:
        rule = RULES.get(rule_id.upper())
        if rule is None:
            raise InputError(f"unknown rule {rule_id!r} (see `disclosure rules`)")
        if fmt == "markdown":
            from .docgen import rule_markdown

            click.echo(rule_markdown(rule))
        elif fmt == "json":
            click.echo(json.dumps({"id": rule.id, "severity": rule.severity, "summary": rule.summary, "doc": rule.doc,
                                   **({"options": rule.options} if rule.options else {})}, ensure_ascii=False, indent=2))
        else:
            settings = "".join(f"\n    {k} = {v!r}" for k, v in rule.options.items())
            where = f"\n\n设置 / Settings ([tool.disclosure.options.{rule.id}]), defaults:{settings}" if settings else ""
            click.echo(f"{rule.id}  [{rule.severity}]\n\n{rule.doc}{where}")
        return 0
    if fmt == "markdown":
        from .docgen import rules_markdown

        click.echo(rules_markdown(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps([{"id": r.id, "severity": r.severity, "summary": r.summary} for r in RULES.values()],
                              ensure_ascii=False, indent=2))
    else:
        for r in RULES.values():
            click.echo(f"{r.id:<12} {r.severity:<8} {r.summary}")
    return 0


@main.command()
@_guard
def schema():
    """Print the JSON Schema of the json/jsonl output."""
    from importlib.resources import files

    click.echo(files("disclosure_cli").joinpath("schema.json").read_text(encoding="utf-8"), nl=False)
    return 0
