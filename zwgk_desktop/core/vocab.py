"""Controlled vocabularies with their aliases — the one place they live.

The editors' dropdowns, the Excel headers and glyph strings, the importer and the
validator all read these objects. Aliases are compared after :func:`text.fold`, so
fullwidth/halfwidth and traditional variants match too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from zwgk_desktop.core.text import fold


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of canonical terms, each with the variants that mean it."""

    key: str
    label: str
    terms: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)  # variant -> canonical
    open: bool = False  # may hold terms outside ``terms`` (channels do)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for term in self.terms:
            index[fold(term)] = term
        for variant, canonical in self.aliases.items():
            index[fold(variant)] = canonical
        object.__setattr__(self, "_index", index)

    def words(self) -> tuple[str, ...]:
        """Every term and alias, as written."""
        return (*self.terms, *self.aliases)

    def knows_folded(self, folded: str) -> bool:
        """Whether an already folded text is a term or alias (callers fold once for all)."""
        return folded in self._index  # type: ignore[attr-defined]

    def canonical(self, text: str) -> str | None:
        """The canonical term for ``text`` if it is a term or a known alias."""
        return self._index.get(fold(text))  # type: ignore[attr-defined]

    def normalize(self, values: Iterable[str]) -> list[str]:
        """Canonicalise, drop blanks and duplicates, keep vocabulary order first."""
        seen: list[str] = []
        for value in values:
            if not value or not value.strip():
                continue
            term = self.canonical(value) or value.strip()
            if term not in seen:
                seen.append(term)
        return self.sort(seen)

    def sort(self, values: Sequence[str]) -> list[str]:
        """Vocabulary order for known terms, then the others in their given order."""
        order = {t: i for i, t in enumerate(self.terms)}
        known = sorted((v for v in values if v in order), key=order.__getitem__)
        return known + [v for v in values if v not in order]

    def is_known(self, value: str) -> bool:
        return value in self.terms


# 13 standard channels in the order of the 国办 framework (domains.md §c).
CHANNELS = Vocabulary(
    key="channels",
    label="公开渠道和载体",
    terms=(
        "政府网站",
        "政府公报",
        "两微一端",
        "发布会/听证会",
        "广播电视",
        "纸质媒体",
        "公开查阅点",
        "政务服务中心",
        "便民服务站",
        "入户/现场",
        "社区/企事业单位/村公示栏(电子屏)",
        "精准推送",
        "其他",
    ),
    aliases={
        "政府门户网站": "政府网站",
        "区政府门户网站": "政府网站",
        "县政府门户网站": "政府网站",
        "市政府网站": "政府网站",
        "部门网站": "政府网站",
        "管理部门网站": "政府网站",
        "门户网站": "政府网站",
        "一微一端": "两微一端",
        "政务新媒体": "两微一端",
        "微信": "两微一端",
        "微信公众号": "两微一端",
        "发布会听证会": "发布会/听证会",
        "发布会": "发布会/听证会",
        "新闻发布会": "发布会/听证会",
        "听证会": "发布会/听证会",
        "广播": "广播电视",
        "电视": "广播电视",
        "纸质载体": "纸质媒体",
        "报刊": "纸质媒体",
        "查询点": "公开查阅点",
        "公开查阅点/政务公开专区": "公开查阅点",
        "政府信息查阅场所": "公开查阅点",
        "政务公开专区": "公开查阅点",
        "政府服务中心": "政务服务中心",
        "行政服务中心": "政务服务中心",
        "提供政务服务的场所": "政务服务中心",
        "办事大厅": "政务服务中心",
        "办事窗口": "政务服务中心",
        "便民服务窗口": "便民服务站",
        "便民服务中心": "便民服务站",
        "乡镇便民服务中心": "便民服务站",
        "便民惠民服务中心": "便民服务站",
        "入户/现场宣传": "入户/现场",
        "会议": "入户/现场",
        "入户": "入户/现场",
        "现场": "入户/现场",
        "公示栏": "社区/企事业单位/村公示栏(电子屏)",
        "社区/村公示栏(电子屏)": "社区/企事业单位/村公示栏(电子屏)",
        "社区/企事业单位、村公示栏(电子屏)": "社区/企事业单位/村公示栏(电子屏)",
        "单位/村委会公示栏(电子屏)": "社区/企事业单位/村公示栏(电子屏)",
        "镇村公示公开栏": "社区/企事业单位/村公示栏(电子屏)",
        "行政村公示栏": "社区/企事业单位/村公示栏(电子屏)",
        "乡镇公示栏": "社区/企事业单位/村公示栏(电子屏)",
        "村公示栏": "社区/企事业单位/村公示栏(电子屏)",
        "社区公示栏": "社区/企事业单位/村公示栏(电子屏)",
        "村务公开栏": "社区/企事业单位/村公示栏(电子屏)",
        "其他_": "其他",
        "其它": "其他",
    },
    open=True,
)

