"""Pasted text → rows of cells. Reads every layout people paste (report-format.md §9.4):

- one cell per line, each followed by ` |`, empty cells and colspan padding as bare `|` runs
  (row boundaries are lost: the document is marked `cell_per_line`);
- one table row per line, `label | 58 | 7 | … |`;
- Markdown tables (`| a | b |` with a `|---|` line);
- tab-separated rows (copied from Excel or Word);
- plain lines as a PDF text layer or a converter gives them, `label 3001 53 0 …`.

Pipe counts are never trusted to place values: this reader only splits cells, and the locator
anchors on labels.
"""

from __future__ import annotations

import re

from ..model import Cell, Document, Location, Row

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Trailing numbers of a plain line: `行政处罚 3985758`, `（一）予以公开 1288 21 0 0 50 3 1362`.
_TRAILING_NUMBERS = re.compile(r"(?:(?<=\s)|^)[+-]?\d[\d,]*(?:\.\d+)?(?:万元|元)?(?=\s|$)")
_MAX_LABEL_WITH_NUMBERS = 80


def split_plain(line: str, lineno: int, page: int | None = None) -> list[Cell]:
    """Split a line without delimiters into a label cell and its trailing number cells."""
    tokens = list(_TRAILING_NUMBERS.finditer(line))
    # keep only the run of number tokens that ends the line
    run: list[re.Match[str]] = []
    end = len(line.rstrip())
    for m in reversed(tokens):
        if line[m.end() : end].strip():
            break
        run.insert(0, m)
        end = m.start()
    head = line[:end].strip()
    if run and len(head) > _MAX_LABEL_WITH_NUMBERS:
        run = []
        head = line.strip()
    cells = []
    if head:
        cells.append(Cell(head, Location(line=lineno, column=line.index(head[0]) + 1, page=page)))
    cells.extend(Cell(m.group(), Location(line=lineno, column=m.start() + 1, page=page)) for m in run)
    return cells


def _split_delimited(line: str, lineno: int, sep: str, markdown: bool) -> list[Cell]:
    parts = line.split(sep)
    if sep == "|":
        if markdown and line.lstrip().startswith("|"):
            first = len(parts[0]) + 1
            parts = parts[1:]
        else:
            first = 0
        if parts and not parts[-1].strip():
            parts.pop()  # the text after the last terminator is not a cell
    else:
        first = 0
    cells = []
    pos = first
    for text in parts:
        stripped = text.strip()
        col = pos + (text.find(stripped) if stripped else 0) + 1
        cells.append(Cell(stripped, Location(lineno, col)))
        pos += len(text) + 1
    return cells


def read_text(text: str, path: str, form: str = "text") -> Document:
    """Split pasted text into rows of cells and prose lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_MD_SEPARATOR.match(line) and "-" in line and "|" in line for line in lines)
    rows: list[Row] = []
    prose: list[Cell] = []
    pipe_rows = single_cell_rows = 0
    for lineno, raw in enumerate(lines, 1):
        line = raw.replace("\u00a0", " ")
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
            stripped = line.strip()
            prose.append(Cell(stripped, Location(line=lineno, column=line.index(stripped[0]) + 1)))
            cells = split_plain(line, lineno)
        rows.append(Row(cells))
    cell_per_line = pipe_rows >= 10 and single_cell_rows >= 0.8 * pipe_rows
    return Document(path=path, form=form, rows=rows, prose=prose, cell_per_line=cell_per_line)
