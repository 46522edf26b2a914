"""The app's PDF as the workbook prints: compact channels, the continuous page flow, and the
page counts of the 26 bundled templates kept as ceilings."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.titles import domain_title
from zwgk_desktop.core.xlsx.result import ChannelStyle, PageFlow
from zwgk_desktop.gui.print_html import (
    CONTINUED,
    FOOTER_DOMAIN_CHARS,
    PrintSection,
    footer_domains,
    print_sections,
)
from zwgk_desktop.gui.printing import (
    PROGRESS_STEPS,
    PrintCancelled,
    page_layout,
    paint_html,
    render_pdf,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

UNIT = "示范镇人民政府"
# Pages of the 26 bundled templates (292 items, cover page included) in the app's PDF,
# measured 2026-12-06 with 9-point text and the workbook's fitted widths (before: 59 pages
# at 8 points, full list, by domain). Items a page = 292 / (pages - 1):
#   full    by domain 57 (5.2)   continuous 55 (5.4)
#   compact by domain 54 (5.5)   continuous 42 (7.1)
# A longer printout must be a deliberate change: raise a ceiling only with a reason.
PAGE_CEILINGS = {
    (ChannelStyle.FULL, PageFlow.BY_DOMAIN): 57,
    (ChannelStyle.FULL, PageFlow.CONTINUOUS): 55,
    (ChannelStyle.COMPACT, PageFlow.BY_DOMAIN): 54,
    (ChannelStyle.COMPACT, PageFlow.CONTINUOUS): 42,
}


def page_texts(path: Path) -> list[str]:
    """Each page's text without whitespace (cells wrap wherever the layout puts them)."""
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f")][:-1]


@pytest.fixture(scope="module")
def templates() -> Catalog:
    return new_catalog(CatalogMeta(unit=UNIT, region="示范县"))


@pytest.fixture(scope="module")
def printed(templates, tmp_path_factory, qapp) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """The templates rendered in the four combinations: (pages, page texts)."""
    folder = tmp_path_factory.mktemp("printed")
    result = {}
    for channels, flow in PAGE_CEILINGS:
        target = folder / f"{channels}-{flow}.pdf"
        pages = render_pdf(templates, target, channels=channels, flow=flow)
        result[(channels, flow)] = (pages, page_texts(target))
    return result


@pytest.mark.parametrize(("channels", "flow"), list(PAGE_CEILINGS))
def test_template_page_counts_stay_within_the_measured_ceilings(printed, channels, flow):
    pages, texts = printed[(channels, flow)]
    assert len(texts) == pages
    assert pages <= PAGE_CEILINGS[(channels, flow)]


def test_compact_and_continuous_each_save_pages(printed):
    full = printed[(ChannelStyle.FULL, PageFlow.BY_DOMAIN)][0]
    assert printed[(ChannelStyle.COMPACT, PageFlow.BY_DOMAIN)][0] < full
    assert printed[(ChannelStyle.FULL, PageFlow.CONTINUOUS)][0] < full
    assert (
        printed[(ChannelStyle.COMPACT, PageFlow.CONTINUOUS)][0]
        < printed[(ChannelStyle.COMPACT, PageFlow.BY_DOMAIN)][0]
    )


@pytest.mark.parametrize(("channels", "flow"), list(PAGE_CEILINGS))
def test_every_page_names_the_unit_its_domains_and_the_page(templates, printed, channels, flow):
    pages, texts = printed[(channels, flow)]
    titles = {domain_title(templates, d): d.name for d in templates.domains}
    for number, text in enumerate(texts[1:], start=2):  # the cover has the table of domains
        assert f"第{number}页共{pages}页" in text
        assert UNIT in text
        on_page = [name for title, name in titles.items() if title in text]
        assert on_page, f"page {number} names no domain title"
        assert text.endswith(footer_domains(on_page)), f"page {number} footer"


def test_compact_lists_only_the_ticked_channels(printed):
    _, full = printed[(ChannelStyle.FULL, PageFlow.BY_DOMAIN)]
    _, compact = printed[(ChannelStyle.COMPACT, PageFlow.BY_DOMAIN)]
    assert "□" in "".join(full)
    assert "□" not in "".join(compact) and "■政府网站" in "".join(compact)


def test_continuation_pages_say_so_and_domains_run_on(templates, printed):
    _, texts = printed[(ChannelStyle.COMPACT, PageFlow.CONTINUOUS)]
    titles = [domain_title(templates, d) for d in templates.domains]
    continued = [t for t in texts[1:] if any(title + CONTINUED in t for title in titles)]
    shared = [t for t in texts[1:] if sum(title in t for title in titles) > 1]
    assert continued and shared  # some pages carry a domain on, some hold two domains
    _, by_domain = printed[(ChannelStyle.COMPACT, PageFlow.BY_DOMAIN)]
    assert CONTINUED not in "".join(by_domain)  # each domain's pages as before
    assert not any(sum(title in t for title in titles) > 1 for t in by_domain[1:])


