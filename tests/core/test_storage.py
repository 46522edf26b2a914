"""The .zwgk document: round trips, edits, locking, snapshots, hostile files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.errors import FileUnreadableError, NotACatalogError, ReadOnlyError, ZwgkError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.schema import APPLICATION_ID
from zwgk_desktop.core.storage import Document


def _catalog() -> Catalog:
    items = [
        Item(
            level1="一级",
            level2=f"二级{n}",
            content="内容",
            channels=["政府网站", "自建平台"],
            audience=["特定群体"],
            audience_note="申请人",
            extra={"咨询电话": "123"},
        )
        for n in range(3)
    ]
    return Catalog(
        meta=CatalogMeta(
            unit="甲镇人民政府",
            region="乙县",
            year="2026",
            contact="张三",
            levels=["县级", "乡级", "村级"],
        ),
        domains=[
            Domain("d1", "社会救助", items),
            Domain("d2", "扶贫", not_involved=True, note="本镇无此职能"),
        ],
    )


def test_create_and_load_round_trip(tmp_path: Path) -> None:
    original = _catalog()
    with Document.create(tmp_path / "a.zwgk", original) as doc:
        loaded = doc.load_catalog()
    assert loaded.to_dict() == original.to_dict()
    assert loaded.meta.levels == ["县级", "乡级", "村级"]
    assert all(item.id for item in loaded.domains[0].items)


def test_new_catalog_fills_unit_and_marks_others_not_involved(tmp_path: Path) -> None:
    catalog = new_catalog(CatalogMeta(unit="甲镇人民政府", year="2026"), ["社会救助"])
    involved = [d for d in catalog.domains if not d.not_involved]
    assert [d.id for d in involved] == ["social-assistance"]
    assert all(i.subject == "甲镇人民政府" for i in involved[0].items)
    assert all(i.template_ref.startswith("social-assistance/") for i in involved[0].items)


def test_edits_are_committed_immediately(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    doc = Document.create(path, _catalog())
    items = doc.items("d1")
    doc.update_item(items[0].id, "content", "新内容")
    doc.update_item(items[0].id, "channels", ["政务服务中心"])
    new_ids = doc.insert_items("d1", 1, [Item(level1="插入")])
    doc.delete_items([items[2].id])
    # A second, independent connection sees every edit without any "save".
    raw = sqlite3.connect(path)
    assert (
        raw.execute("SELECT content FROM items WHERE id=?", (items[0].id,)).fetchone()[0]
        == "新内容"
    )
    raw.close()
    doc.close()
    with Document.open(path) as again:
        rows = again.items("d1")
    assert [r.level1 for r in rows] == ["一级", "插入", "一级"]
    assert rows[1].id == new_ids[0]
    assert rows[0].channels == ["政务服务中心"]


def test_delete_then_restore_keeps_ids_and_order(tmp_path: Path) -> None:
    with Document.create(tmp_path / "a.zwgk", _catalog()) as doc:
        before = doc.items("d1")
        doc.delete_items([before[1].id])
        doc.restore_items("d1", [(1, before[1])])
        after = doc.items("d1")
    assert [i.id for i in after] == [i.id for i in before]
    assert [i.to_dict() for i in after] == [i.to_dict() for i in before]


def test_set_order_and_domain_updates(tmp_path: Path) -> None:
    with Document.create(tmp_path / "a.zwgk", _catalog()) as doc:
        ids = [i.id for i in doc.items("d1")]
        doc.set_order("d1", list(reversed(ids)))
        assert [i.id for i in doc.items("d1")] == list(reversed(ids))
        doc.update_domain("d2", not_involved=False, note="")
        doc.add_domain(Domain("custom-1", "政府文件信息", [Item(level1="x")], pilot=False))
        domains = doc.domains()
    assert [d.id for d in domains] == ["d1", "d2", "custom-1"]
    assert domains[1].not_involved is False
    assert domains[2].pilot is False


def test_second_opener_gets_read_only_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    first = Document.create(path, _catalog())
    second = Document.open(path)
    try:
        assert second.read_only
        assert "只读" in second.lock_message
        with pytest.raises(ReadOnlyError):
            second.update_item(second.items("d1")[0].id, "content", "x")
    finally:
        second.close()
        first.close()
    with Document.open(path) as third:
        assert not third.read_only


def test_snapshots_restore_and_save_as(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    with Document.create(path, _catalog()) as doc:
        snap = doc.create_snapshot("报县审核前")
        doc.delete_items([i.id for i in doc.items("d1")])
        assert doc.item_count() == 0
        safety = doc.restore_snapshot(snap)
        assert doc.item_count() == 3
        names = [s.name for s in doc.snapshots()]
        assert names[0] == "报县审核前" and names[1].startswith("恢复前自动保存")
        assert doc.snapshot_catalog(safety).item_count() == 0
        copy = doc.save_as(tmp_path / "copy.zwgk")
    with Document.open(copy, read_only=True) as other:
        assert other.load_catalog().to_dict() == _catalog().to_dict()


def test_foreign_and_corrupt_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "text.zwgk"
    text.write_text("不是数据库", encoding="utf-8")
    with pytest.raises(NotACatalogError):
        Document.open(text)
    foreign = tmp_path / "foreign.zwgk"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotACatalogError, match="不是政务公开目录文件"):
        Document.open(foreign)
    with pytest.raises(FileUnreadableError, match="找不到文件"):
        Document.open(tmp_path / "missing.zwgk")

    good = tmp_path / "good.zwgk"
    Document.create(good, _catalog()).close()
    data = bytearray(good.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # smash a page
    broken = tmp_path / "broken.zwgk"
    broken.write_bytes(bytes(data))
    with pytest.raises(FileUnreadableError):
        Document.open(broken).load_catalog()


def test_untrusted_open_reads_a_copy_and_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "sub.zwgk"
    Document.create(path, _catalog()).close()
    before = path.read_bytes()
    with Document.open_untrusted(path) as doc:
        assert doc.read_only and doc.path != path and doc.source_path == path
        assert doc.load_catalog().item_count() == 3
        with pytest.raises(ReadOnlyError):
            doc.delete_items([1])
    assert path.read_bytes() == before


def test_untrusted_file_with_a_planted_view_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.zwgk"
    Document.create(path, _catalog()).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW evil AS SELECT load_extension('/tmp/nothing') AS x")
    conn.commit()
    conn.close()
    with pytest.raises(FileUnreadableError, match="可能被篡改"):
        Document.open_untrusted(path)


def test_application_id_marks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    Document.create(path, _catalog()).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    Document.create(path, _catalog()).close()
    with pytest.raises(ZwgkError, match="已存在"):
        Document.create(path, _catalog())


def test_insert_after_delete_lands_where_asked(tmp_path: Path) -> None:
    with Document.create(tmp_path / "a.zwgk", _catalog()) as doc:
        first, second, third = doc.items("d1")
        doc.delete_items([first.id])
        doc.insert_items("d1", 1, [Item(level1="新")])
        assert [i.level1 for i in doc.items("d1")] == ["一级", "新", "一级"]
        assert [i.id for i in doc.items("d1")][0] == second.id


def test_empty_levels_survive_the_interchange_json() -> None:
    catalog = Catalog(meta=CatalogMeta(unit="甲", levels=[]))
    assert Catalog.from_dict(catalog.to_dict()).meta.levels == []
