"""Pasted text → rows of cells. Reads every layout people paste (docs/report-format.md §9.4):

- one cell per line, each followed by ` |`, empty cells and colspan padding as bare `|` runs
  (row boundaries are lost: the document is marked `cell_per_line`);
- one table row per line, `label | 58 | 7 | … |`;
- Markdown tables (`| a | b |` with a `|---|` line), and the same rows without that line
  (most lines with text start with `|`): the leading `|` opens the row, never an empty cell
  that would shift the row's values by one;
- tab-separated rows (copied from Excel or Word);
- plain lines as a PDF text layer or a converter gives them, `label 3001 53 0 …`.

Pipe counts are never trusted to place values: this reader only splits cells, and the locator
anchors on labels.
"""

from __future__ import annotations

import re

from ..model import Cell, Document, Location, Row

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Trailing numbers of a plain line: `行政处罚 3985758`, `（一）予以公开 1288 21 0 0 50 3 1362`.
_TRAILING_NUMBERS = re.compile(r"(?:(?<=\s)|^)[+-]?\d[\d,]*(?:\.\d+)?(?:万元|元)?(?=\s|$)")
_MAX_LABEL_WITH_NUMBERS = 80
# NBSP is a space, except between two digits, where it groups thousands (`1 234`).
_NBSP = re.compile(r"(?<!\d)\u00a0|\u00a0(?!\d)")
# No statutory row has more than a dozen numbers (two rows run together, two dozen): a longer
# run is not a table row but a stream of digits, kept as one piece of text.
_MAX_NUMBERS_IN_ROW = 64


def split_plain(line: str, lineno: int, page: int | None = None) -> list[Cell]:
    """Split a line without delimiters into a label cell and its trailing number cells."""
    # Only the last words can be in the run: look for numbers there, not in the whole line
    # (a 1 MB line of numbers made half a million matches). A number is a whole word (space
    # on both sides), so starting at the space before the last few words finds the same ones.
    words = line.rsplit(None, _MAX_NUMBERS_IN_ROW + 2)
    tokens = list(_TRAILING_NUMBERS.finditer(line, len(words[0]) if len(words) > _MAX_NUMBERS_IN_ROW + 2 else 0))
    # keep only the run of number tokens that ends the line (collected backwards, then
    # reversed: linear even for a 1 MB line of numbers)
    run: list[re.Match[str]] = []
    end = len(line.rstrip())
    for m in reversed(tokens):
        if line[m.end() : end].strip() or len(run) > _MAX_NUMBERS_IN_ROW:
            break
        run.append(m)
        end = m.start()
    run.reverse()
    head = line[:end].strip()
    if run and (len(head) > _MAX_LABEL_WITH_NUMBERS or len(run) > _MAX_NUMBERS_IN_ROW):
        run = []
        head = line.strip()
    cells = []
    if head:
        cells.append(Cell(head, Location(line=lineno, column=line.index(head[0]) + 1, page=page)))
    cells.extend(Cell(m.group(), Location(line=lineno, column=m.start() + 1, page=page)) for m in run)
    return cells


_NO_PLACE = Location()[2:]  # every field of a Location after line and column, at its default


def _cells(parts: list[str], lineno: int, start: int, blank_at_end: bool) -> list[Cell]:
    """A cell per part, its text stripped, its column where that text starts (a blank cell:
    where its part ends, or begins); `start` is the 0-based column of the first part."""
    cells = []
    new = tuple.__new__  # Cell and Location made as plain tuples (no keyword handling): hundreds per report
    rest = _NO_PLACE  # a text position has a line and a column only
    for part in parts:
        text = part.strip()
        column = start + (len(part) - len(part.lstrip()) if text or blank_at_end else 0) + 1
        cells.append(new(Cell, (text, new(Location, (lineno, column, *rest)))))
        start += len(part) + 1
    return cells


def _split_delimited(line: str, lineno: int, sep: str, markdown: bool) -> list[Cell]:
    """Cells of a `|`- or tab-delimited line, each with its 1-based column. For pipes each
    cell is the text before a `|` (text after the last one is kept only if not blank); a
    Markdown row's leading `|` opens the row instead of closing an empty cell."""
    if sep == "\t":
        return _cells(line.split("\t"), lineno, 0, False)
    offset = 0
    if markdown:
        stripped = line.lstrip()
        if stripped.startswith("|"):
            offset = len(line) - len(stripped) + 1
    parts = line[offset:].split("|")
    if not parts[-1].strip():
        parts.pop()
    return _cells(parts, lineno, offset, True)


_LEADING_PIPE = re.compile(r"^\s*\|[^|\S]*[^|\s]")  # `| 规章 | 2 |`: a row opened by `|`
_TEXT_PIPE = re.compile(r"[^|\s]")
_LEADING_SHARE = 0.8  # of the pipe lines with text, before the leading `|` is taken as Markdown's
_LEADING_MIN = 3


def _leading_pipes(lines: list[str]) -> bool:
    """Markdown rows without their `|---|` line: (nearly) every pipe line with text starts with
    `|`. Not the one-cell-per-line layout, whose lines end with `|` (`58 |`) and pad with bare
    `|` runs."""
    with_text = [line for line in lines if "|" in line and _TEXT_PIPE.search(line)]
    leading = sum(1 for line in with_text if _LEADING_PIPE.match(line))
    return leading >= _LEADING_MIN and leading >= _LEADING_SHARE * len(with_text)


def read_text(text: str, path: str, form: str = "text") -> Document:
    """Split pasted text into rows of cells and prose lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any("-" in line and "|" in line and _MD_SEPARATOR.match(line) for line in lines) or _leading_pipes(lines)
    rows: list[Row] = []
    prose: list[Cell] = []
    pipe_rows = single_cell_rows = 0
    for lineno, raw in enumerate(lines, 1):
        line = _NBSP.sub(" ", raw) if "\u00a0" in raw else raw
        if not line.strip() or (markdown and _MD_SEPARATOR.match(line)):
            continue
        if "|" in line:
            cells = _split_delimited(line, lineno, "|", markdown)
            pipe_rows += 1
            if sum(1 for c in cells if c.text) <= 1:
                single_cell_rows += 1
        elif "\t" in line:
            cells = _split_delimited(line, lineno, "\t", False)
        else:
            if markdown:
                line = _MD_HEADING.sub("", line)
            stripped = line.strip()
            if not stripped:
                continue
            prose.append(Cell(stripped, Location(line=lineno, column=line.index(stripped[0]) + 1)))
            cells = split_plain(line, lineno)
        rows.append(Row(cells))
    cell_per_line = pipe_rows >= 10 and single_cell_rows >= 0.8 * pipe_rows
    if not pipe_rows and not any("\t" in line for line in lines):
        # Text with no delimiters at all is a PDF's text layer: labels wrap onto the next line.
        for row in rows:
            row.wrapped = True
    return Document(path=path, form=form, rows=rows, prose=prose, cell_per_line=cell_per_line)