def tagged_catalog(domains: int = 3, per_domain: int = 14) -> Catalog:
    """Items of very different heights whose first and last words are tagged."""
    catalog = Catalog(meta=CatalogMeta(unit="城关镇人民政府"), domains=[])
    for d in range(domains):
        items = []
        for n in range(per_domain):
            k = d * per_domain + n
            body = "申请条件、申请材料、办理流程、办理时限。" * (1 + (k * 7) % 9)
            items.append(
                Item(
                    level1=f"一级{n // 5}",
                    level2=f"首{k:03d}",
                    content=f"{body}尾{k:03d}",
                    channels=["政府网站", "便民服务站"],
                    audience=["全社会"],
                    method=["主动"],
                    level=["乡级"],
                )
            )
        name = ["养老服务", "公共法律服务", "社会救助", "就业"][d % 4]
        catalog.domains.append(Domain(id=f"d{d}", name=name, items=items))
    return catalog


def test_continuous_flow_never_splits_an_item(qtbot, tmp_path):
    catalog = tagged_catalog()
    target = tmp_path / "接续.pdf"
    pages = render_pdf(catalog, target, channels="compact", flow="continuous")
    texts = page_texts(target)
    assert len(texts) == pages >= 5
    for k in range(3 * 14):
        first = [p for p, t in enumerate(texts) if f"首{k:03d}" in t]
        last = [p for p, t in enumerate(texts) if f"尾{k:03d}" in t]
        assert first == last and len(first) == 1, f"item {k} split: {first} {last}"
    for number, text in enumerate(texts[1:], start=2):
        assert "城关镇人民政府" in text and f"第{number}页共{pages}页" in text
        assert "一级事项" in text  # every page has the header
    # fewer pages than each domain on its own pages, and a page shared by two domains
    apart = render_pdf(catalog, tmp_path / "分.pdf", channels="compact")
    assert pages < apart
    assert any(t.endswith("养老服务、公共法律服务") for t in texts)


def test_a_script_cell_stays_text_in_the_continuous_compact_pdf(qtbot, tmp_path):
    catalog = tagged_catalog(domains=2, per_domain=3)
    catalog.domains[1].items[0].content = "<script>alert(1)</script>"
    catalog.domains[1].items[0].level1 = "<b>粗</b>"
    target = tmp_path / "x.pdf"
    render_pdf(catalog, target, channels="compact", flow="continuous")
    text = "".join(page_texts(target))
    # printed literally (the narrow columns may wrap the rest of it), never as markup
    assert "<script>" in text and "<b>" in text and "&lt;" not in text
    html = PrintSection(catalog, catalog.domains[1], compact=True).body(continued=True)
    assert "<script>" not in html and "&lt;script&gt;" in html and CONTINUED in html


def test_paint_html_channels_override_the_sections(qtbot, tmp_path):
    catalog = tagged_catalog(domains=1, per_domain=2)
    target = tmp_path / "p.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageLayout(page_layout())
    sections = print_sections(catalog)  # full list
    paint_html(sections, writer, channels=ChannelStyle.COMPACT, flow=PageFlow.CONTINUOUS)
    del writer
    text = "".join(page_texts(target))
    assert "■便民服务站" in text and "□" not in text


def test_footer_domains_joins_and_shortens():
    assert footer_domains(["养老服务", "公共法律服务", "养老服务"]) == "养老服务、公共法律服务"
    many = footer_domains([f"很长的领域名称第{n}个" for n in range(8)])
    assert len(many) <= FOOTER_DOMAIN_CHARS and many.endswith("等 8 个领域")
    assert footer_domains(["一" * 60, "二"]).endswith("等 2 个领域")


def test_continuous_flow_reports_progress_and_can_be_cancelled(qtbot, tmp_path):
    catalog = tagged_catalog(domains=4, per_domain=10)
    catalog.domains.insert(2, Domain(id="empty", name="救灾", items=[]))  # not yet compiled
    catalog.domains[0].items[0].extra = {"备注": "<i>另见</i>附件"}
    seen: list[int] = []
    target = tmp_path / "x.pdf"
    pages = render_pdf(
        catalog, target, None, lambda done, total: seen.append(done), None, "compact", "continuous"
    )
    assert seen == sorted(seen) and seen[-1] == PROGRESS_STEPS
    text = "".join(page_texts(target))
    assert "该领域尚未编制公开事项。" in text and domain_title(catalog, catalog.domains[2]) in text
    assert "备注" in text and "<i>另见</i>" in text  # the workbook's extra column, escaped
    calls: list[int] = []
    with pytest.raises(PrintCancelled):
        render_pdf(
            catalog,
            tmp_path / "y.pdf",
            None,
            lambda done, total: calls.append(done),
            lambda: len(calls) >= 2,
            "compact",
            "continuous",
        )
    assert calls[-1] < PROGRESS_STEPS // 2  # stopped while laying pages out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]
    assert pages >= 3


def test_print_preview_shows_the_chosen_flow(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.gui.printing import print_preview

    counts: list[int] = []

    def count_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(50, count_and_close)
            return
        counts.append(dialog.findChild(QPrintPreviewWidget).pageCount())
        dialog.reject()

    catalog = tagged_catalog()
    for flow in (PageFlow.BY_DOMAIN, PageFlow.CONTINUOUS):
        QTimer.singleShot(50, count_and_close)
        print_preview(None, catalog, None, ChannelStyle.COMPACT, flow)
    assert len(counts) == 2 and counts[1] < counts[0]
