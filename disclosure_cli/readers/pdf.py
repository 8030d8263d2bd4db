"""PDF with a text layer → rows of cells and prose.

Measured on the corpus (see README, Performance): the text layer alone (pypdfium2 or
pdfminer) loses the table structure: table 3's labels wrap over several lines, group labels
come out one character per line, a row's numbers land on their own line, between or after the
pieces of its label. pdfplumber recovers the ruled grid (merged cells included), so each
table row arrives whole, like an HTML row. Text outside the tables is read as lines
(prose, headings, page footers dropped). Tables and lines are merged in reading order.
"""

from __future__ import annotations

import re

from ..model import Cell, Document, InputError, Location, Row
from .text import split_plain

MAX_PAGES = 300
_FOOTER = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")


def read_pdf(data: bytes, path: str, ocr: str = "auto") -> Document:
    """`ocr`: "auto" OCRs the pages without a text layer (when the `ocr` extra is installed),
    "always" every page, "never" none (readers/ocr.py)."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{path}: encrypted PDF (remove the password first) / PDF已加密，请先去除密码") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: corrupt or truncated PDF ({type(e).__name__}) / PDF文件损坏或不完整") from None
    except Exception as e:  # pdfplumber wraps pdfminer's errors in PdfminerException
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e.__cause__ or e
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in repr(inner).lower():
            raise InputError(f"{path}: encrypted PDF (remove the password first) / PDF已加密，请先去除密码") from None
        raise InputError(f"{path}: corrupt or truncated PDF ({type(inner).__name__}) / PDF文件损坏或不完整") from None
    with pdf:
        if len(pages) > MAX_PAGES:
            raise InputError(f"{path}: PDF has {len(pages)} pages (more than {MAX_PAGES}: not an annual report?) / 页数过多，不像年度报告")
        rows: list[Row] = []
        prose: list[Cell] = []
        tables = 0
        try:
            scans = [n for n, page in enumerate(pages, 1) if ocr == "always" or not page.chars]
        except Exception as e:
            raise InputError(f"{path}: corrupt or unreadable PDF page ({type(e).__name__}) / PDF页面损坏") from None
        if scans and ocr != "never":
            from . import ocr as scan

            if not scan.installed():
                if len(scans) == len(pages):
                    raise scan.needs_extra(path, "PDF has no text layer (a scan?)")
                scans = []  # the pages with text are read; the scanned ones need the extra
            images = scan.pdf_pages(data, path, set(scans)) if scans else iter(())
        elif len(scans) == len(pages):
            raise InputError(f"{path}: PDF has no text layer (a scan?): it needs OCR, which --ocr never turns off "
                             "/ PDF没有文字层（扫描件），需做文字识别，但 --ocr never 已关闭")
        else:
            scans, images = [], iter(())
        try:
            for number, page in enumerate(pages, 1):
                if number in scans:
                    _, gray = next(images)
                    items, found = scan.ocr_page(gray, number, path, tables)
                    tables += found
                else:
                    items = []
                    for t in page.find_tables():
                        tables += 1
                        t_rows, t_prose = _grid_rows(t.extract(), number, tables)
                        items.append((t.bbox[1], t_rows, t_prose))
                        page = page.outside_bbox(t.bbox)
                    for lineno, line in enumerate(page.extract_text_lines(return_chars=False), 1):
                        text = line["text"].strip()
                        if not text or _FOOTER.match(text):
                            continue
                        cells = split_plain(text, lineno, page=number)
                        cell = Cell(text, Location(page=number, line=lineno))
                        items.append((line["top"], [Row(cells, wrapped=True)], [cell]))
                    items.sort(key=lambda it: it[0])
                for _, r, p in items:
                    rows.extend(r)
                    prose.extend(p)
        except InputError:
            raise
        except Exception as e:
            raise InputError(f"{path}: corrupt or unreadable PDF page ({type(e).__name__}) / PDF页面损坏") from None
        if scans:
            images.close()
    return Document(path=path, form="pdf", rows=rows, prose=prose)


def _grid_rows(grid: list[list[str | None]], page: int, table: int) -> tuple[list[Row], list[Cell]]:
    """A ruled table: None marks a merged (spanned) position, emitted nowhere. A row whose
    only text is one cell is a framed paragraph or heading (pages drawn inside a frame,
    one-column boxes): it is prose as well."""
    rows: list[Row] = []
    prose: list[Cell] = []
    for r, cells in enumerate(grid, 1):
        out = []
        for c, text in enumerate(cells, 1):
            if text is None:
                continue
            out.append(Cell(" ".join(text.split()), Location(page=page, table=table, row=r, col=c)))
        filled = [cell for cell in out if cell.text]
        if len(filled) == 1 and not filled[0].text[:1].isdigit():
            prose.append(filled[0])
        if out:
            rows.append(Row(out, table=table))
    return rows, prose
