"""The matcher on real-cell variants, and on text that merely resembles a title."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zwgk_desktop.core.sources import Register, as_of_for, matcher_for, standing
from zwgk_desktop.core.sources.matcher import _SEPARATORS, _SHORT_CELL, _dedupe
from zwgk_desktop.core.sources.outdated import outdated_citations
from zwgk_desktop.core.sources.register import bundled_register

OLD_REGS = "gov-info-disclosure-regs-2007"
REGS = "gov-info-disclosure-regs"

# (cell as real catalogs write it, keys the matcher must find, in order)
CITED = [
    ("《中华人民共和国政府信息公开条例》（国务院令第492号）", [OLD_REGS]),
    ("《中华人民共和国政府信息公开条例》(国令第492号)", [OLD_REGS]),
    ("中华人民共和国国务院令第492号", [OLD_REGS]),
    ("《政府信息公开条例》（国务院令第４９２号）", [OLD_REGS]),
    ("政府信息公开条例［国务院令 第 492 号］", [OLD_REGS]),
    ("中华人民共和国政府信息公开条例（2008年版）", [OLD_REGS]),
    ("《中华人民共和国政府信息公开条例》（2007年修订）", [OLD_REGS]),
    ("《中华人民共和国政府信息公开条例》(2007)", [OLD_REGS]),
    ("《中华人民共和国政府信息公开条例（2007年）》", [OLD_REGS]),
    ("2008年版《政府信息公开条例》", [OLD_REGS]),
    ("《中華人民共和國政府信息公開條例》（國務院令第492號）", [OLD_REGS]),
    ("●中华人民共和国政 府信息公开条例", [REGS]),
    ("《中华人民共和国政府信息公开条例》", [REGS]),
    ("《政府信息公开条例》", [REGS]),
    ("《信息公开条例》及相关规定", [REGS]),
    ("《中华人民共和国政府信息公开条例》（2019年修订）", [REGS]),
    ("《中华人民共和国政府信息公开条例》（国务院令第711号）", [REGS]),
    ("1.《预算法》;2.《中华人民共和国政府信息公开条例》", ["budget-law", REGS]),
    ("《中华人民共和国预算法》第十四条", ["budget-law"]),
    ("预算法第十四条", ["budget-law"]),
    ("依据预算法规定", ["budget-law"]),
    ("《预算法》《政府信息公开条例》", ["budget-law", REGS]),
    ("按照土地管理法规定的程序公告", ["land-administration-law"]),
    (
        "《最低生活保障审核审批办法（试行）》（民发〔2012〕220号）",
        ["minimum-living-allowance-review-approval-measures"],
    ),
    ("民发[2012]220号", ["minimum-living-allowance-review-approval-measures"]),
    ("依据民发〔2012〕220号文件", ["minimum-living-allowance-review-approval-measures"]),
    (
        "《最低生活保障审核审批办法（试行）》民发〔2012〕220号",
        ["minimum-living-allowance-review-approval-measures"],
    ),
    ("民发(2012)220号", ["minimum-living-allowance-review-approval-measures"]),
    ("民发（２０１２）２２０号", ["minimum-living-allowance-review-approval-measures"]),
    ("民发〔2012 〕220 号", ["minimum-living-allowance-review-approval-measures"]),
    ("民发【2012】220号", ["minimum-living-allowance-review-approval-measures"]),
    ("国家税务总局公告2014年第40号", ["tax-credit-measures-trial-2014"]),
    ("《危险化学品安全管理条例》", ["hazardous-chemicals-safety-regs"]),
    ("危险化学品安全管理条例（国务院令第591号）", ["hazardous-chemicals-safety-regs"]),
    ("八五普法规划", ["eighth-five-year-legal-publicity-plan"]),
    ("《“十四五”国家综合防灾减灾规划》", ["national-disaster-prevention-plan-14th-five-year"]),
    ("《国家综合防灾减灾规划（2016—2020年）》", ["national-disaster-prevention-plan-2016-2020"]),
    ("国办发〔2016〕104号", ["national-disaster-prevention-plan-2016-2020"]),
    ("《就业补助资金管理办法》（财社〔2017〕164号）", ["employment-subsidy-funds-measures-2017"]),
    ("《就业补助资金管理办法》", ["employment-subsidy-funds-measures"]),
    ("《就业补助资金管理办法》（2017年版）", ["employment-subsidy-funds-measures-2017"]),
]

# Text that resembles a register title or number but cites no register document.
NOT_CITED = [
    "预算法律",
    "预算法规和政策文件",
    "《中华人民共和国预算法实施条例》",  # not in this register: never guessed
    "中华人民共和国预算法实施条例",
    "《地方预算法规汇编》",
    "相关法律法规",
    "信息公开规定",
    "各地配套政策法规文件",
    "《中华人民共和国乐动体育条例》",
    "《政府雷速体育_中国足彩网¥在线直播条例》",
    "民发〔2012〕22号",
    "湘民发〔2012〕220号",  # a provincial document with a similar number
    "粤民发[2012]220号",
    "民发〔2012〕2200号",
    "民发〔2013〕220号",
    "财社〔2017〕16号",
    "国务院令第71号",
    "国务院令第7111号",
    "国务院令第4920号",
    "土地管理法规",
    "《土地管理法规定汇编》",
    "危险化学品安全管理条例实施细则",
    "《危险化学品安全管理条例释义》",
    "国家综合防灾减灾规划编制工作",
    "",
]


@pytest.mark.parametrize(("cell", "keys"), CITED)
def test_cited_documents_are_recognised(register: Register, cell: str, keys: list[str]) -> None:
    assert [c.source.key for c in matcher_for(register).cited(cell)] == keys


@pytest.mark.parametrize("cell", NOT_CITED)
def test_resembling_text_cites_nothing(register: Register, cell: str) -> None:
    assert matcher_for(register).cited(cell) == ()


def test_year_marker_of_the_current_text_keeps_the_current_entry(register: Register) -> None:
    # A bare title is the current text; only a year marker names an old revision.
    cited = matcher_for(register).cited("《中华人民共和国政府信息公开条例》（2020年）")
    assert [c.source.key for c in cited] == [REGS]


@pytest.mark.parametrize(
    ("year", "today", "day", "reason"),
    [
        ("2024", date(2026, 12, 6), date(2024, 12, 31), "年度"),
        ("2024年度", date(2026, 12, 6), date(2024, 12, 31), "年度"),
        ("2026", date(2026, 12, 6), date(2026, 12, 6), "今天"),
        ("2027年版", date(2026, 12, 6), date(2026, 12, 6), "今天"),
        ("", date(2026, 12, 6), date(2026, 12, 6), "今天"),
        ("第一版", date(2026, 12, 6), date(2026, 12, 6), "今天"),
    ],
)
def test_as_of(year: str, today: date, day: date, reason: str) -> None:
    as_of = as_of_for(year, today)
    assert (as_of.day, as_of.reason) == (day, reason)
    assert (str(day.year) in as_of.label) if reason == "年度" else ("今天" in as_of.label)


def test_dated_status(register: Register) -> None:
    regs = register["hazardous-chemicals-safety-regs"]
    before = standing(regs, register, date(2026, 4, 30))
    assert (before.outdated, before.upcoming, before.since) == (False, True, "2026年5月1日")
    after = standing(regs, register, date(2026, 5, 1))
    assert (after.outdated, after.how) == (True, "被替代")
    assert after.replacement is register["hazardous-chemicals-safety-law"]
    plan = register["eighth-five-year-legal-publicity-plan"]
    assert not standing(plan, register, date(2025, 12, 31)).outdated
    assert standing(plan, register, date(2026, 1, 1)).how == "已失效"
    # No date registered: outdated from the year after the replacement's number year...
    old = register["minimum-living-allowance-review-approval-measures"]
    assert not standing(old, register, date(2021, 12, 31)).outdated
    assert standing(old, register, date(2022, 12, 31)).since == "2021年"
    # ...and never earlier than the register knows.
    current = register["budget-law"]
    assert not standing(current, register, date(2026, 12, 6)).outdated


@pytest.mark.parametrize(
    ("cell", "day", "expected"),
    [
        # (outdated key, upcoming) pairs
        (
            "《中华人民共和国政府信息公开条例》（国务院令第492号）",
            date(2026, 12, 6),
            [(OLD_REGS, False)],
        ),
        (
            "《中华人民共和国政府信息公开条例》（国务院令第492号）",
            date(2018, 12, 31),
            [(OLD_REGS, True)],
        ),
        (
            "《中华人民共和国政府信息公开条例》（国务院令第492号）",
            date(2007, 12, 31),
            [(OLD_REGS, True)],
        ),
        (
            "《中华人民共和国政府信息公开条例》(2007年国务院令第492号公布,2019年国务院令第711号修订)",
            date(2026, 12, 6),
            [],
        ),
        (
            "《危险化学品安全管理条例》（国务院令第591号）",
            date(2025, 12, 31),
            [("hazardous-chemicals-safety-regs", True)],
        ),
        (
            "《危险化学品安全管理条例》（国务院令第591号）",
            date(2026, 12, 6),
            [("hazardous-chemicals-safety-regs", False)],
        ),
        ("《危险化学品安全管理条例》、《中华人民共和国危险化学品安全法》", date(2026, 12, 6), []),
        ("八五普法规划", date(2026, 12, 6), [("eighth-five-year-legal-publicity-plan", False)]),
        ("八五普法规划", date(2024, 12, 31), []),
        ("《中华人民共和国政府信息公开条例》", date(2026, 12, 6), []),
        ("预算法律", date(2026, 12, 6), []),
    ],
)
def test_outdated_citations(
    register: Register, cell: str, day: date, expected: list[tuple[str, bool]]
) -> None:
    found = outdated_citations(cell, register, day)
    assert [(f.source.key, f.upcoming) for f in found] == expected


def test_messages_name_the_replacement_since_when_and_the_date_basis(register: Register) -> None:
    as_of = as_of_for("2024", date(2026, 12, 6))
    [found] = outdated_citations("《信息公开条例》(国令第492号)", register, as_of.day)
    message = found.message("“依申请公开”的公开依据", as_of)
    assert "《中华人民共和国政府信息公开条例》（国务院令第492号）" in message
    assert "自2019年5月15日起已修订" in message
    assert "现行为《中华人民共和国政府信息公开条例》（国务院令第711号）" in message
    assert "按目录年度截至2024年12月31日" in message
    assert "国务院令第711号" in found.hint()
    # A chain whose every link has ended says so instead of naming a dead replacement.
    [plan] = outdated_citations("国办发〔2016〕104号", register, date(2026, 12, 6))
    assert plan.current is None
    assert "亦已不再有效" in plan.message("x", as_of_for("", date(2026, 12, 6)))


def _joined_cells() -> list[str]:
    """Real-cell variants and near-misses, alone and joined the ways catalogs join them."""
    singles = [cell for cell, _ in CITED] + list(NOT_CITED)
    cells = list(singles)
    for n, cell in enumerate(singles):
        other = singles[(n * 7 + 3) % len(singles)]
        for sep in ("、", "，", "；", "。", "\n", " ", ""):
            cells.append(cell + sep + other)
    cells += [
        "《政府信息公开条例》、国务院令第711号、《中华人民共和国政府信息公开条例》（国务院令第492号）",
        "《关于A、B的通知》、预算法",  # a separator inside 《》 keeps the title whole
        "》预算法、《政府信息公开条例",  # stray marks: matched as one cell
        "〈政府信息公开条例〉、民发〔2012〕220号",
        "2008年版、《政府信息公开条例》；《政府信息公开条例》，（2007年修订）",
        "《中华人民共和国预算法》第十四条、预算法第 3 条第二款，国务院令第492号第五条",
        "《政府信息公开条例》（2007年修订）第十条第一款第（二）项",
        "第十四条",
        "关于推进全国美术馆、公共图书馆、文化馆(站)免费开放工作的意见第三条",
    ]
    return cells


def test_cells_cut_into_pieces_match_as_whole_cells(register: Register) -> None:
    """Remembering pieces is only a speed-up: the result equals matching the cell whole."""
    matcher = matcher_for(register)
    for cell in _joined_cells():
        whole = _dedupe(matcher._found_in(cell))
        assert matcher.cited(cell) == whole, cell
    bundled = matcher_for(bundled_register())  # has names with 、 inside
    for cell in [
        *_joined_cells(),
        "依据关于推进全国美术馆、公共图书馆、文化馆(站)免费开放工作的意见、预算法",
    ]:
        assert bundled.cited(cell) == _dedupe(bundled._found_in(cell)), cell
    assert matcher._pieces("《关于A、B的通知》、预算法") == ["《关于A、B的通知》", "预算法"]
    assert matcher._pieces("〈政府信息公开条例〉、民发〔2012〕220号") is None


def test_register_ready_only_once_its_matcher_is_compiled(register: Register) -> None:
    from zwgk_desktop.core.sources.active import register_ready, use_register

    fresh = Register(path=register.path, checked="2026-12-06", sources=register.sources)
    use_register(fresh)
    try:
        assert not register_ready()  # the item form waits rather than compile it now
        matcher_for(fresh)
        assert register_ready()
    finally:
        use_register(None)


def _brute_folding_into(targets: set[str]) -> frozenset[str]:
    """The old way: normalise every character of the ranges one by one (~15 ms)."""
    from zwgk_desktop.core.sources.matcher import _JOINT_RANGES, normalize

    chars = [chr(code) for codes in _JOINT_RANGES for code in codes]
    return frozenset(targets | {ch for ch in chars if normalize(ch) in targets})


@pytest.mark.parametrize(
    "targets",
    [
        {"馆", "图"},  # the bundled register's joint characters are of this kind
        {"国", "门", "发", "条"},  # simplified forms with traditional ones in the ranges
        {"(", "《", "-"},  # what folded marks and compatibility forms become
        {"丽", "都", "金"},  # targets of compatibility ideographs (U+F900–U+FAFF)
        set(),
    ],
)
def test_characters_folding_into_a_joint_are_found_without_normalising_each(targets) -> None:
    from zwgk_desktop.core.sources.matcher import folding_into

    assert folding_into(targets) == _brute_folding_into(targets)


def test_the_bundled_registers_joints_fold_as_before() -> None:
    matcher = matcher_for(bundled_register())
    lefts = {left for left, _ in matcher._joints}
    assert lefts
    assert matcher._joint_lefts == _brute_folding_into(lefts)


_SPLIT_ALPHABET = "、，,；;。《》 a法部院馆"


@given(st.text(alphabet=_SPLIT_ALPHABET, max_size=16), st.integers(0, 3))
def test_long_cells_are_cut_where_the_pattern_with_a_lookahead_cuts(piece: str, pad: int) -> None:
    """A long cell is cut at separators outside 《…》 by a walk over its marks, as the
    lookahead pattern short cells keep cuts it (the pattern scanned from every separator to
    the next mark: 2 s for a 32,767-character cell of 、)."""
    matcher = matcher_for(bundled_register())
    cell = "a" * (_SHORT_CELL + pad) + piece  # long enough for the walk
    assert matcher._pieces(cell) == matcher._split_re.split(cell)
    seps = re.escape(_SEPARATORS)
    lefts = re.escape("".join(sorted(matcher._joint_lefts)))
    assert matcher._split_re.pattern == rf"[{seps}](?<![{lefts}\s].)(?![^《》]*》)"


@pytest.mark.parametrize("run", ["、", "a，", "；", "、》", "、、《", "《a、"])
def test_a_long_cell_of_separators_is_cut_in_linear_time(run: str) -> None:
    matcher = matcher_for(bundled_register())
    cell = (run * 32_767)[:32_767]
    matcher.clear_caches()
    started = time.perf_counter()
    matcher.cited(cell)
    assert time.perf_counter() - started < 0.5
