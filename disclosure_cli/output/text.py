"""Human output: findings grouped by file and table, with rule, cell, expected vs actual and
where in the source. Colour on a terminal only; plain text when piped; NO_COLOR honoured."""

from __future__ import annotations

from ..templates import TABLE_NAMES, TEMPLATES
from .base import Formatter as Base

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(counts: dict[str, int]) -> str:
    return f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {counts['info']} info"


class Formatter(Base):
    def begin(self) -> None:
        from rich.console import Console

        self.console = Console(
            file=self.stream, highlight=False, soft_wrap=True, emoji=False,
            force_terminal=self.color if self.color else None, no_color=self.color is False or None,
        )

    def _print(self, text: str = "", style: str | None = None) -> None:
        from rich.markup import escape

        self.console.print(escape(text), style=style)

    def file(self, result) -> None:
        c = self.console
        c.print(f"[bold]{_esc(result.path)}[/bold]")
        if result.error:
            self._print(f"  unreadable: {result.error}", "bold red")
            c.print()
            return
        r = result.report
        meta = [r.agency or "（未识别机关）", f"{r.year}年度" if r.year else "（年度未识别）"]
        if r.template:
            meta.append(f"{r.template}年格式（{TEMPLATES[r.template].circular}）")
        read = sum(1 for v in r.values.values() if v.status == "ok")
        meta.append(f"{read}/{len(r.values)} values read")
        self._print("  " + " · ".join(meta), "dim")
        self._findings(result.findings)
        counts = result.counts()
        if result.findings:
            self._print("  " + _counts(counts), "bold")
        else:
            self._print("  ✓ no findings", "green")
        c.print()

    def _findings(self, findings, indent: str = "  ") -> None:
        table = object()
        for f in findings:
            if f.table != table:
                table = f.table
                self._print(indent + (TABLE_NAMES.get(f.table) or "全文 / whole report"), "bold")
            where = str(f.locations[0]) if f.locations else "-"
            if len(f.locations) > 1:
                where += f" (+{len(f.locations) - 1})"
            self.console.print(
                f"{indent}  [{_STYLE[f.severity]}]{f.severity:<7}[/] [bold]{f.rule:<10}[/] {_esc(f.message)}  [dim]{_esc(where)}[/dim]"
            )

    def pair(self, result) -> None:
        self._print(f"{result.path} ← {result.previous}（跨年度 / across years）", "bold")
        if result.findings:
            self._findings(result.findings)
        else:
            self._print("  ✓ consistent with the previous year", "green")
        self.console.print()

    def end(self, summary) -> None:
        s = summary
        line = (
            f"{_plural(s.files, 'file')} checked: {s.clean} clean, {s.with_findings} with findings, "
            f"{s.unreadable} unreadable"
        )
        if s.pairs:
            line += f", {_plural(s.pairs, 'year pair')}"
        self._print(line + " · " + _counts(s.severities), "bold")


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)
