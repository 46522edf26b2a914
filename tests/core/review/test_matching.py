"""Recognising the same item across versions, whatever happened to its row."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.review.matching import match_items


def _items(n: int) -> list[Item]:
    return [
        Item(
            level1=f"一级{n // 3}",
            level2=f"二级事项{n}",
            content=f"申请条件、办理流程、咨询电话{n}",
            template_ref=f"d/{n + 1}",
        )
        for n in range(n)
    ]


def _pairs(old: list[Item], new: list[Item]) -> dict[int, tuple[int | None, str]]:
    return {m.old: (m.new, m.how) for m in match_items(old, new) if m.old is not None}


def test_template_ref_survives_renaming_and_moving() -> None:
    old = _items(5)
    new = [i.copy() for i in reversed(old)]
    new[0].level2 = "完全改名的事项"
    pairs = _pairs(old, new)
    assert pairs[4] == (0, "template_ref")
    assert all(pairs[o][0] == 4 - o for o in range(5))


def test_names_match_when_there_is_no_template_ref() -> None:
    old = [
        Item(level1="最低生活保障", level2="办事指南"),
        Item(level1="临时救助", level2="审批信息"),
    ]
    new = [
        Item(level1="临时救助", level2="审批 信息"),
        Item(level1="最低生活保障", level2="辦事指南"),
    ]
    assert _pairs(old, new) == {0: (1, "name"), 1: (0, "name")}


def test_unique_level2_matches_after_level1_rename() -> None:
    old = [Item(level1="综合业务", level2="政策法规文件")]
    new = [Item(level1="政策文件", level2="政策法规文件")]
    assert _pairs(old, new) == {0: (0, "level2")}


def test_similar_content_matches_a_renamed_level2() -> None:
    old = [
        Item(level1="最低生活保障", level2="审批信息", content="低保对象名单、保障金额、审批时间")
    ]
    new = [
        Item(
            level1="最低生活保障", level2="审批结果信息", content="低保对象名单、保障金额、审批时间"
        )
    ]
    assert _pairs(old, new) == {0: (0, "similar")}


def test_copied_template_row_pairs_the_original_by_name() -> None:
    old = _items(1)
    copy = old[0].copy()
    copy.level2 = "本镇补充的事项"
    new = [copy, old[0].copy()]
    matches = match_items(old, new)
    assert [(m.old, m.new) for m in matches] == [(None, 0), (0, 1)]


def test_removed_items_appear_where_they_were() -> None:
    old = _items(4)
    new = [old[0].copy(), old[3].copy(), Item(level1="新", level2="新增")]
    order = [(m.old, m.new) for m in match_items(old, new)]
    assert order == [(0, 0), (1, None), (2, None), (3, 1), (None, 2)]


def test_different_items_are_not_forced_together() -> None:
    old = [Item(level1="甲", level2="完全不同的一项", content="内容一")]
    new = [Item(level1="乙", level2="另一个事项", content="其他")]
    assert {(m.old, m.new) for m in match_items(old, new)} == {(0, None), (None, 0)}


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=10_000),
    st.booleans(),
)
def test_any_reordering_and_deletion_keeps_every_surviving_item(
    n: int, seed: int, refs: bool
) -> None:
    rng = random.Random(seed)
    old = _items(n)
    if not refs:
        for item in old:
            item.template_ref = ""
    keep = [i for i in range(n) if rng.random() < 0.7]
    order = keep[:]
    rng.shuffle(order)
    new = [old[i].copy() for i in order]
    matches = match_items(old, new)
    pairs = {m.old: m.new for m in matches if m.old is not None and m.new is not None}
    assert pairs == {o: order.index(o) for o in keep}
    assert sorted(m.old for m in matches if m.new is None) == sorted(set(range(n)) - set(keep))
    assert len(matches) == n


def test_items_of_excel_size_are_matched_in_bounded_time() -> None:
    """Similarity is quadratic in the worst case (12 s for two 8,000-character cells); a
    received file may hold 32,767 characters in a cell, and a resubmission is compared
    with the township's earlier file. Long contents are compared by their start and the
    total work is bounded, so the review opens in seconds, not hours."""
    import time

    rnd = random.Random(3)

    def hostile(tag: str, count: int) -> list[Item]:
        return [
            Item(
                level1="一级",
                level2=f"{tag}{n}",
                content="".join(rnd.choice("长短") for _ in range(32_767)),
            )
            for n in range(count)
        ]

    started = time.perf_counter()
    matches = match_items(hostile("旧", 30), hostile("新", 30))
    assert time.perf_counter() - started < 10
    assert len([m for m in matches if m.old is not None]) == 30  # every old item is shown
    assert len([m for m in matches if m.new is not None]) == 30


def test_similar_items_are_still_paired_by_the_start_of_their_content() -> None:
    old = [Item(level1="一级", level2="低保审批", content="申请条件、办理流程" + "。" * 5000)]
    new = [Item(level1="一级", level2="低保审批结果", content="申请条件、办理流程" + "。" * 4000)]
    assert _pairs(old, new) == {0: (0, "similar")}


def test_a_long_changed_cell_is_shown_whole_not_diffed_for_seconds() -> None:
    import time

    from zwgk_desktop.core.review.textdiff import segments

    rnd = random.Random(5)
    old = "".join(rnd.choice("长短") for _ in range(3_000))
    new = "".join(rnd.choice("长短") for _ in range(3_000))
    started = time.perf_counter()
    assert segments(old, new) == [("delete", old), ("insert", new)]
    assert time.perf_counter() - started < 0.5
    assert segments("申请条件", "申请材料") == [
        ("equal", "申请"),
        ("delete", "条件"),
        ("insert", "材料"),
    ]


def test_the_largest_group_of_renamed_items_is_paired_whole() -> None:
    """200 items renamed within one 一级 (the largest group compared pairwise), contents of
    shared words: every one is paired with its new name, none left as removed and added."""
    rnd = random.Random(8)
    words = ["申请条件", "办理流程", "所需材料", "审批结果", "补贴标准", "咨询电话", "公示"]
    contents = ["、".join(rnd.choice(words) for _ in range(8)) + f"（{n}）" for n in range(200)]
    old = [Item(level1="一级", level2=f"事项{n}", content=c) for n, c in enumerate(contents)]
    new = [Item(level1="一级", level2=f"事项{n}调整", content=c) for n, c in enumerate(contents)]
    assert _pairs(old, new) == {n: (n, "similar") for n in range(200)}
