"""Print the standard export through LibreOffice: pages exist, Chinese text is there, the
header repeats on every page and nothing of a long cell is lost."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.xlsx import export_workbook

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
    ),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
    ),
]


MARKERS = "①②③④"
_XHTML = "{http://www.w3.org/1999/xhtml}"


def _pdf(xlsx: Path, out: Path) -> Path:
    profile = out / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / (xlsx.stem + ".pdf")
    assert pdf.exists()
    return pdf


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _unique_text(start: int, length: int) -> str:
    """CJK characters that occur nowhere else in the workbook, with line breaks."""
    chars = [chr(0x6A00 + start + k) for k in range(length)]
    for k in range(40, length, 50):
        chars[k] = "\n"
    return "".join(chars)


def _words(pdf: Path) -> list[tuple[int, str, float, float]]:
    """(page, text, yMin, yMax) of every word pdftotext finds."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ElementTree.fromstring(out)
    words = []
    for page_no, page in enumerate(root.iter(f"{_XHTML}page")):
        for word in page.iter(f"{_XHTML}word"):
            words.append(
                (page_no, word.text or "", float(word.get("yMin", 0)), float(word.get("yMax", 0)))
            )
    return words


def _item(level2: str, content: str, basis: str = "") -> Item:
    return Item(
        level1="长文本",
        level2=level2,
        content=content,
        basis=basis,
        channels=["政府网站"],
        audience=["全社会"],
        method=["主动"],
    )


def test_rows_are_tall_enough_when_printed(tmp_path: Path) -> None:
    """LibreOffice keeps a row's height and lets long text overflow (clipped) past it: every
    line of a long cell must print between the one-line marker rows around it."""
    lengths = (30, 120, 260)
    items = [_item("界", MARKERS[0])]
    for n, length in enumerate(lengths):
        items.append(
            _item(f"事项{n}", _unique_text(n * 400, length), _unique_text(n * 400 + 300, 90))
        )
        items.append(_item("界", MARKERS[n + 1]))
    xlsx = tmp_path / "long.xlsx"
    export_workbook(
        Catalog(CatalogMeta(unit="示范镇"), [Domain("custom-1", "长文本测试", items, pilot=False)]),
        xlsx,
    )
    words = _words(_pdf(xlsx, tmp_path))
    marks = {text: (page, (y0 + y1) / 2) for page, text, y0, y1 in words if text in MARKERS}
    assert set(marks) == set(MARKERS[: len(lengths) + 1])
    for n in range(len(lengths)):
        own = set(items[2 * n + 1].content + items[2 * n + 1].basis) - {"\n"}
        boxes = [(page, y0, y1) for page, text, y0, y1 in words if text and set(text) <= own]
        assert boxes and set("".join(t for _, t, _, _ in words if set(t) <= own)) == own
        (above_page, above), (below_page, below) = marks[MARKERS[n]], marks[MARKERS[n + 1]]
        for page, y0, y1 in boxes:
            if page == above_page:
                assert y0 > above, f"事项{n} overflows upwards into the row above"
            if page == below_page:
                assert y1 < below, f"事项{n} overflows downwards into the row below"


def test_standard_export_prints_like_a_published_catalog(
    template_catalog: Catalog, tmp_path: Path
) -> None:
    xlsx = tmp_path / "catalog.xlsx"
    export_workbook(template_catalog, xlsx)
    pages = _pages(_pdf(xlsx, tmp_path))
    assert len(pages) >= 4  # cover + three domains of several pages
    assert "示范镇基层政务公开标准目录" in pages[0] and "本镇无税务机构" in pages[0]
    first = template_catalog.domains[0]
    assert f"示范镇{first.name}领域基层政务公开标准目录" in "".join(pages).replace(" ", "")
    item_pages = [p for p in pages[1:] if "公开对象" in p and "公开方式" in p]
    assert len(item_pages) == len(pages) - 1, "the header must repeat on every printed page"
    assert all("公开渠道和载体" in p and "第" in p and "页" in p for p in item_pages)
    lines = "\n".join(pages).replace(" ", "")
    for item in first.items:
        # a narrow 二级事项 column wraps names after two or three characters, and wrapped
        # cells interleave in the text: the start of each name prints on one line
        assert item.level2[:2] in lines
    assert "■12345政务服务热线" in lines  # the last line of the tallest channel cell
    assert "■" in lines and "√" in lines


# Pages of the 26 bundled templates printed through LibreOffice at 100 % (9-point text, no
# fit-to-width), cover included: 56 with the full ■/□ list (75 with one set of widths for
# every sheet), 52 with the ticked channels only (57). Every domain sheet starts a page, so
# 26 domains of 8–13 items take 1 + 26 × 2 = 53 pages unless a page holds a whole domain.
# Run on (PageFlow.CONTINUOUS: one sheet, one set of widths, domains sharing pages): 56 and
# 43 — the full list gains nothing (its 13 names take six lines in every row, whatever the
# widths), the compact list saves 9 pages.
# A change that makes the printout longer must be a deliberate one.
FULL_PAGES = 56  # 292 items of the converted templates (2026-12-06)
COMPACT_PAGES = 52
CONTINUOUS_FULL_PAGES = 56
CONTINUOUS_COMPACT_PAGES = 43


def _excel_metrics() -> bool:
    """Column widths are in units of Calibri's digit: without Carlito (its metric twin)
    LibreOffice measures them in a wider font and the page count means nothing."""
    found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
    return "Carlito" in found


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("CI", "").lower() != "true"
    and (shutil.which("fc-match") is None or not _excel_metrics()),
    reason="fonts-crosextra-carlito 未安装（scripts/bootstrap.sh 在 ZWGK_WITH_OFFICE=1 时安装）",
)
@pytest.mark.parametrize(
    ("channels", "flow", "most"),
    [
        ("full", "domain", FULL_PAGES),
        ("compact", "domain", COMPACT_PAGES),
        ("full", "continuous", CONTINUOUS_FULL_PAGES),
        ("compact", "continuous", CONTINUOUS_COMPACT_PAGES),
    ],
)
def test_the_26_templates_print_at_full_size(
    tmp_path: Path, channels: str, flow: str, most: int
) -> None:
    catalog = new_catalog(CatalogMeta(unit="示范镇人民政府", region="示范县"))
    xlsx = tmp_path / f"templates-{channels}-{flow}.xlsx"
    export_workbook(catalog, xlsx, channels=channels, flow=flow)
    pages = _pages(_pdf(xlsx, tmp_path))
    assert len(pages) <= most
    for page in pages[1:]:  # title (domain and unit) and footer on every page
        flat = page.replace(" ", "")
        assert "示范镇" in flat and "领域基层政务公开标准目录" in flat
        assert f"共{len(pages)}页" in flat and "示范镇人民政府" in flat
    if channels == "compact":
        assert "□" not in "".join(pages)
