"""The published page: self-contained, every cell escaped, filter data as the catalog says."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.publish import build_page, export_html, export_site, page_data
from zwgk_desktop.core.publish.data import ROW_FIELDS

HOSTILE = '<script>alert("x")</script></script><img src=x onerror=alert(1)>&amp;'


def _catalog() -> Catalog:
    relief = Domain(
        "social-assistance",
        "社会救助",
        [
            Item(
                level1="最低生活保障",
                level2="审核信息",
                content="初审对象名单、" + HOSTILE,
                basis="《社会救助暂行办法》",
                time_limit="10个工作日内",
                subject="示范镇人民政府",
                channels=["政府网站", "社区/企事业单位/村公示栏(电子屏)"],
                audience=["全社会"],
                method=["主动"],
                level=["乡级"],
            ),
            Item(
                level1="临时救助",
                level2="审批信息",
                content="救助对象名单",
                channels=["精准推送", "12345政务服务热线"],
                audience=["特定群体"],
                audience_note="申请人",
                method=["依申请"],
                level=["县级"],
            ),
        ],
    )
    taxes = Domain("tax", "税收管理", not_involved=True, note="本镇无税务机构")
    meta = CatalogMeta(unit="示范镇人民政府", region="示范县 & <b>乙</b>", date="2026-03-01")
    return Catalog(meta=meta, domains=[relief, taxes])


class _Scripts(HTMLParser):
    """Collects tags and script bodies the way a browser's parser splits the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _parse(page: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(page)
    return parser


def test_page_is_one_self_contained_file_in_chinese() -> None:
    page = build_page(_catalog())
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert 'name="viewport"' in page and "@media print" in page
    # no request leaves the file: no src/href to another resource, no @import or url()
    parsed = _parse(page)
    assert not [a for t, a in parsed.tags if t in ("script", "link", "img") and a.get("src")]
    assert not [t for t, _ in parsed.tags if t in ("link", "iframe", "img")]
    assert not re.search(r"https?://|@import|url\(", page)


def test_a_hostile_cell_never_becomes_markup() -> None:
    page = build_page(_catalog())
    parsed = _parse(page)
    # exactly the two scripts we wrote; the cell's <script> did not open a third one
    assert [a.get("type") for a, _ in parsed.scripts] == ["application/json", None]
    assert [t for t, _ in parsed.tags if t == "img"] == []
    data = json.loads(parsed.scripts[0][1])
    assert data["rows"][0][ROW_FIELDS.index("content")] == "初审对象名单、" + HOSTILE
    assert "示范县 &amp; &lt;b&gt;乙&lt;/b&gt;" in page  # page-level text is escaped too


def test_filter_data_follows_the_catalog() -> None:
    data = page_data(_catalog())
    assert [d["name"] for d in data["domains"]] == ["社会救助"]  # 未涉及 has no rows
    assert data["domains"][0]["title"] == "示范镇社会救助领域基层政务公开标准目录"
    assert data["domains"][0]["level1"] == ["最低生活保障", "临时救助"]
    choices = data["choices"]
    assert choices["method"] == ["主动", "依申请"]
    assert choices["audience"] == ["全社会", "特定群体"]
    assert choices["level"] == ["县级", "乡级"]  # vocabulary order
    assert choices["channels"] == [
        "政府网站",
        "社区/企事业单位/村公示栏(电子屏)",
        "精准推送",
        "12345政务服务热线",  # the item's own channel after the standard ones
    ]
    second = dict(zip(ROW_FIELDS, data["rows"][1], strict=True))
    assert second["audience_note"] == "申请人" and second["method"] == ["依申请"]


def test_export_writes_atomically_and_site_has_one_page_per_domain(tmp_path: Path) -> None:
    target = tmp_path / "目录.html"
    assert export_html(_catalog(), target) == 2
    assert target.read_text(encoding="utf-8") == build_page(_catalog())
    assert [p.name for p in tmp_path.iterdir()] == ["目录.html"]  # no temporary file left
    files = export_site(_catalog(), tmp_path / "site")
    assert [f.name for f in files] == ["index.html", "search.html", "domain-01.html"]
    index = files[0].read_text(encoding="utf-8")
    assert 'href="domain-01.html"' in index and "未涉及：本镇无税务机构" in index
    domain_page = files[2].read_text(encoding="utf-8")
    assert "<title>示范镇社会救助领域基层政务公开标准目录</title>" in domain_page
    assert 'href="index.html"' in domain_page


def test_export_to_a_missing_folder_is_one_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(ZwgkError):
        export_html(_catalog(), tmp_path / "没有这个文件夹" / "a.html")
