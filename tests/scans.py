"""Scans made from the corpus, for the OCR tests: pages of a real report rendered with
pypdfium2 and degraded the way a office scanner degrades them (grayscale, a slight rotation,
blur, noise, specks, JPEG), then wrapped in a PDF that has no text layer. Deterministic: a
fixed seed per page, so every run OCRs the same pixels.

`python -m tests.scans OUT.pdf [DPI|damaged]` writes the degraded scan of the Huaian tables (or
the damaged one), to look at or to run `disclosure check` on.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

CORPUS_PDF = Path(__file__).resolve().parent / "corpus" / "2024_huaian_city_govt.pdf"
TABLE_PAGES = (3, 4, 5)  # the Huaian report's tables 2, 3 and 4


def render(pdf: Path, pages: tuple[int, ...], dpi: int):
    """Pages (from 1) as RGB PIL images at `dpi`."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[p - 1].render(scale=dpi / 72).to_pil().convert("RGB") for p in pages]
    finally:
        doc.close()


def degrade(image, seed: int, angle: float | None = None, specks: int = 400, quality: int = 45):
    """A scanner's damage, the same for the same seed: grayscale, rotation by ±0.6–0.9°, blur,
    Gaussian noise, dark specks, JPEG at `quality`."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    if angle is None:
        angle = float(rng.uniform(0.6, 0.9) * rng.choice([-1, 1]))
    gray = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    gray = gray.filter(ImageFilter.GaussianBlur(radius=0.8 * gray.width / 2480))
    pixels = np.asarray(gray, dtype=np.float32) + rng.normal(0, 12, (gray.height, gray.width))
    scale = gray.width / 2480
    for _ in range(specks):
        y, x = int(rng.integers(0, gray.height)), int(rng.integers(0, gray.width))
        r = max(1, int(rng.integers(1, 4) * scale))
        pixels[y : y + r, x : x + r] = rng.uniform(0, 90)
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def image_pdf(images, dpi: int) -> bytes:
    """Images as pages of a PDF without a text layer, as a scanner writes it."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buf.getvalue()


def huaian_scan(dpi: int = 300, damaged: bool = True) -> bytes:
    """The Huaian report's table pages as a scanned PDF (degraded unless `damaged` is False)."""
    images = render(CORPUS_PDF, TABLE_PAGES, dpi)
    if damaged:
        images = [degrade(im, seed=page) for page, im in zip(TABLE_PAGES, images, strict=True)]
    return image_pdf(images, dpi)


def blots(pdf: Path, page: int, words: tuple[str, ...], dpi: int) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (at `dpi`) over the first occurrence of each word on a page of the
    text-layer PDF: where a damaged scan gets its ink blots."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        found = doc.pages[page - 1].extract_words()
    scale = dpi / 72
    out = []
    for word in words:
        w = next(w for w in found if w["text"] == word)
        out.append((int(w["x0"] * scale) - 6, int(w["top"] * scale) - 6, int(w["x1"] * scale) + 6, int(w["bottom"] * scale) + 6))
    return out


BLOTTED = ("108", "351")  # t3.other_handling.other.natural_person, t4.review.total on page 5


def damaged_scan(dpi: int = 300) -> bytes:
    """Pages 4 and 5 of the Huaian report (tables 3 and 4) badly scanned: on page 5 ink blots
    over two numbers (BLOTTED); a stronger tilt, many more specks, JPEG at quality 20."""
    from PIL import ImageDraw

    images = render(CORPUS_PDF, (4, 5), dpi)
    draw = ImageDraw.Draw(images[1])
    for box in blots(CORPUS_PDF, 5, BLOTTED, dpi):
        draw.rectangle(box, fill=(20, 20, 20))
    return image_pdf([degrade(im, seed=50 + n, angle=-1.4, specks=3000, quality=20) for n, im in enumerate(images)], dpi)


if __name__ == "__main__":
    arg = sys.argv[2] if len(sys.argv) > 2 else "300"
    Path(sys.argv[1]).write_bytes(damaged_scan() if arg == "damaged" else huaian_scan(int(arg)))
