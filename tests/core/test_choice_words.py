"""Choice fields written as words the way hand-made catalogs write them."""

from __future__ import annotations

import pytest

from zwgk_desktop.core.choice_words import compound_terms, split_terms
from zwgk_desktop.core.xlsx.glyphs import parse_channels

BULLETIN = "社区/企事业单位/村公示栏(电子屏)"


def test_split_keeps_a_groups_remark_whole() -> None:
    assert split_terms("全社会、特定群体（申请人、利害关系人）") == [
        "全社会",
        "特定群体（申请人、利害关系人）",
    ]
    assert split_terms("主动+依申请") == ["主动", "依申请"]
    assert split_terms(" 县级 / 乡级 ") == ["县级", "乡级"]


@pytest.mark.parametrize(
    ("key", "word", "terms"),
    [
        ("method", "主动和依申请", ["主动", "依申请"]),
        ("audience", "全社会及特定群体", ["全社会", "特定群体"]),
        ("level", "县乡两级", ["县级", "乡级"]),
        ("level", "县乡村三级", ["县级", "乡级", "村级"]),
        ("level", "镇村", ["乡级", "村级"]),
        ("level", "县", ["县级"]),
        ("level", "街道", ["乡级"]),
        ("level", "社区", ["村级"]),
    ],
)
def test_compound_words_name_their_terms(key: str, word: str, terms: list[str]) -> None:
    assert compound_terms(key, word) == terms


@pytest.mark.parametrize(
    ("key", "word"),
    [
        ("level", "市级"),
        ("level", "省直"),
        ("method", "主动和定期"),
        ("audience", "申请人及其家属"),
    ],
)
def test_words_that_are_not_compounds_are_left_alone(key: str, word: str) -> None:
    assert compound_terms(key, word) is None


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("政府网站及公示栏", ["政府网站", BULLETIN]),
        ("政府网站/公示栏", ["政府网站", BULLETIN]),
        ("政务服务中心 便民服务站", ["政务服务中心", "便民服务站"]),
        ("镇政府网站 村务公开栏", ["政府网站", BULLETIN]),
        ("乡镇便民服务中心公示栏", [BULLETIN]),
        ("入户/现场", ["入户/现场"]),
        ("社区/企事业单位/村公示栏", [BULLETIN]),
    ],
)
def test_several_channels_in_one_phrase_are_all_read(text: str, channels: list[str]) -> None:
    assert parse_channels(text).channels == channels


def test_not_specific_is_everyone_when_imported_or_pasted() -> None:
    """“不特定的社会公众” is 全社会 in both places that read 公开对象 words (it was refused
    on paste while the importer took it)."""
    from zwgk_desktop.core.paste_plan import check_value

    assert compound_terms("audience", "不特定的社会公众") == ["全社会"]
    assert check_value("audience", "不特定的社会公众") == (["全社会"], None)
