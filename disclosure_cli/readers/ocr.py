"""Scanned reports (a PDF without a text layer, or page images) → rows of cells, by OCR.

Optional: needs `pip install 'disclosure[ocr]'` (rapidocr with onnxruntime and OpenCV; the
PP-OCR models ship inside the wheel, nothing is downloaded). Nothing here is imported until a
scan is read, so the CLI starts as fast without the extra as with it.

Why this design (measured on the Huaian 2024 tables, rendered and degraded like a scan; see
README "Scanned reports"): OCR of a whole page finds the text well but knows nothing of the
table, and table 3's numbers only mean something by their row and column. So the ruling lines
are found first (adaptive threshold and morphology, after deskewing by the median angle of
the long horizontal lines), the regions between them are the cells, and each text box the
page pass found is put in the cell holding its centre. A cell the page pass left blank while
it holds ink, or read with low confidence, or read as something that is not a number where a
number belongs, is read again on its own crop. The rows then go to the same locator as a
PDF's ruled tables. Every cell says it was OCR'd, with the engine's confidence and its box; a
value whose confidence is low is null with S-CELL (locate/values.py), never a guess.
"""

from __future__ import annotations

import bisect
import difflib
import importlib.util
import io
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..model import Cell, Document, InputError, Location, Row
from ..normalize import label, value
from .text import split_plain

EXTRA = "pip install 'disclosure[ocr]'"
MAX_PAGES = 40  # pages OCR'd per file: an annual report's tables fill a few; a scan of more is refused
MAX_PIXELS = 60_000_000  # per page: A3 at 400 dpi; a 20,000 × 20,000 image is refused before decoding
PAGE_SECONDS = 120  # per page: a page that takes longer is refused (a normal page takes seconds)
DPI = 300  # PDF pages are rendered at this resolution (the study: 300 dpi read every value)
A4_WIDTH = 2480  # pixels of an A4 page at 300 dpi: sizes below are for that, scaled to the page
SPECK_AREA = 40  # dark pixels of the largest speck (dust, noise) at that scale; a digit "1" has hundreds
WORKER_BYTES = 1 << 30  # memory one OCR process needs (measured about 0.9 GB peak; README)
# What a speck next to a number is read as. Before the digits `.` and `,` are kept (`.5` may be
# 0.5 with its 0 lost: unreadable, never 5), and a sign is never a speck (本年增/减 has signs).
_SPECKS = "·'`:;，。、‘’“”\"_~"
_NUMBERISH = re.compile(r"^[\d.,，·'`:;。、‘’\"_~\s-]+$")


def installed() -> bool:
    """Whether the `ocr` extra is there (without importing it: that takes a second)."""
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime", "cv2"))


def needs_extra(path: str, what: str) -> InputError:
    return InputError(f"{path}: {what}: reading it needs OCR: {EXTRA} / 扫描件需文字识别，请安装 ocr 扩展")


def workers(jobs: int) -> int:
    """Processes that fit in memory when each may OCR (about 1 GB each), at most `jobs`."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            free = next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
    except (OSError, StopIteration, ValueError):
        return jobs
    return max(1, min(jobs, free // WORKER_BYTES))


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in page pixels: left, top, right, bottom."""

    x0: int
    y0: int
    x1: int
    y1: int

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x < self.x1 and self.y0 <= y < self.y1


@dataclass(slots=True)
class Text:
    """One text box the engine read: its text, confidence and box."""

    text: str
    score: float
    box: Box


@dataclass(slots=True)
class OcrCell:
    """A cell found between ruling lines: grid position (from 1), box, what was read in it."""

    row: int
    col: int
    box: Box
    texts: list[Text]


# --- pages -------------------------------------------------------------------------------


