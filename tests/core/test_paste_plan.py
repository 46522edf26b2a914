"""Paste planning without Qt: header mapping, vocabulary refusals, content suggestions."""

from __future__ import annotations

from zwgk_desktop.core.paste_plan import (
    Target,
    check_value,
    convert,
    plan_paste,
    vocabulary_kind,
)


def test_vocabulary_kind_and_refusals() -> None:
    assert vocabulary_kind("主动、依申请") == "method"
    assert vocabulary_kind("乡级") == "level"
    assert vocabulary_kind("政府网站、公示栏") == "channels"
    assert vocabulary_kind("低保审批") is None
    assert check_value("method", "主动公开") == (["主动"], None)
    value, reason = check_value("method", "乡级")
    assert value is None and reason and "公开层级" in reason
    value, reason = check_value("audience", "村民")
    assert value is None and reason and "全社会、特定群体" in reason
    assert check_value("audience_note", "主动")[1] is not None
    assert check_value("level2", "政府网站") == ("政府网站", None)  # channel words are text too
    assert check_value("channels", "■政府网站 □政府公报")[0] == ["政府网站"]


def test_fitting_block_maps_by_position_without_review() -> None:
    plan = plan_paste([["低保审批", "办理条件"]], 1)
    assert not plan.needs_review
    assert plan.targets == [Target("level2"), Target("content")]


def test_header_with_unknown_short_labels_is_guessed_by_content_and_reviewed() -> None:
    rows = [
        ["一级", "二级", "内容", "对象", "方式"],
        ["政策文件", "规范性文件", "全文", "全社会", "主动"],
    ]
    plan = plan_paste(rows, 5)
    assert plan.by_header and plan.needs_review
    assert [t.key for t in plan.targets] == ["level1", "level2", "content", "audience", "method"]
    values, refused = convert(plan)
    assert values == [
        {
            "level1": "政策文件",
            "level2": "规范性文件",
            "content": "全文",
            "audience": ["全社会"],
            "method": ["主动"],
        }
    ]
    assert refused == []


def test_converted_lists_are_not_shared_between_rows() -> None:
    plan = plan_paste([["主动"], ["主动"]], 9)
    values, _ = convert(plan)
    values[0]["method"].append("依申请")
    assert values[1]["method"] == ["主动"]


def test_refused_cells_leave_only_their_key_out_of_the_row() -> None:
    """Column by column conversion: a refused cell is reported at its row and column and
    its field is absent from that row only; short rows read as empty cells."""
    plan = plan_paste([], 0)
    plan.rows = [["甲事项", "主动"], ["乙事项", "乡级"], ["丙事项"], ["丁事项", "依申请、主动"]]
    plan.targets = [Target("level2"), Target("method")]
    plan.converted = None
    values, refused = convert(plan)
    assert values == [
        {"level2": "甲事项", "method": ["主动"]},
        {"level2": "乙事项"},
        {"level2": "丙事项", "method": []},
        {"level2": "丁事项", "method": ["主动", "依申请"]},
    ]
    assert [(r.row, r.column, r.key, r.value) for r in refused] == [(1, 1, "method", "乡级")]
    assert "公开层级" in refused[0].reason
    values[0]["method"].append("依申请")  # never the cached list of check_value
    assert check_value("method", "主动") == (["主动"], None)


def test_vocabulary_kind_skips_folding_only_for_text_no_vocabulary_can_hold() -> None:
    """The quick refusal (an ideograph no term or alias holds) agrees with folding every
    term: terms, aliases, their traditional spellings and mixtures with plain text."""
    import random

    from zwgk_desktop.core.choice_words import choice_terms
    from zwgk_desktop.core.paste_plan import _VOCABS, _WORDED, _terms
    from zwgk_desktop.core.text import fold

    def slow(text: str) -> str | None:
        folded = [fold(term) for term in _terms(text)]
        if not folded:
            return None
        for key, vocab in _VOCABS:
            if all(vocab.knows_folded(f) for f in folded):
                return key
        for key in _WORDED:
            terms, unknown = choice_terms(key, text, bare_units=False)
            if terms and not unknown:
                return key
        return None

    to_traditional = str.maketrans("县级乡区镇开网络报纸", "縣級鄉區鎮開網絡報紙")
    words = [w for _, vocab in _VOCABS for w in vocab.words()]
    words += [w.translate(to_traditional) for w in words]
    words += ["低保审批", "办理流程", "示范镇人民政府", "全 社 会", "ＡＢ", "豈", "㐀"]
    words += ["主动和依申请", "县乡两级", "镇村", "縣鄉兩級", "全社会及特定群体", "主动+依申请"]
    rng = random.Random(14)
    texts = list(words)
    for _ in range(3000):
        picked = rng.sample(words, rng.randint(1, 3))
        texts.append(rng.choice(["、", "，", ";", "\n", " "]).join(picked))
    vocabulary_kind.cache_clear()
    for text in texts:
        assert vocabulary_kind(text) == slow(text), text
    assert vocabulary_kind("縣級、鄉級") == "level"
    assert vocabulary_kind("低保审批、主动") is None


