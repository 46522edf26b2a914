"""The text rules against the phrasings of real published catalogs (domains.md §d, §e)."""

from __future__ import annotations

import re

import pytest
from vcatalogs import small_catalog

from zwgk_desktop.core.validation import validate_item
from zwgk_desktop.core.validation.rules_basis import basis_findings
from zwgk_desktop.core.validation.rules_cells import PLACEHOLDER_RE, PRESCREEN_RE
from zwgk_desktop.core.validation.rules_channels import channel_suggestion
from zwgk_desktop.core.validation.rules_spam import ANYWHERE_RE, spam_anywhere, spam_in_title
from zwgk_desktop.core.validation.rules_time import time_problem
from zwgk_desktop.core.validation.textutil import ILLEGAL_CHARS_RE


def rules_for(field: str, value: object) -> list[str]:
    catalog = small_catalog()
    catalog.domains[0].items[0].set(field, value)
    return [i.rule for i in validate_item(catalog, catalog.domains[0], 0)]


# Every example phrasing of domains.md §d P1–P7 (wrapped-cell spaces included).
REAL_TIME_LIMITS = [
    "信息形成或者变更之日起20个工作日内予以公开",
    "自该信息形成或者变更之日起20个工作日内",
    "公开事项信息形成或变更之日起20个工作日内公开",
    "信息形成(变更)20个工作日内",
    "信息形成20个工作日内公开",
    "信息形成之日起7个工作日内",
    "信息形成或变更之日起3个工作日内",
    "信息获取(形成、变更)20个工作日内",
    "制定或获取信息之日起10个工作日内",
    "制定或获取备案政策之日起10个工作日内",
    "自制作或获取该信息之日起20个工作日内公开",
    "20个工作日内。法律、法规对政府信息公开的期限另有规定的,从其规定。",
    "信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示",
    "1.除处罚决定外其他内容:长期公开(动态调整);2.处罚决定:20个工作日内。",
    "制定或获取信息之日起10个工作日内，公示7个工作日",
    "20个工作日",
    "20工作日",
    "本级人民代表大会或其常务委员会批准后20日内",
    "本级政府财政部门批复后20日内",
    "分配结果确定后20个工作日内",
    "自收到申请之日起20个工作日内公开",
    "在实地启动拟征收土地工作时,在村公示栏公开",
    "现状调查结束后5个工作日内",
    "收到征地批准文件之日起10个工作日内",
    "随采购公告、采购文件公开",
    "关联规范性文件公开3个工作日内",
    "重大决策作出后及时公开",
    "按进展情况及时公开",
    "提前一周发通知邀请",
    "开学前",
    "实时公开",
    "及时公开",
    "长期公开",
    "长期",
    "常年公开",
    "永久公开",
    "半年至少更新1次",
    "每年1月31日前",
    "按年公开",
    "至少1次/年",
    "至少1次/半年",
    "按实际更新",
    "按季度公开",
    "公示7个工作日",
    "征求意见期限不得少于30日",
    "公告期限为5个工作日",
    "信息形成或者变更之日起 20 个工 作日内",
    "信息形成或者变更之日起二十个工作日内",
    "ｉｎｆｏ：信息形成之日起２０个工作日内",
    "即时公开",
    "动态更新",
    "常态化公开",
    "随时更新",
    "工作完成后公开",
    "项目竣工验收后",
    "收到申请后答复",
    "信息更新后及时调整",
    "每年年底前",
    "次年3月底前",
    "每学期开学前",
]


@pytest.mark.parametrize("text", REAL_TIME_LIMITS)
def test_real_time_limit_phrasings_are_recognised(text: str) -> None:
    assert time_problem(text) is None
    assert not [r for r in rules_for("time_limit", text) if r.startswith("TIME-")]


@pytest.mark.parametrize(
    "text", ["尽快", "尽快公开", "适时公开", "不定期", "根据需要公开", "视情况公开"]
)
def test_vague_time_limits_warn(text: str) -> None:
    assert rules_for("time_limit", text) == ["TIME-VAGUE"]


@pytest.mark.parametrize("text", ["按有关规定", "依法公开", "公开", "见附件"])
def test_unrecognised_time_limits_warn(text: str) -> None:
    assert rules_for("time_limit", text) == ["TIME-UNRECOGNISED"]


def test_vague_word_with_a_real_deadline_is_fine() -> None:
    assert rules_for("time_limit", "尽快公开，最迟不超过信息形成之日起20个工作日") == []


def test_ditto_time_limit_is_one_warning_not_two() -> None:
    assert rules_for("time_limit", "同上") == ["CELL-DITTO"]
    assert rules_for("time_limit", "同 上。") == ["CELL-DITTO"]