def pdf_pages(data: bytes, path: str, only: set[int] | None) -> Iterator[tuple[int, object]]:
    """(page number, grayscale image) of a PDF's pages (`only`: these pages), rendered at DPI."""
    import numpy as np
    import pypdfium2

    try:
        doc = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as e:
        raise InputError(f"{path}: corrupt or unreadable PDF ({e}) / PDF文件损坏或不完整") from None
    try:
        numbers = [n for n in range(1, len(doc) + 1) if only is None or n in only]
        if len(numbers) > MAX_PAGES:
            raise InputError(f"{path}: {len(numbers)} pages to OCR (more than {MAX_PAGES}: not an annual report?) / 待识别页数过多")
        for n in numbers:
            page = doc[n - 1]
            w, h = page.get_size()
            scale = DPI / 72
            if w * scale * h * scale > MAX_PIXELS:
                raise InputError(f"{path}: page {n} is {w / 72:.0f} × {h / 72:.0f} inches: too large to OCR at {DPI} dpi / 页面过大，无法识别")
            image = page.render(scale=scale, grayscale=True).to_numpy()
            yield n, np.ascontiguousarray(image[:, :, 0] if image.ndim == 3 else image)
    finally:
        doc.close()


def image_pages(data: bytes, path: str) -> Iterator[tuple[int, object]]:
    """(page number, grayscale image) of a PNG, JPEG or (multi-page) TIFF. The size is checked
    from the header, before any pixel is decoded."""
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        bomb_cap, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our own cap below, our own message
        try:
            image = Image.open(io.BytesIO(data))
        finally:
            Image.MAX_IMAGE_PIXELS = bomb_cap
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_PAGES:
            raise InputError(f"{path}: image has {frames} pages (more than {MAX_PAGES}) / 图片页数过多")
        for n, frame in enumerate(ImageSequence.Iterator(image), 1):
            w, h = frame.size
            if w * h > MAX_PIXELS:
                raise InputError(f"{path}: page {n} is {w} × {h} pixels (more than {MAX_PIXELS // 1_000_000} million): "
                                 "too large to OCR / 图片过大，无法识别")
            yield n, np.asarray(frame.convert("L"))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise InputError(f"{path}: corrupt or unreadable image ({type(e).__name__}) / 图片损坏，无法读取") from None


# --- geometry ----------------------------------------------------------------------------