def test_choice_words_paste_as_the_importer_reads_them() -> None:
    assert check_value("method", "主动+依申请") == (["主动", "依申请"], None)
    assert check_value("level", "县、乡") == (["县级", "乡级"], None)
    assert check_value("level", "县乡两级") == (["县级", "乡级"], None)
    # the same words are refused where they do not belong, with the reason
    assert "是公开方式的取值" in (check_value("content", "主动+依申请")[1] or "")
    assert "是公开层级的取值" in (check_value("time_limit", "县乡两级")[1] or "")
    # a bare 社区 in another column is not taken for a level
    assert check_value("subject", "社区") == ("社区", None)


def test_columns_of_one_text_all_different_or_mixed_refuse_the_same_cells() -> None:
    from zwgk_desktop.core.cell_block import KEEP
    from zwgk_desktop.core.paste_plan import PastePlan, convert_columns

    rows = [
        ["主动", "事项甲", "内容", "乡级"],  # 公开内容 "主动": refused in a one-text column
        ["主动", "依申请", "乡级", "县级"],  # 二级事项 "依申请": refused in an all-different one
        ["主动", "事项丙", "内容", "乡级"],  # 公开内容 "乡级": refused in a mixed column
    ]
    targets = [Target("content"), Target("level2"), Target("basis"), Target("level")]
    plan = PastePlan(rows, ["1", "2", "3", "4"], targets)
    block = convert_columns(plan)
    assert block.keys == ("level2", "basis", "level")  # 公开内容: every cell refused
    assert block.columns == (
        ["事项甲", KEEP, "事项丙"],
        ["内容", KEEP, "内容"],
        [["乡级"], ["县级"], ["乡级"]],
    )
    assert [(f.row, f.column, f.value) for f in block.refused] == [
        (0, 0, "主动"),
        (1, 0, "主动"),
        (2, 0, "主动"),
        (1, 1, "依申请"),
        (1, 2, "乡级"),
    ]
    values, refused = convert(plan)
    assert values[1] == {"level": ["县级"]} and refused == block.refused


def test_every_column_shape_gives_what_check_value_gives() -> None:
    from zwgk_desktop.core.cell_block import KEEP
    from zwgk_desktop.core.paste_plan import _check_column

    long = [f"  第{n}项公开内容：办理条件、所需材料、办理流程\r\n及时限  " for n in range(3)]
    short = ["事项甲", "主动", "事项丙"]
    mixed = ["事项甲", long[0], "事项甲"]
    plain = [f"  第{n}项公开内容：办理条件、所需材料、办理流程及时限\t " for n in range(3)]
    nul = [*plain[:2], "第2项公开内容：办理条件\x00、所需材料、办理流程及时限"]
    words = ["低保审批", " 临时救助\r\n", "事项丙"]  # short, each with an ideograph no term has
    for texts in (long, plain, nul, words, short, mixed, ["主动"] * 3, []):
        column, reasons = _check_column("content", texts)
        expected = [check_value("content", t) for t in texts]
        assert column == [KEEP if r else v for v, r in expected]
        assert reasons == {t: r for t, (_, r) in zip(texts, expected, strict=True) if r}
    assert (
        _check_column("content", long)[0][0]
        == "第0项公开内容：办理条件、所需材料、办理流程\n及时限"
    )


def test_planning_pads_ragged_rows_without_changing_the_callers() -> None:
    rows = [["低保审批", "办理条件"], ["临时救助"]]
    plan = plan_paste(rows, 1)
    assert plan.rows == [["低保审批", "办理条件"], ["临时救助", ""]]
    assert rows == [["低保审批", "办理条件"], ["临时救助"]]
    assert plan_paste((("低保审批", "办理条件"),), 1).rows == [["低保审批", "办理条件"]]
