"""Human output: findings grouped by file and table, each with its rule, the message in the
report's own labels, and where the cell is (`path:line:col` where the source has lines, so
terminals and editors can jump there; the source's own tables as 第2个表格 第7行第10列, never to
be confused with 表二/表三/表四).

On a terminal: colour, messages wrapped under the message column (rich measures Chinese
full-width characters), and the source row under each finding (`--show-source`, on by default
for files with at most SOURCE_LIMIT findings). Piped, or with NO_COLOR: plain text, one line
per message, and rich is not even imported.
"""

from __future__ import annotations

import os
import unicodedata

from ..model import SEVERITY_RANK
from ..rules import RULES
from ..templates import TABLE_NAMES, TEMPLATES
from . import terminal_safe
from .base import Formatter as Base
from .source import Mark, Snippet, line_of, snippets

SOURCE_LIMIT = 10
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_INDENT = "    "
ID_WIDTH = 12  # the longest rule ID (T2-RULEMAKER); tests/output keep it so
_HANG = len(_INDENT) + 8 + ID_WIDTH + 1  # the message column: indent, severity (7) and rule ID padded

Segments = list[tuple[str, str | None]]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(counts: dict[str, int]) -> str:
    return f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {counts['info']} info"


def _terminal(stream) -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _width(text: str) -> int:
    """Terminal cells of plain text (full-width characters take two), without rich."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines_mean_something(report) -> bool:
    """False for a page saved on one line (a whole HTML page on line 1): its line says nothing."""
    seen = set()
    for v in report.values.values():
        if v.loc is not None and v.loc.line is not None:
            seen.add(v.loc.line)
            if len(seen) > 1:
                return True
    return False


def where(path: str, loc, lines: bool) -> str:
    """`path:31:47`, `path 第2个表格 第7行第10列`, `path 第4页 第6个表格 第4行第5列`."""
    line = line_of(loc, lines)
    anchor = f"{path}:{line}" + (f":{loc.column}" if loc.column is not None else "") if line else path
    words = loc.describe(line=False)
    return anchor + (" " + words if words else "")


class Formatter(Base):
    def begin(self) -> None:
        self.terminal = self.color if self.color is not None else _terminal(self.stream)
        self.styled = self.terminal and not os.environ.get("NO_COLOR")
        self.console = None
        if self.terminal:
            from rich.console import Console

            self.console = Console(
                file=self.stream, highlight=False, markup=False, emoji=False, soft_wrap=True,
                force_terminal=True, no_color=not self.styled,
            )
        self.stats: dict[str, list] = {}  # rule → [count, most severe severity]

    # -- writing -------------------------------------------------------------------------

    def _out(self, segments: Segments, hang: int = 0, spaces_only: bool = False) -> None:
        """One logical line; on a terminal, wrapped with continuation lines indented by `hang`
        (`spaces_only`: break only at spaces, as in 第4页 第6个表格 第4行第5列)."""
        segments = [(terminal_safe(t, lines=True), s) for t, s in segments]
        if self.console is None:
            self.stream.write("".join(t for t, _ in segments) + "\n")
            return
        from rich.text import Text

        def text(parts: Segments) -> Text:
            return Text.assemble(*((t, s or "") if self.styled else t for t, s in parts))

        width = self.console.width
        if not hang or width - hang < 20:
            self.console.print(text(segments))
            return
        head, body, used = [], [], 0
        for t, s in segments:
            (head if used < hang else body).append((t, s))
            used += len(t)
        whole = text(body)
        for i, line in enumerate(whole.divide(_breaks(whole.plain, width - hang, _rich_width, spaces_only))):
            line.rstrip()
            self.console.print(Text.assemble(text(head) if i == 0 else " " * hang, line))

    # -- files -----------------------------------------------------------------------------

    def _count(self, findings) -> None:
        for f in findings:
            entry = self.stats.setdefault(f.rule, [0, f.severity])
            entry[0] += 1
            if SEVERITY_RANK[f.severity] > SEVERITY_RANK[entry[1]]:
                entry[1] = f.severity

    def file(self, result) -> None:
        self._count(result.findings)
        if self.quiet or self.statistics:
            return
        self._out([(result.path, "bold")])
        if result.error:
            self._out([(f"  unreadable: {result.error}", "bold red")])
            self._out([])
            return
        r = result.report
        meta = [r.agency or "（未识别机关）", f"{r.year}年度" if r.year else "（年度未识别）"]
        if r.template:
            meta.append(f"{r.template}年格式（{TEMPLATES[r.template].circular}）")
        read = sum(1 for v in r.values.values() if v.status == "ok")
        meta.append(f"{read}/{len(r.values)} values read")
        if r.published:
            meta.append(f"发布 {r.published}（{r.published_source}）")
        self._out([("  ", None), (" · ".join(meta), "dim")], 2)
        if r.source:
            self._out([(f"  附件 / attachment: {r.source}", "dim")])
        show = self.show_source if self.show_source is not None else (
            self.terminal and len(result.findings) <= SOURCE_LIMIT)
        # An attachment's locations are in the attachment.
        self._findings(result.findings, r.source or result.path, r if show else None,
                       _lines_mean_something(r) or r.form == "text")
        if result.findings:
            self._out([("  " + _counts(result.counts()), "bold")])
        else:
            self._out([("  ✓ no findings", "green")])
        self._out([])

    def _findings(self, findings, path: str, report=None, lines: bool = True) -> None:
        table = object()
        for f in findings:
            if f.table != table:
                table = f.table
                self._out([("  " + (TABLE_NAMES.get(f.table) or "全文 / whole report"), "bold")])
            self._out([(_INDENT, None), (f"{f.severity:<7} ", _STYLE[f.severity]), (f"{f.rule:<{ID_WIDTH}} ", "bold"),
                       (f.message, None)], _HANG)
            if f.locations and (line_of(f.locations[0], lines) or f.locations[0].describe(line=False)):
                more = f" （另{len(f.locations) - 1}处）" if len(f.locations) > 1 else ""
                place = where(path, f.locations[0], lines)
                indent = _HANG
                if self.console is not None and _HANG + 4 + _rich_width(place.split(" ")[0]) > self.console.width:
                    indent = len(_INDENT) + 2  # a long path: start further left than wrap it
                self._out([(" " * indent, None), ("--> ", "blue"), (place, "cyan"), (more, "dim")], indent + 4,
                          spaces_only=True)
            if report is not None:
                self._source(report, f, lines)

    def _source(self, report, f, lines: bool) -> None:
        style = _STYLE[f.severity]
        shown, more = snippets(report, f, lines)
        if not shown:
            return
        gutter = max(len(s.gutter) for s in shown)
        pad = " " * (_HANG - gutter - 3)
        width = _width if self.console is None else _rich_width
        if self.console is not None:
            room = self.console.width - _HANG - 1
            shown = [_fit(s, room, width) for s in shown]
        for s in shown:
            self._out([(pad + s.gutter.rjust(gutter) + " | ", "blue"), (s.text, None)])
            carets: Segments = [(pad + " " * gutter + " | ", "blue")]
            column = 0
            for m in s.marks:
                start = width(s.text[: m.start])
                carets += [(" " * (start - column), None), ("^" * max(1, width(s.text[m.start : m.end])), style),
                           (f" {m.note}" if m.note else "", style)]
                column = start + max(1, width(s.text[m.start : m.end])) + (len(m.note) + 1 if m.note else 0)
            if s.marks:
                self._out(carets)
        if more:
            self._out([(" " * _HANG, None), (f"…另有{more}行", "dim")])

    def pair(self, result) -> None:
        self._count(result.findings)
        if self.quiet or self.statistics:
            return
        self._out([(f"{result.path} ← {result.previous}（跨年度 / across years）", "bold")])
        if result.findings:
            self._findings(result.findings, result.path)
        else:
            self._out([("  ✓ consistent with the previous year", "green")])
        self._out([])

    def end(self, summary) -> None:
        if self.statistics:
            for rule, (count, severity) in sorted(self.stats.items(), key=lambda kv: (-kv[1][0], kv[0])):
                summary_text = RULES[rule].summary if rule in RULES else ""
                self._out([(f"{count:>5}  ", "bold"), (f"{rule:<{ID_WIDTH}} ", "bold"), (f"{severity:<7} ", _STYLE[severity]),
                           (summary_text, None)], 5 + 2 + 11 + 8)
            if self.stats:
                self._out([])
        s = summary
        line = (
            f"{s.counted()} checked: {s.clean} clean, {s.with_findings} with findings, "
            f"{s.unreadable} unreadable"
        )
        if s.pairs:
            line += f", {_plural(s.pairs, 'year pair')}"
        if s.skipped:
            line += f", {s.skipped} skipped"
        clean = not s.with_findings and not s.unreadable and not any(s.severities.values())
        self._out([("✓ " if clean else "", "green"), (line + " · " + _counts(s.severities), "bold")])


_OPENING = "（「『《〈“‘(["
_CLOSING = "）」』》〉”’)]，。、；：！？…,.;:!?%"


def _breaks(text: str, room: int, width, spaces_only: bool = False) -> list[int]:
    """Where to break `text` into lines of at most `room` cells: between Chinese characters,
    at spaces, never inside a number or an ASCII word, never before closing punctuation
    (，。）」) or after opening punctuation (（「)."""
    tokens: list[int] = [0]  # start offsets of unbreakable pieces
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if spaces_only and not a.isspace():
            continue
        if b in _CLOSING or a in _OPENING or (a.isascii() and b.isascii() and not a.isspace() and not b.isspace()):
            continue
        if a == "." and i > 1 and text[i - 2].isdigit():
            continue  # 5.属于… keeps its number
        if b.isspace():
            continue  # a space stays at the end of the line it follows
        tokens.append(i)
    tokens.append(len(text))
    offsets, used = [], 0
    for start, end in zip(tokens, tokens[1:], strict=False):
        piece = width(text[start:end])
        if used and used + width(text[start:end].rstrip()) > room:
            offsets.append(start)
            used = 0
        used += piece
    return offsets


def _fit(s: Snippet, room: int, width) -> Snippet:
    """The snippet cut to `room` terminal cells (with …), keeping its first mark and note in view."""
    if width(s.text) <= room or not s.marks:
        return s
    first = s.marks[0]
    need = width(s.text[: first.end]) + (width(first.note) + 1 if first.note else 0)
    text, marks, cut = s.text, s.marks, 0
    if need > room - 1:  # drop from the left until the mark fits
        while cut < first.start and width(s.text[cut : first.end]) + 1 + (width(first.note) + 1 if first.note else 0) > room - 1:
            cut += 1
        text = "…" + s.text[cut:]
        marks = tuple(Mark(m.start - cut + 1, m.end - cut + 1, m.note) for m in s.marks if m.start >= cut)
    end = len(text)
    while width(text[:end]) > room - 1 and end > marks[0].end:
        end -= 1
    if end < len(text):
        text = text[:end] + "…"
        marks = tuple(m for m in marks if m.end <= end)
    return Snippet(s.gutter, text, marks)


def _rich_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