def deskew(gray):
    """The page turned level: the median angle of the long horizontal lines (table rulings),
    which a scanner rotates with the text. A page without such lines is left as it is."""
    import cv2
    import numpy as np

    h, w = gray.shape
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1)))
    lines = cv2.HoughLinesP(horizontal, 1, np.pi / 1800, threshold=w // 8, minLineLength=w // 4, maxLineGap=w // 100)
    if lines is None:
        return gray
    angles = [np.degrees(np.arctan2(y2 - y1, x2 - x1)) for x1, y1, x2, y2 in lines.reshape(-1, 4)]
    angles = [a for a in angles if abs(a) < 5]
    if not angles:
        return gray
    angle = float(np.median(angles))
    if abs(angle) < 0.05:
        return gray
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, turn, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def tables(gray) -> list[list[OcrCell]]:
    """The ruled tables of a page, each as its cells (the regions between ruling lines) with
    grid positions: a merged cell keeps the row and column where it starts, as pdfplumber does."""
    import cv2
    import numpy as np

    h, w = gray.shape
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 30), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 80))))
    rulings = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    out = []
    count, _, stats, _ = cv2.connectedComponentsWithStats(rulings, connectivity=8)
    for i in range(1, count):
        x, y, bw, bh, _ = stats[i]
        if bw < w // 4 or bh < h // 40:
            continue  # a stray line, an underline: not a table frame
        frame = rulings[y : y + bh, x : x + bw]
        n, labels, cstats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(frame), connectivity=4)
        boxes = []
        min_side = max(12, w // 200)
        for j in range(1, n):
            cx, cy, cw, ch, _ = cstats[j]
            touches = cx == 0 or cy == 0 or cx + cw == bw or cy + ch == bh
            if touches or cw < min_side or ch < min_side:
                continue  # outside the frame, or a sliver between doubled lines
            boxes.append(Box(int(x + cx), int(y + cy), int(x + cx + cw), int(y + cy + ch)))
        if len(boxes) >= 2:
            out.append(_grid(boxes, tolerance=max(8, w // 150)))
    out.sort(key=lambda cells: min(c.box.y0 for c in cells))
    return out


def _grid(boxes: list[Box], tolerance: int) -> list[OcrCell]:
    """Row and column numbers from the cells' top and left edges, clustered."""
    rows = _clusters([b.y0 for b in boxes], tolerance)
    cols = _clusters([b.x0 for b in boxes], tolerance)
    cells = [OcrCell(_rank(rows, b.y0), _rank(cols, b.x0), b, []) for b in boxes]
    cells.sort(key=lambda c: (c.row, c.col))
    return cells


def _clusters(values: list[int], tolerance: int) -> list[int]:
    starts: list[int] = []
    for v in sorted(values):
        if not starts or v - starts[-1] > tolerance:
            starts.append(v)
    return starts


def _rank(starts: list[int], v: int) -> int:
    return max(1, bisect.bisect_right(starts, v))


def ink(gray, box: Box) -> Box | None:
    """The box around what a cell holds, inside its borders, leaving out specks (dust,
    scanner noise); None for an empty cell."""
    import cv2

    m = max(4, (box.y1 - box.y0) // 12)
    crop = gray[box.y0 + m : box.y1 - m, box.x0 + m : box.x1 - m]
    if crop.size == 0:
        return None
    dark = cv2.adaptiveThreshold(crop, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    speck = SPECK_AREA * (gray.shape[1] / A4_WIDTH) ** 2
    parts = [stats[i] for i in range(1, n) if stats[i][4] > speck]
    if not parts:
        return None
    return Box(box.x0 + m + min(p[0] for p in parts), box.y0 + m + min(p[1] for p in parts),
               box.x0 + m + max(p[0] + p[2] for p in parts), box.y0 + m + max(p[1] + p[3] for p in parts))


# --- the engine --------------------------------------------------------------------------


@cache
def engine():
    """The OCR engine, loaded once per process (about 1 s): detection and recognition models
    that ship in rapidocr's wheel; no angle classifier (table text is upright once deskewed).
    onnxruntime's threads are the process's share of the cores."""
    import logging

    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    threads = int(os.environ.get("DISCLOSURE_OCR_THREADS", "0")) or -1
    return RapidOCR(params={
        "Global.log_level": "error",
        "Global.use_cls": False,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


def recognise(image) -> list[Text]:
    """Text boxes of a page."""
    import cv2

    # The steps are named on every call: rapidocr keeps them from one call to the next.
    result = engine()(cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), use_det=True, use_cls=False, use_rec=True)
    if getattr(result, "boxes", None) is None:  # nothing found (a blank page)
        return []
    out = []
    for points, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        box = Box(int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))
        out.append(Text(text.strip(), float(score), box))
    return out


def recognise_line(image) -> tuple[str, float]:
    """One line of text cropped tight (a cell's content): recognition alone, no detection."""
    import cv2

    framed = cv2.copyMakeBorder(image, 8, 8, 8, 8, cv2.BORDER_CONSTANT, value=255)
    result = engine()(cv2.cvtColor(framed, cv2.COLOR_GRAY2RGB), use_det=False, use_cls=False, use_rec=True)
    if not getattr(result, "txts", None):
        return "", 0.0
    return " ".join(t.strip() for t in result.txts), min(float(s) for s in result.scores)


class _Deadline:
    """The per-page time cap: SIGALRM in the main thread (the engine returns to Python between
    its steps, where the alarm lands), else a check between steps."""

    def __init__(self, path: str, page: int) -> None:
        self.path, self.page = path, page
        self.end = time.monotonic() + PAGE_SECONDS
        self.alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM")

    def _expired(self, *_: object) -> None:
        raise InputError(f"{self.path}: page {self.page}: OCR took longer than {PAGE_SECONDS} s; stopped / 识别超时")

    def __enter__(self) -> _Deadline:
        if self.alarm:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, PAGE_SECONDS)
        return self

    def check(self) -> None:
        if time.monotonic() > self.end:
            self._expired()

    def __exit__(self, *_: object) -> None:
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


# --- cells -------------------------------------------------------------------------------


def joined(texts: list[Text]) -> tuple[str, float]:
    """The text boxes of one cell in reading order (lines top to bottom), joined by spaces (two
    numbers in one cell stay two, and read as unreadable), and the lowest confidence."""
    if not texts:
        return "", 1.0
    words = [t.text for _, line in _lines(texts) for t in line if t.text]
    return " ".join(words), min(t.score for t in texts)


def despeck(text: str) -> str:
    """A number with specks read as punctuation at its ends (`·12`, `3001.`) is the number;
    punctuation inside it stays (a decimal point, digit grouping) for the number grammar."""
    if _NUMBERISH.match(text) and any(ch.isdigit() for ch in text):
        return text.lstrip(_SPECKS + " ").rstrip(_SPECKS + ".,- ")
    return text


def looks_numeric(text: str) -> bool:
    return bool(text) and value(despeck(text)).kind == "number"


def read_cell(gray, cell: OcrCell, deadline: _Deadline) -> tuple[str, float]:
    """A cell's text and confidence: from the page pass, or from a read of the cell's content
    alone when the page pass left it blank while it holds ink, or unsure, or half a number."""
    text, score = joined(cell.texts)
    text = despeck(text)
    if text and score >= REREAD_BELOW and (looks_numeric(text) or not _NUMBERISH.match(text)):
        return text, score
    content = ink(gray, cell.box)
    if content is None:
        return (text, score) if text else ("", 1.0)
    if content.y1 - content.y0 > 2.5 * _line_height(cell.texts, content):
        return (text, score) if text else ("□", 0.0)  # several lines: not one number to read alone
    deadline.check()
    again, again_score = recognise_line(gray[content.y0 : content.y1, content.x0 : content.x1])
    again = despeck(again)
    if again and (again_score > score or not text):
        return again, again_score
    return (text, score) if text else ("□", 0.0)  # ink the engine cannot read: unreadable, never blank


def _line_height(texts: list[Text], content: Box) -> int:
    return max((t.box.y1 - t.box.y0 for t in texts), default=content.y1 - content.y0)


REREAD_BELOW = 0.95  # a cell read less surely than this by the page pass is read again alone


# --- labels ------------------------------------------------------------------------------


@cache
def _official_labels() -> tuple[tuple[str, str], ...]:
    """(normalised, printed) of every row label and frame label the templates know."""
    from ..templates import T2_ANCHORS, T3_NOTE, TEMPLATES, all_t3_rows, frame_labels

    printed = [r.label for t in TEMPLATES.values() for b in t.t2 for r in b.rows]
    printed += [b.caption for t in TEMPLATES.values() for b in t.t2]
    printed += [r.label for r in all_t3_rows()]
    printed += [T3_NOTE, *frame_labels()]
    out = {label(p): p for p in printed}
    out.update({a: a for a in T2_ANCHORS})
    return tuple(out.items())


def fix_label(text: str) -> str:
    """A label the engine misread by a character or two (`行政许司`) → the template's label, when
    one is clearly the closest; anything else is left as read. Labels only: values never."""
    norm = label(text)
    if len(norm) < 4 or value(text).kind != "text":
        return text
    official = _official_labels()
    if any(n == norm for n, _ in official):
        return text
    best, best_ratio = None, 0.0
    for n, printed in official:
        ratio = difflib.SequenceMatcher(None, norm, n, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = printed, ratio
    return best if best is not None and best_ratio >= LABEL_RATIO else text


LABEL_RATIO = 0.75  # similarity (difflib) from which a misread label is the template's: 3 of 4 characters


# --- the reader --------------------------------------------------------------------------


def read_page(gray, number: int, path: str, first_table: int) -> tuple[list[tuple[int, list[Row], list[Cell]]], int]:
    """One page: its tables as grid rows and the text outside them as lines, each with its top
    (for reading order); returns them and the number of tables read."""
    with _Deadline(path, number) as deadline:
        gray = deskew(gray)
        grids = tables(gray)
        texts = recognise(gray)
        deadline.check()
        items: list[tuple[int, list[Row], list[Cell]]] = []
        table_no = first_table
        placed: set[int] = set()
        for cells in grids:
            table_no += 1
            for cell in cells:
                for i, t in enumerate(texts):
                    if i not in placed and cell.box.holds((t.box.x0 + t.box.x1) / 2, (t.box.y0 + t.box.y1) / 2):
                        cell.texts.append(t)
                        placed.add(i)
            rows: dict[int, list[Cell]] = {}
            for cell in cells:
                text, score = read_cell(gray, cell, deadline)
                if not looks_numeric(text):
                    text = fix_label(text)
                b = cell.box
                loc = Location(page=number, table=table_no, row=cell.row, col=cell.col, method="ocr",
                               confidence=round(score, 3), box=(b.x0, b.y0, b.x1, b.y1))
                rows.setdefault(cell.row, []).append(Cell(" ".join(text.split()), loc))
            top = min(c.box.y0 for c in cells)
            grid_rows = [Row(rows[r], table=table_no) for r in sorted(rows)]
            prose = [c for r in grid_rows for c in r.cells if c.text and not looks_numeric(c.text)
                     and sum(1 for x in r.cells if x.text) == 1]
            items.append((top, grid_rows, prose))
        for lineno, (top, line) in enumerate(_lines([t for i, t in enumerate(texts) if i not in placed]), 1):
            text = fix_label(" ".join(t.text for t in line))
            box = Box(min(t.box.x0 for t in line), top, max(t.box.x1 for t in line), max(t.box.y1 for t in line))
            if not text or _FOOTER.match(text):
                continue
            loc = Location(page=number, line=lineno, method="ocr", confidence=round(min(t.score for t in line), 3),
                           box=(box.x0, box.y0, box.x1, box.y1))
            cells = [Cell(c.text, loc) for c in split_plain(text, lineno, page=number)]
            items.append((top, [Row(cells, wrapped=True)], [Cell(text, loc)]))
        items.sort(key=lambda it: it[0])
        return items, table_no - first_table


_FOOTER = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")


def _lines(texts: list[Text]) -> list[tuple[int, list[Text]]]:
    """Text boxes outside the tables grouped into lines (boxes whose middles overlap vertically)."""
    out: list[tuple[int, list[Text]]] = []
    for t in sorted(texts, key=lambda t: (t.box.y0, t.box.x0)):
        mid = (t.box.y0 + t.box.y1) / 2
        if out and out[-1][1][0].box.y0 <= mid <= out[-1][1][0].box.y1:
            out[-1][1].append(t)
        else:
            out.append((t.box.y0, [t]))
    return [(top, sorted(line, key=lambda t: t.box.x0)) for top, line in out]


def ocr_page(gray, number: int, path: str, first_table: int) -> tuple[list[tuple[int, list[Row], list[Cell]]], int]:
    """read_page, with the engine's own failures (not the file's) as one line naming the page."""
    try:
        return read_page(gray, number, path, first_table)
    except InputError:
        raise
    except Exception as e:
        raise InputError(f"{path}: page {number}: OCR failed ({type(e).__name__}: {e}) / 文字识别失败") from None


def read_images(data: bytes, path: str) -> Document:
    """A page image (PNG, JPEG, TIFF with one or more pages) → Document, the form a PDF's
    ruled tables take."""
    if not installed():
        raise needs_extra(path, "an image (a scanned page?)")
    rows: list[Row] = []
    prose: list[Cell] = []
    count = 0
    for number, gray in image_pages(data, path):
        items, found = ocr_page(gray, number, path, count)
        count += found
        for _, r, p in items:
            rows.extend(r)
            prose.extend(p)
    return Document(path=path, form="image", rows=rows, prose=prose)
