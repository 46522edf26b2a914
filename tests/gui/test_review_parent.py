"""County reviewer in the main window: a township's catalog against the county's, into opinions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.handdown import derive_catalog
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.storage import Document

SA = "social-assistance"


def test_township_against_county_becomes_opinions(window, tmp_path: Path, qtbot) -> None:
    county = new_catalog(CatalogMeta(unit="平安县人民政府", year="2026"), [SA])
    county_path = tmp_path / "平安县目录.zwgk"
    Document.create(county_path, county).close()
    town = derive_catalog(county, "城关镇人民政府").catalog
    social = town.domain(SA)
    assert social is not None
    social.items[0].time_limit = "每季度公开一次"
    del social.items[1]
    inbox = tmp_path / "收件"
    inbox.mkdir()
    submission = inbox / "城关镇.zwgk"
    Document.create(submission, town).close()

    window.reviewing.set_reviewer_name("县审核员")
    assert window.reviewing.open_for_review(submission)
    window.reviewing.show_review_diff("template")
    view = window.diff_view
    assert view.source_combo.findData("parent") >= 0
    diff = view.compare_with_parent(county_path)
    assert diff is not None
    assert diff.summary()["items_changed"] == 1 and diff.summary()["items_removed"] == 1
    qtbot.mouseClick(view.to_opinions_button, Qt.MouseButton.LeftButton)
    comments = window.review.comments()
    assert len(comments) == 2 and {c.rule for c in comments} == {"parent.changed", "parent.removed"}
    assert window.review_dock.isVisible()
    assert window.review_panel.tree.topLevelItemCount() > 0  # the panel shows them at once
    assert load_catalog(submission).item_count() == town.item_count()  # submission untouched
