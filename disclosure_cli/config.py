"""Which rules run and at what severity: from the command line, `[tool.disclosure]` in a
pyproject.toml, or a disclosure.toml (found by walking up from the current directory).

    [tool.disclosure]            # or, in disclosure.toml, the same keys at top level
    select = ["T3-", "S-"]       # rule IDs or prefixes; default: every rule
    ignore = ["S-BLANK"]
    fail-on = "warning"          # error | warning | info | never
    baseline = "known.json"      # as --baseline, relative to this file's folder
    extend-exclude = ["drafts/"] # globs, as --extend-exclude (`exclude` replaces the default)
    [tool.disclosure.severity]
    N-S5 = "info"
    [tool.disclosure.options.X-REUSE]   # rule settings (see `disclosure rules ID`)
    threshold = 0.4
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .files import read_text
from .model import FAIL_LEVELS, SEVERITIES, InputError
from .rules import RULES, Rule

# Rules that say a table or cell could not be read: they run whatever --select says (a report
# whose table cannot be read is never "clean"); only an --ignore naming one by its ID drops it.
ALWAYS = ("S-TABLE", "S-CELL")
_KEYS = {"select", "ignore", "severity", "fail-on", "fail_on", "baseline", "exclude", "extend-exclude",
         "extend_exclude", "options"}
_LINE = re.compile(r"\bline (\d+)")


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    source: str | None = None
    options: dict[str, dict] = field(default_factory=dict)  # rule ID → settings
    baseline: str | None = None  # resolved against the config file's folder
    exclude: list[str] | None = None  # None: the default (hidden files and folders)
    extend_exclude: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        """The project root: the folder of the config file, else the working directory.
        Baseline fingerprints name files relative to it."""
        return Path(self.source).resolve().parent if self.source else Path.cwd()

    def rules(self) -> list[Rule]:
        """The selected rules, in registry order, and the ALWAYS rules not ignored by ID."""
        return list(_rules(tuple(self.select), tuple(self.ignore)))

    def merged(self, other: Config) -> Config:
        """This config with `other`'s settings on top (the command line wins; ignores add up)."""
        return Config(
            select=other.select or self.select,
            ignore=self.ignore + other.ignore,
            severity={**self.severity, **other.severity},
            fail_on=other.fail_on,
            source=self.source,
            options={**self.options, **other.options},
            baseline=other.baseline or self.baseline,
            exclude=other.exclude if other.exclude is not None else self.exclude,
            extend_exclude=self.extend_exclude + other.extend_exclude,
        )


@lru_cache(maxsize=64)
def _rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    """Config.rules, worked out once per selection: a batch asks for every report."""
    named = {p.upper() for p in ignore}
    return tuple(r for r in RULES.values()
                 if _selected(r.id, list(select), list(ignore)) or (r.id in ALWAYS and r.id not in named))


def _matches(rule_id: str, pattern: str) -> bool:
    p = pattern.upper()
    return rule_id == p or (p.endswith("-") and rule_id.startswith(p)) or rule_id.startswith(p + "-") or (
        p in {"T", "S", "N", "X"} and rule_id.startswith(p)
    )


def _selected(rule_id: str, select: list[str], ignore: list[str]) -> bool:
    if select and not any(_matches(rule_id, p) for p in select):
        return False
    return not any(_matches(rule_id, p) for p in ignore)


def _check_patterns(patterns: list[str], where: str) -> None:
    for p in patterns:
        if not any(_matches(r, p) for r in RULES):
            raise InputError(f"{where}: unknown rule or prefix {p!r} (see `disclosure rules`)")