# 公开依据
@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("《特困人员认定办法》(民发〔2016 )115号)", "〔2016〕115号"),
        ("(民发〔2018)23号〕)", "〔2018〕23号"),
        ("《全面推进政务公开工作实施办法》(税总发〔201744号)", "〔2017〕44号"),
        ("《地方预决算公开操作规程》(财预〔2016143号)", "〔2016〕143号"),
        ("《关于进一步做好房屋征收工作的通知》(建房〔2012 ) 8 4 号 )", "〔2012〕84号"),
        ("《关于做好救助工作的通知》民发2016〕115号", "〔2016〕115号"),
    ],
)
def test_broken_document_numbers_warn_with_a_suggestion(text: str, suggestion: str) -> None:
    findings = [f for f in basis_findings(text) if f[0] == "broken"]
    assert findings and findings[0][2] == suggestion
    catalog = small_catalog()
    catalog.domains[0].items[0].basis = text
    issues = validate_item(catalog, catalog.domains[0], 0)
    assert [i.rule for i in issues] == ["BASIS-DOCNO-BROKEN"]
    assert suggestion in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        "《公共文化服务工作方案》(文财务发[2011]5号)",
        "《关于计划生育工作的意见》(国人口发(2007)78号)",
    ],
)
def test_square_and_round_year_brackets_are_only_a_hint(text: str) -> None:
    assert rules_for("basis", text) == ["BASIS-DOCNO-BRACKETS"]


@pytest.mark.parametrize(
    "text",
    [
        "《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "《国有土地上房屋征收与补偿条例》(国令第590号)",
        "国办发〔2019〕54号",
        "《招标公告和公示信息发布管理办法》(国家发展改革委2017年第10号令)",
        "《国家税务总局关于纳税人权利与义务的公告》(公告2009年第1号)",
        "文化馆服务标准(GB/T 32939—2016)",
        "【法律】《中华人民共和国人口与计划生育法》【行政法规】《疫苗流通和预防接种管理条例》(国务院令第434号)",
        "1.《中华人民共和国就业促进法》(2007年8月30日通过,2015年4月24日修正);2.《人力资源市场暂行条例》",
        "《中华人民共和国政府信息公开条例》(2007年国务院令第492号公布,2019年国务院令第711号修订)",
        "《中华人民共和国体育法》、《公共文化体育设施条例》、《全民健身条例》",
        "《彩票管理条例》、《体育彩票公益金管理办法》、《网络直播营销管理办法（试行）》",
        "《经营高危险性体育项目许可管理办法》、《“十四五”体育发展规划》、《大型体育场馆免费低收费开放补助资金管理办法》",
        "《国家体育总局政府信息公开工作办法》、《App违法违规收集使用个人信息行为认定方法》",
    ],
)
def test_sound_citations_are_silent(text: str) -> None:
    assert rules_for("basis", text) == []


def test_the_2008_regulation_warns_unless_the_revision_is_cited_too() -> None:
    assert rules_for("basis", "《中华人民共和国政府信息公开条例》(国令第492号)") == [
        "BASIS-SUPERSEDED"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("相关法律法规", "BASIS-NO-CITATION"),
        ("有关政策文件", "BASIS-NO-CITATION"),
        ("无", "BASIS-NO-CITATION"),
        ("●中华人民共和国政 府信息公开条例", "BASIS-NO-TITLE-MARKS"),
        ("社会救助暂行办法", "BASIS-NO-TITLE-MARKS"),
    ],
)
def test_citations_without_titles(text: str, expected: str) -> None:
    assert rules_for("basis", text) == [expected]


# Spam injected by hijacked mirror sites (domains.md §e).
@pytest.mark.parametrize(
    "text",
    [
        "《乐动体育app官网网页版条例》",
        "《中华人民共和国飞禽走兽老虎机条例》",
        "《政府雷速体育_中国足彩网¥在线直播条例》",
        "《国务院大发体育在线基层政务公开标准化规范化工作的指导意见》",
        "《国务院中国竞彩网推进政务公开的意见》",
        "《中华人民共和国政府体育直播条例》",
        "《中华人民共和国政府彩票信息公开条例》",
        "《国务院关于全面推进开元体育平台政务公开工作的意见》",
        "《九游体育官方网站管理办法》",
        "《政府信息公开ＡＰＰ官网条例》",
    ],
)
def test_spam_in_law_titles_is_an_error(text: str) -> None:
    assert rules_for("basis", text) == ["CELL-SPAM"]


def test_spam_words_in_any_field_but_real_words_are_not_spam() -> None:
    assert rules_for("level2", "娱乐城审核信息") == ["CELL-SPAM"]
    assert rules_for("level2", "公共体育设施免费开放") == []
    assert (
        rules_for("content", "举办全民健身和群众体育活动、彩票公益金使用情况、网络直播活动") == []
    )
    assert spam_anywhere("体育法") is None
    assert spam_in_title("中华人民共和国体育法") is None
    assert spam_in_title("乐动体育app官网网页版条例") is not None


