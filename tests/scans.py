"""Scans made from the corpus, for the OCR tests: pages of a real report rendered with
pypdfium2 and degraded the way a office scanner degrades them (grayscale, a slight rotation,
blur, noise, specks, JPEG), then wrapped in a PDF that has no text layer. Deterministic: a
fixed seed per page, so every run OCRs the same pixels.

`python -m tests.scans OUT.pdf [DPI]` writes the degraded scan of the Huaian tables, to look at
or to run `disclosure check` on.
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
        images = [degrade(im, seed=page) for page, im in zip(TABLE_PAGES, images)]
    return image_pdf(images, dpi)


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(huaian_scan(int(sys.argv[2]) if len(sys.argv) > 2 else 300))
