"""CellBlock: a paste's cells as columns, written by the document in one statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.cell_block import KEEP, CellBlock, change_blocks
from zwgk_desktop.core.errors import ReadOnlyError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.storage import Document


def _items() -> list[Item]:
    return [
        Item(level1="甲", level2=f"事项{n}", content=f"内容{n}", channels=["政府网站"], id=n + 1)
        for n in range(4)
    ]


def test_block_checks_its_shape_and_fields() -> None:
    with pytest.raises(ValueError):
        CellBlock((1, 2), ("level2",), (("a",),))  # one value for two items
    with pytest.raises(ValueError):
        CellBlock((1,), ("level2", "level2"), (("a",), ("b",)))
    with pytest.raises(KeyError):
        CellBlock((1,), ("id; DROP TABLE items",), (("a",),))  # keys end up in SQL
    block = CellBlock([1, 2], ["channels", "level2"], [[["a", "b"], []], ["x", "y"]])
    assert block.columns == ((("a", "b"), ()), ("x", "y"))  # choices frozen as tuples
    assert block.cells() == [
        (1, "channels", ("a", "b")),
        (1, "level2", "x"),
        (2, "channels", ()),
        (2, "level2", "y"),
    ]


def test_change_blocks_keep_only_changed_rows_and_fields() -> None:
    items = _items()
    level2 = ["事项0", "新1", "事项2", KEEP]  # row 3 refused: kept
    content = ["内容0", "内容1", "内容2", "内容3"]  # nothing changes
    channels = [("政府网站",), ["政府网站"], ("公告栏",), KEEP]
    old, new = change_blocks(items, ["level2", "content", "channels"], [level2, content, channels])
    assert new.item_ids == old.item_ids == (2, 3)
    assert new.keys == old.keys == ("level2", "channels")
    assert new.columns == (("新1", "事项2"), (("政府网站",), ("公告栏",)))
    assert old.columns == (("事项1", "事项2"), (("政府网站",), ("政府网站",)))
    same = change_blocks(items, ["level2", "channels"], [[i.level2 for i in items], [KEEP] * 4])
    assert same is None


def test_an_unchanged_choice_column_is_not_written() -> None:
    """A pasted choice column arrives as tuples while the items hold lists: the same
    channels must not count as a change (it was written, kept in the undo record and
    announced for every row of every paste)."""
    items = _items()
    level2 = ["新0", "新1", "新2", "新3"]
    channels = [("政府网站",)] * 4  # what the rows hold already, as a paste parses it
    old, new = change_blocks(items, ["level2", "channels"], [level2, channels])
    assert new.keys == old.keys == ("level2",)
    assert change_blocks(items, ["channels"], [channels]) is None


def test_change_blocks_hold_text_as_str_whatever_the_cells_held() -> None:
    """A text column of ``str`` is kept as it is (no copy per cell); anything else in it
    is made ``str`` before it reaches the undo record and the document."""
    items = _items()
    items[1].content = 7  # type: ignore[assignment]  # not what items hold, but survivable
    level2 = ("新0", "新1", "新2", "新3")
    old, new = change_blocks(items, ["level2", "content"], [level2, [1, 2, 3, 4]])
    assert new.columns[0] is level2
    assert new.columns[1] == ("1", "2", "3", "4")
    assert old.columns[1] == ("内容0", "7", "内容2", "内容3")


def test_change_blocks_need_stored_items_and_field_keys() -> None:
    with pytest.raises(ValueError):
        change_blocks([Item(level2="a")], ["level2"], [["b"]])
    items = _items()
    for keys in (["id"], ["template_ref"], ["level2", "level2"]):  # attributes, not fields
        with pytest.raises(KeyError):
            change_blocks(items, keys, [[9] * 4] * len(keys))


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "block.zwgk"
    items = [Item(level1="一", level2=f"事项{n}", channels=["政府网站"]) for n in range(3)]
    Document.create(path, Catalog(CatalogMeta(unit="测试镇"), [Domain("d1", "社会救助", items)]))
    return path


def test_document_writes_a_block_and_its_undo(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    with Document.open(path) as doc:
        items = doc.items("d1")
        old, new = change_blocks(
            items,
            ["level2", "channels"],
            [["甲", KEEP, "丙"], [("公告栏", "政府网站"), ("政府网站",), ()]],
        )
        doc.write_block(new)
    with Document.open(path, read_only=True) as doc:
        got = [(i.level2, i.channels) for i in doc.items("d1")]
    assert got == [("甲", ["公告栏", "政府网站"]), ("事项1", ["政府网站"]), ("丙", [])]
    with Document.open(path) as doc:
        doc.write_block(old)
        assert [(i.level2, i.channels) for i in doc.items("d1")] == [
            (i.level2, i.channels) for i in items
        ]


def test_read_only_document_writes_nothing(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    with Document.open(path, read_only=True) as doc:
        items = doc.items("d1")
        _, new = change_blocks(items, ["level2"], [["甲", "乙", "丙"]])
        with pytest.raises(ReadOnlyError):
            doc.write_block(new)
    with Document.open(path, read_only=True) as doc:
        assert [i.level2 for i in doc.items("d1")] == ["事项0", "事项1", "事项2"]


def test_item_copy_owns_its_lists_and_keeps_every_field() -> None:
    item = Item(
        level1="一",
        level2="二",
        channels=["政府网站"],
        audience=["全社会"],
        method=["主动"],
        level=["乡级"],
        extra={"备注": "x"},
        id=7,
        template_ref="d/1",
    )
    twin = item.copy()
    assert twin == item and type(twin) is Item
    for key in ("channels", "audience", "method", "level", "extra"):
        assert getattr(twin, key) is not getattr(item, key)
    twin.channels.append("公告栏")
    twin.extra["备注"] = "y"
    assert item.channels == ["政府网站"] and item.extra == {"备注": "x"}


def test_inserted_items_get_the_ids_sqlite_would_give_even_next_to_the_largest(
    tmp_path: Path,
) -> None:
    path = _doc(tmp_path)
    with Document.open(path) as doc:
        first = doc.insert_items("d1", 1, [Item(level2="新甲"), Item(level2="新乙")])
        assert first == [4, 5]  # one more than the largest, in order
        assert [i.level2 for i in doc.items("d1")] == ["事项0", "新甲", "新乙", "事项1", "事项2"]
        with doc._transaction() as conn:  # a file whose last item has the largest id
            conn.execute("UPDATE items SET id = ? WHERE id = 5", (2**63 - 1,))
        more = doc.insert_items("d1", 0, [Item(level2="丙"), Item(level2="丁")])
        ids = [i.id for i in doc.items("d1")]
        assert ids[:2] == more and len(set(ids)) == 7
        assert [i.level2 for i in doc.items("d1")][:2] == ["丙", "丁"]


def test_restore_in_runs_puts_items_where_one_by_one_inserts_would(tmp_path: Path) -> None:
    import random

    rng = random.Random(14)
    path = tmp_path / "runs.zwgk"
    items = [Item(level2=f"事项{n}") for n in range(12)]
    Document.create(path, Catalog(CatalogMeta(unit="测试镇"), [Domain("d1", "社会救助", items)]))
    with Document.open(path) as doc:
        for _ in range(20):
            current = doc.items("d1")
            gone = rng.sample(current, rng.randint(1, 6))
            doc.delete_items([i.id for i in gone])
            kept = [i.id for i in doc.items("d1")]
            spots = [(rng.randint(0, len(kept) + 2), item) for item in gone]  # runs, ties, gaps
            pairs = sorted(spots, key=lambda p: p[0])
            expected = list(kept)
            for position, item in pairs:  # what inserting one by one gives
                expected.insert(position, item.id)
            doc.restore_items("d1", pairs)
            restored = doc.items("d1")
            assert [i.id for i in restored] == expected
            assert sorted(i.level2 for i in restored) == sorted(i.level2 for i in items)


def test_document_refuses_a_block_of_non_field_columns(tmp_path: Path) -> None:
    from zwgk_desktop.core.cell_block import _normalised

    path = _doc(tmp_path)
    with Document.open(path) as doc:
        first = doc.items("d1")[0]
        with pytest.raises(KeyError):
            doc.write_block(_normalised((first.id,), ("id",), ((999,),)))
        assert doc.items("d1")[0] == first
