"""`--format github`: GitHub Actions workflow commands, one annotation per finding, shown on
the pull request beside the file (`::error file=…,line=…,title=…::message`). stdout holds
workflow commands only; the totals go to stderr."""

from __future__ import annotations

from .base import Formatter as Base

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class Formatter(Base):
    def _annotate(self, level: str, path: str, message: str, loc=None, title: str = "disclosure") -> None:
        props = [f"file={_prop(path)}"]
        if loc is not None and loc.line is not None and loc.page is None:
            props.append(f"line={loc.line}")
            if loc.column is not None:
                props.append(f"col={loc.column}")
        props.append(f"title={_prop(title)}")
        words = loc.describe(line=loc.page is not None) if loc is not None else ""  # a text line is in the props
        where = f" [{words}]" if words else ""
        self.stream.write(f"::{level} {','.join(props)}::{_data(message + where)}\n")

    def _findings(self, findings) -> None:
        for f in findings:
            loc = f.locations[0] if f.locations else None
            self._annotate(_LEVEL[f.severity], f.path, f.message, loc, f"disclosure {f.rule}")

    def file(self, result) -> None:
        if result.error:
            self._annotate("error", result.path, result.error, title="disclosure: unreadable")
        self._findings(result.findings)

    def pair(self, result) -> None:
        self._findings(result.findings)

    def end(self, summary) -> None:
        """The totals go to stderr: stdout holds workflow commands only."""
        import click

        s = summary.severities
        click.echo(
            f"disclosure: {summary.counted()}, {summary.unreadable} unreadable; "
            f"{_plural(s['error'], 'error')}, {_plural(s['warning'], 'warning')}, {s['info']} info",
            err=True,
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