# Placeholders
@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("subject", "【单位名称】"),
        ("subject", "XX镇人民政府"),
        ("subject", "xx街道办事处"),
        ("subject", "ＸＸ镇人民政府"),
        ("subject", "××镇人民政府"),
        ("content", "某某村低保对象名单"),
        ("content", "待填写"),
        ("audience_note", "请填写特定群体"),
    ],
)
def test_unfilled_placeholders_are_errors(field: str, text: str) -> None:
    assert "CELL-PLACEHOLDER" in rules_for(field, text)


@pytest.mark.parametrize(
    "text", ["Excel、XLSX、PDF格式", "文化馆服务标准(GB/T 32939—2016)", "【法律】"]
)
def test_latin_words_and_level_tags_are_not_placeholders(text: str) -> None:
    assert PLACEHOLDER_RE.search(text) is None


def test_prescreen_covers_every_pattern_it_guards() -> None:
    """The fast character scan must see every match of the patterns it stands in for."""
    samples = [alt for alt in ANYWHERE_RE.pattern.split("|")]
    samples += [s.upper() for s in samples]
    samples += [
        "【单位名称】",
        "【请填写】",
        "XX",
        "ｘｘ",
        "××",
        "✕✕",
        "╳╳",
        "某某",
        "待填写",
        "请填写",
        "待补充",
    ]
    samples += [chr(c) for c in range(0x20) if ILLEGAL_CHARS_RE.match(chr(c))]
    samples += ["\ufffe", "\uffff", "\ud800"]
    for sample in samples:
        hit = (
            ANYWHERE_RE.search(sample)
            or PLACEHOLDER_RE.search(sample)
            or ILLEGAL_CHARS_RE.search(sample)
        )
        assert hit is not None, sample
        assert PRESCREEN_RE.search(hit.group()) is not None, sample
    assert re.fullmatch(r"[^|()\[\]?*+\\]+(\|[^|()\[\]?*+\\]+)*", ANYWHERE_RE.pattern), (
        "keep ANYWHERE literal"
    )


# Channels
@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("政府服务中心", "政务服务中心"),
        ("微信公众号", "两微一端"),
        ("公开查询点", "公开查阅点"),
        ("两微一段", "两微一端"),
        ("政府网站 http://www.example.gov.cn", "政府网站"),
        ("社区公告栏", "社区/企事业单位/村公示栏(电子屏)"),
        ("公共资源交易平 台", "公共资源交易平台"),
    ],
)
def test_channel_typos_get_a_suggestion(value: str, suggestion: str) -> None:
    assert channel_suggestion(value) == ("typo", suggestion)
    catalog = small_catalog()
    catalog.domains[0].items[0].channels.append(value)
    issues = validate_item(catalog, catalog.domains[0], 0)
    assert [i.rule for i in issues] == ["CHANNEL-TYPO"]
    assert f"应为“{suggestion}”" in issues[0].message


@pytest.mark.parametrize(
    "value",
    ["投资项目在线审批监管平台", "其他：办税服务厅", "其他:其他基层公共服务平台", "政府网站"],
)
def test_real_platforms_and_other_details_are_silent(value: str) -> None:
    assert channel_suggestion(value) is None
    assert rules_for("channels", ["政府网站", value]) == []


def test_an_unknown_real_name_is_only_a_hint() -> None:
    assert rules_for("channels", ["政府网站", "镇村干部会议"]) == ["CHANNEL-NONSTANDARD"]


@pytest.mark.parametrize("value", ["政务公开专栏", "公开查阅室"])
def test_a_near_name_of_another_kind_of_place_is_no_typo(value: str) -> None:
    # 政务公开专栏 (a web column or board) is one edit from 政务公开专区 (an alias of
    # 公开查阅点), but a 专栏 is no 专区: claiming a typo would mislead the clerk.
    assert channel_suggestion(value) == ("nonstandard", "")
    assert rules_for("channels", ["政府网站", value]) == ["CHANNEL-NONSTANDARD"]


# Audience / method consistency
def test_apply_only_for_everyone_is_inconsistent_but_both_methods_are_fine() -> None:
    catalog = small_catalog()
    item = catalog.domains[0].items[0]
    item.method, item.audience = ["依申请"], ["全社会"]
    assert [i.rule for i in validate_item(catalog, catalog.domains[0], 0)] == ["APPLY-AUDIENCE"]
    item.method = ["主动", "依申请"]
    assert validate_item(catalog, catalog.domains[0], 0) == []
    item.method, item.audience, item.audience_note = ["依申请"], ["特定群体"], "申请人"
    assert validate_item(catalog, catalog.domains[0], 0) == []
