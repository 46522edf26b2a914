"""Render the hand-drawn SVG icons into the PNG sizes and Windows .ico files the installers need.

Run from the repository root after editing an SVG, then commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Rendering uses Qt's own SVG renderer (no extra tools). The .ico container is written here
by hand because Qt's ICO plugin stores only one image per file, while Windows picks the
best of several: sizes below 256 are stored as 32-bit BMP (read by every Windows tool,
including old resource editors), 256 as PNG (the Vista+ convention).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
# (svg stem, output stem): the application icon and the .zwgk document icon.
ICONS = (("zwgk", "zwgk"), ("zwgk-document", "zwgk-document"))


def render(svg: Path, size: int) -> QImage:
    """Rasterise ``svg`` into a transparent ``size``×``size`` image (non-premultiplied ARGB)."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"无法读取 SVG：{svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _bgra_rows(image: QImage) -> list[bytes]:
    """Top-down rows of BGRA bytes (ARGB32 is B,G,R,A in memory on little-endian machines)."""
    width = image.width()
    raw = bytes(image.constBits())
    stride = image.bytesPerLine()
    if sys.byteorder != "little":  # pragma: no cover - every supported build host is LE
        raise SystemExit("make_icons.py 需要在小端机器上运行")
    return [raw[y * stride : y * stride + width * 4] for y in range(image.height())]


def bmp_entry(image: QImage) -> bytes:
    """An ICO image entry as a 32-bit DIB: header, bottom-up BGRA rows, then the AND mask."""
    size = image.width()
    rows = _bgra_rows(image)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(reversed(rows))
    mask_stride = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_stride)
        for x in range(size):
            if row[x * 4 + 3] == 0:  # fully transparent pixel: set its mask bit
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    return header + pixels + bytes(mask)


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("PNG 编码失败")
    buffer.close()
    return bytes(data.data())


def write_ico(images: dict[int, QImage], target: Path) -> None:
    """Write a multi-size .ico: ICONDIR, one ICONDIRENTRY per size, then the image data."""
    entries = []
    for size in sorted(images):
        image = images[size]
        entries.append((size, png_bytes(image) if size >= 256 else bmp_entry(image)))
    offset = 6 + 16 * len(entries)
    head = struct.pack("<HHH", 0, 1, len(entries))
    directory = b""
    blobs = b""
    for size, blob in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO format
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    target.write_bytes(head + directory + blobs)


def make_all(out_dir: Path) -> list[Path]:
    """Render every icon into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for svg_stem, out_stem in ICONS:
        svg = ICON_DIR / f"{svg_stem}.svg"
        images = {size: render(svg, size) for size in SIZES}
        for size, image in images.items():
            png = out_dir / f"{out_stem}-{size}.png"
            png.write_bytes(png_bytes(image))
            written.append(png)
        ico = out_dir / f"{out_stem}.ico"
        write_ico(images, ico)
        written.append(ico)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="由 SVG 生成各尺寸 PNG 与 Windows 图标（.ico）")
    parser.add_argument(
        "--out", type=Path, default=ICON_DIR, help="输出目录（默认 resources/icons）"
    )
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    for path in make_all(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
