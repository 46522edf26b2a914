"""One declaration per item field.

The table editor, the item form, the Excel headers and dropdowns, the importer's header
matching and the validator's "required" rules are all generated from :data:`FIELDS`. Add
or rename a field here and every layer follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from zwgk_desktop.core.text import fold
from zwgk_desktop.core.vocab import AUDIENCE, CHANNELS, LEVEL, METHOD, Vocabulary


class FieldKind(Enum):
    TEXT = "text"  # one line (事项名称, 公开主体)
    LONG_TEXT = "longtext"  # wraps; edited in the item form (内容, 依据, 时限)
    CHOICES = "choices"  # a set of vocabulary terms (channels, 对象, 方式, 层级)


@dataclass(frozen=True)
class FieldSpec:
    """Everything the layers need to know about one item field."""

    key: str  # interchange JSON key; also the storage column name
    label: str  # Chinese label used in the UI and as the flat-export header
    kind: FieldKind
    required: bool
    excel_width: float  # column width in the standard layout (characters)
    help: str
    vocabulary: Vocabulary | None = None
    header_aliases: tuple[str, ...] = ()  # extra header labels the importer accepts

    @property
    def is_choice(self) -> bool:
        return self.kind is FieldKind.CHOICES


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "level1",
        "一级事项",
        FieldKind.TEXT,
        True,
        12,
        "公开事项的一级分类，如“政策文件”“办事服务”。",
        header_aliases=("一级", "一级目录", "公开事项一级事项", "事项类别"),
    ),
    FieldSpec(
        "level2",
        "二级事项",
        FieldKind.TEXT,
        True,
        14,
        "具体公开事项名称，如“最低生活保障审批信息”。",
        header_aliases=("二级", "二级目录", "事项名称", "公开事项名称", "公开事项二级事项"),
    ),
    FieldSpec(
        "content",
        "公开内容(要素)",
        FieldKind.LONG_TEXT,
        True,
        30,
        "需要公开的具体要素，如“办理条件、所需材料、办理流程”。",
        header_aliases=("公开内容", "公开内容(要素)及要求", "公开内容及要求", "公开要素", "内容"),
    ),
    FieldSpec(
        "basis",
        "公开依据",
        FieldKind.LONG_TEXT,
        True,
        28,
        "法律法规或文件名称，用书名号标注，如《中华人民共和国政府信息公开条例》。",
        header_aliases=("依据", "公开依据(法律法规)", "法律依据"),
    ),
    FieldSpec(
        "time_limit",
        "公开时限",
        FieldKind.LONG_TEXT,
        True,
        16,
        "如“信息形成或者变更之日起20个工作日内”。",
        header_aliases=("时限", "公开时间", "公开期限"),
    ),
    FieldSpec(
        "subject",
        "公开主体",
        FieldKind.TEXT,
        True,
        12,
        "负责公开的单位，如“××镇人民政府”。",
        header_aliases=("主体", "责任主体", "公开责任主体", "责任单位"),
    ),
    FieldSpec(
        "channels",
        "公开渠道和载体",
        FieldKind.CHOICES,
        True,
        24,
        "至少选择一种渠道；可补充本地平台名称。",
        vocabulary=CHANNELS,
        header_aliases=(
            "公开渠道",
            "公开载体",
            "公开渠道及载体",
            "公开渠道和载体(在标注范围内至少选择其一公开)",
        ),
    ),
    FieldSpec(
        "audience",
        "公开对象",
        FieldKind.CHOICES,
        True,
        8,
        "全社会或特定群体（至少一项）。",
        vocabulary=AUDIENCE,
        header_aliases=("公开范围",),
    ),
    FieldSpec(
        "audience_note",
        "特定群体说明",
        FieldKind.TEXT,
        False,
        10,
        "特定群体是谁，如“申请人”“项目单位”。",
        header_aliases=("特定群体(请写明)",),
    ),
    FieldSpec(
        "method",
        "公开方式",
        FieldKind.CHOICES,
        True,
        8,
        "主动或依申请（至少一项）。",
        vocabulary=METHOD,
        header_aliases=("公开属性",),
    ),
    FieldSpec(
        "level",
        "公开层级",
        FieldKind.CHOICES,
        True,
        8,
        "县级、乡级等（目录使用层级时至少一项）。",
        vocabulary=LEVEL,
    ),
)

FIELD_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}
TEXT_FIELDS: tuple[str, ...] = tuple(f.key for f in FIELDS if not f.is_choice)
CHOICE_FIELDS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.is_choice)


@lru_cache(maxsize=1)
def label_index() -> dict[str, str]:
    """Field key by folded label or header alias: how the importer names a column, and
    how a reviewer may name a field (公开时限, 时限)."""
    index: dict[str, str] = {}
    for spec in FIELDS:
        for label in (spec.label, *spec.header_aliases):
            index.setdefault(fold(label), spec.key)
    return index


def field(key: str) -> FieldSpec:
    """The declaration for ``key``; raises KeyError for an unknown key."""
    return FIELD_BY_KEY[key]