def validate(config: Config, where: str) -> Config:
    """Raise InputError naming the bad key or value."""
    _check_patterns(config.select, f"{where}: select")
    _check_patterns(config.ignore, f"{where}: ignore")
    for rule_id, level in config.severity.items():
        if rule_id not in RULES:
            raise InputError(f"{where}: severity: unknown rule {rule_id!r}")
        if level not in SEVERITIES:
            raise InputError(f"{where}: severity.{rule_id}: {level!r} is not one of {', '.join(SEVERITIES)}")
    for rule_id, settings in config.options.items():
        rule = RULES.get(rule_id)
        if rule is None or not rule.options:
            raise InputError(f"{where}: options: {rule_id!r} is not a rule with settings")
        for name, value in settings.items():
            default = rule.options.get(name)
            if default is None:
                raise InputError(f"{where}: options.{rule_id}: unknown setting {name!r} (allowed: {', '.join(rule.options)})")
            if not isinstance(value, type(default) | int) or isinstance(value, bool):
                raise InputError(f"{where}: options.{rule_id}.{name}: {value!r} is not a number")
    if config.fail_on not in FAIL_LEVELS:
        raise InputError(f"{where}: fail-on: {config.fail_on!r} is not one of {', '.join(FAIL_LEVELS)}")
    return config


def parse_severity_options(items: tuple[str, ...]) -> dict[str, str]:
    """`--severity N-S5=info` → {"N-S5": "info"}."""
    out = {}
    for item in items:
        rule_id, sep, level = item.partition("=")
        if not sep:
            raise InputError(f"--severity {item!r}: expected RULE=LEVEL, e.g. N-S5=info")
        out[rule_id.strip().upper()] = level.strip().lower()
    return out


def _from_table(table: dict, where: str, folder: Path | None = None) -> Config:
    if not isinstance(table, dict):
        raise InputError(f"{where}: the disclosure settings must be a table of keys, not {type(table).__name__}")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (allowed: select, ignore, severity, fail-on, baseline, exclude, extend-exclude, options)")

    def strings(name: str, what: str = "rule IDs or prefixes") -> list[str]:
        value = table.get(name, table.get(name.replace("-", "_"), []))
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{where}: {name} must be a list of {what}")
        return value

    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise InputError(f"{where}: severity must be a table of RULE = LEVEL")
    fail_on = table.get("fail-on", table.get("fail_on", "error"))
    if not isinstance(fail_on, str):
        raise InputError(f"{where}: fail-on must be a string")
    options = table.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise InputError(f"{where}: options must be a table of rule tables, e.g. [options.X-REUSE]")
    baseline = table.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline):
        raise InputError(f"{where}: baseline must be a file name")
    if baseline and folder is not None:
        baseline = str(folder / baseline)
    config = Config(
        options={str(k).upper(): dict(v) for k, v in options.items()},
        select=strings("select"),
        ignore=strings("ignore"),
        severity={str(k).upper(): str(v).lower() for k, v in severity.items()},
        fail_on=fail_on.lower(),
        source=where,
        baseline=baseline,
        exclude=strings("exclude", "globs") if "exclude" in table else None,
        extend_exclude=strings("extend-exclude", "globs"),
    )
    return validate(config, where)


def _toml(path: Path) -> dict:
    """A TOML file's data; an unreadable or invalid file is an InputError naming it (and the line)."""
    try:  # imported here: most runs have no configuration file to parse
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    text = read_text(path, "config file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None) or next(iter(_LINE.findall(str(e))), None)
        raise InputError(f"{path}{f':{line}' if line else ''}: invalid TOML: {e}") from None


def _settings(data: dict, path: Path) -> dict | None:
    """The disclosure settings of a config file's data (None: a pyproject.toml without them)."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError(f"{path}: [tool] must be a table")
    return tool.get("disclosure")


def load_file(path: Path) -> Config:
    """Read a disclosure.toml or the [tool.disclosure] table of a pyproject.toml."""
    table = _settings(_toml(path), path)
    return _from_table({} if table is None else table, str(path), path.resolve().parent)


def discover(start: Path) -> Config:
    """The nearest disclosure.toml, or pyproject.toml with [tool.disclosure], above `start`.
    A file that is there but cannot be parsed is an error, never silently skipped."""
    for folder in [start, *start.parents]:
        candidate = folder / "disclosure.toml"
        if candidate.is_file():
            return load_file(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _settings(_toml(candidate), candidate) is not None:
            return load_file(candidate)
    return Config()