# Channel names that are real domain-specific platforms, kept verbatim as additions.
KNOWN_EXTRA_CHANNELS: tuple[str, ...] = (
    "投资项目在线审批监管平台",
    "公共资源交易平台",
    "信用中国网站",
    "招投标公共服务平台",
    "中国政府采购网",
    "省级财政部门指定媒体",
    "征地信息公开平台",
    "国家企业信用信息公示系统",
    "省政务服务网",
    "办税服务厅",
    "12345政务服务热线",
    "法律服务网",
    "图书馆",
    "国家档案馆",
)

AUDIENCE = Vocabulary(
    key="audience",
    label="公开对象",
    terms=("全社会", "特定群体"),
    aliases={
        "特定群众": "特定群体",
        "特定对象": "特定群体",
        "特定人群": "特定群体",
        "社会": "全社会",
        "社会公众": "全社会",
        "公众": "全社会",
        "社会大众": "全社会",
        "全体公众": "全社会",
        "人民群众": "全社会",
        "广大群众": "全社会",
        "社会各界": "全社会",
        # "不特定…" is everyone: read by the 特定 in it, it became 特定群体 (不特定公众)
        "不特定群体": "全社会",
        "不特定公众": "全社会",
        "不特定对象": "全社会",
        "不特定人群": "全社会",
    },
)

METHOD = Vocabulary(
    key="method",
    label="公开方式",
    terms=("主动", "依申请"),
    aliases={
        "主动公开": "主动",
        "依申请公开": "依申请",
        "申请": "依申请",
        "申请公开": "依申请",
    },
)

# Level names are configurable per catalog; these are the defaults and the aliases that
# map other governments' wording onto them (区级→县级, 镇街级→乡级 …).
DEFAULT_LEVELS: tuple[str, ...] = ("县级", "乡级")
LEVEL = Vocabulary(
    key="level",
    label="公开层级",
    terms=("县级", "乡级", "村级"),
    aliases={
        "区级": "县级",
        "区 级": "县级",
        "县区级": "县级",
        "县(市、区)级": "县级",
        "乡镇级": "乡级",
        "镇级": "乡级",
        "街道级": "乡级",
        "镇街级": "乡级",
        "镇(街)级": "乡级",
        "乡(镇、街道)级": "乡级",
        "镇街乡": "乡级",
        "乡、村级": "乡级",
        "镇、村级": "乡级",
        "村(社区)级": "村级",
        "社区级": "村级",
        "村": "村级",
    },
    open=True,
)

VOCABULARIES: dict[str, Vocabulary] = {v.key: v for v in (CHANNELS, AUDIENCE, METHOD, LEVEL)}

# 未涉及说明 offered wherever a domain is marked 未涉及 (新建目录 and the domain header);
# the first is the default filled in for the clerk to keep or overwrite.
NOT_INVOLVED_REASONS: tuple[str, ...] = (
    "本单位无该领域相关职责，未涉及该领域政务公开事项。",
    "该领域事项由县级主管部门统一公开，本单位无相应公开事项。",
    "本辖区内暂无该领域相关工作，发生时及时补充公开事项。",
    "该领域职能已整合至其他领域，相关事项在该领域中公开。",
)
