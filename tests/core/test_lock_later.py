"""``Document.open(lock_later=True)``: the app's start shows a file before it loads the
lock library; the lock is taken right after (or by the first write), and everything the
lock protects still holds: one editor at a time, never a stale or replaced file edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zwgk_desktop.core.errors import ReadOnlyError, ZwgkError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.storage import Document


def _document(tmp_path: Path) -> Path:
    path = tmp_path / "甲镇.zwgk"
    catalog = Catalog(
        meta=CatalogMeta(unit="甲镇人民政府"),
        domains=[Domain("d1", "财政预算", [Item(level1="一", level2="二", content="三")])],
    )
    Document.create(path, catalog).close()
    return path


def _lock_file(path: Path) -> Path:
    return Path(f"{path}.lock")


def test_the_lock_is_taken_later_and_the_document_is_editable(tmp_path: Path) -> None:
    path = _document(tmp_path)
    with Document.open(path, lock_later=True) as document:
        assert document.lock_pending and not document.read_only
        assert not _lock_file(path).exists()  # nothing taken yet
        assert document.take_lock() and not document.lock_pending
        assert _lock_file(path).exists() and not document.changed_since_open
        with pytest.raises(ZwgkError, match="正在编辑中"):  # the lock is ours now
            Document.create(path, Catalog(meta=CatalogMeta(unit="x")), overwrite=True)
        document.update_item(document.items("d1")[0].id, "content", "改过")
    assert not _lock_file(path).exists()  # released on close
    with Document.open(path) as again:
        assert again.items("d1")[0].content == "改过"


def test_the_first_write_takes_the_lock_if_the_app_has_not_yet(tmp_path: Path) -> None:
    path = _document(tmp_path)
    with Document.open(path, lock_later=True) as document:
        document.update_item(document.items("d1")[0].id, "content", "先写")
        assert not document.lock_pending and _lock_file(path).exists()
        other = Document.open(path)
        try:
            assert other.read_only  # one editor at a time
        finally:
            other.close()


def test_another_editor_makes_it_read_only_with_the_reason(tmp_path: Path) -> None:
    path = _document(tmp_path)
    document = Document.open(path, lock_later=True)
    holder = Document.open(path)  # another window took the file meanwhile
    try:
        assert not document.take_lock()
        assert document.read_only and "正在另一个窗口或程序中编辑" in document.lock_message
        with pytest.raises(ReadOnlyError):
            document.update_item(document.items("d1")[0].id, "content", "x")
        assert not document.take_lock()  # settled: asking again changes nothing
    finally:
        document.close()
        holder.close()
    assert not _lock_file(path).exists()


def test_a_write_by_another_window_in_between_is_noticed(tmp_path: Path) -> None:
    path = _document(tmp_path)
    document = Document.open(path, lock_later=True)
    try:
        before = document.items("d1")[0]
        with Document.open(path) as other:  # saved and closed before we lock
            other.update_item(before.id, "content", "别处改的")
        assert document.take_lock() and document.changed_since_open
        assert document.items("d1")[0].content == "别处改的"  # what a re-read shows
    finally:
        document.close()


def test_a_file_replaced_in_between_is_never_edited(tmp_path: Path) -> None:
    path = _document(tmp_path)
    document = Document.open(path, lock_later=True)
    try:
        replacement = tmp_path / "新.zwgk"
        Document.create(replacement, Catalog(meta=CatalogMeta(unit="乙镇"))).close()
        os.replace(replacement, path)  # an import written over the same name
        assert not document.take_lock()
        assert document.read_only and "替换" in document.lock_message
        assert not _lock_file(path).exists()  # the lock taken to look is given back
    finally:
        document.close()


def test_a_place_that_cannot_hold_the_lock_reads_and_says_why(tmp_path: Path) -> None:
    """As on a read-only medium: the lock file cannot be made (here a folder stands in
    its way, which also holds for a user who may write anywhere)."""
    path = _document(tmp_path)
    document = Document.open(path, lock_later=True)
    try:
        _lock_file(path).mkdir()
        assert not document.take_lock()
        assert "只读介质或无权限" in document.lock_message
        assert document.items("d1")[0].level1 == "一"
    finally:
        document.close()
