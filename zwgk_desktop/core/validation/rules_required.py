"""Required elements: one rule per required field, derived from ``core/fields.py``.

Adding a required field to FIELDS adds its rule (id ``REQ-<KEY>``) here automatically.
公开层级 is only required when the catalog uses levels (``catalog.meta.levels``).
"""

from __future__ import annotations

from operator import attrgetter

from zwgk_desktop.core.fields import FIELDS, FieldSpec
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import ItemContext, Rule, declare, item_check
from zwgk_desktop.core.validation.textutil import BLANKISH_START, is_blank

LEVEL_KEY = "level"  # the only field whose requirement depends on the catalog


def rule_id_for(key: str) -> str:
    return "REQ-" + key.upper().replace("_", "-")


def _declare(spec: FieldSpec) -> Rule:
    if spec.is_choice:
        title = f"未选择{spec.label}"
        description = f"每个事项至少选择一项“{spec.label}”。{spec.help}"
        hint = f"在“{spec.label}”中至少勾选一项。"
    else:
        title = f"{spec.label}未填写"
        description = (
            f"每个事项都必须填写“{spec.label}”，只有标点或横线的单元格视为未填写。{spec.help}"
        )
        hint = f"填写{spec.label}，{spec.help}"
    if spec.key == LEVEL_KEY:
        description += "仅当目录设置了公开层级（目录信息中的层级不为空）时检查。"
    return declare(
        rule_id_for(spec.key), Severity.ERROR, Scope.ITEM, "required", title, description, hint
    )


_REQUIRED: tuple[tuple[str, bool, str, Rule], ...] = tuple(
    (spec.key, spec.is_choice, spec.label, _declare(spec)) for spec in FIELDS if spec.required
)


_get_values = attrgetter(*(key for key, _, _, _ in _REQUIRED))


@item_check
def check_required(ctx: ItemContext) -> None:
    for (key, is_choice, label, rule), value in zip(_REQUIRED, _get_values(ctx.item), strict=True):
        # Fast path: a first character (of the first choice) that is not blank-ish.
        first = value[0] if value else ""
        if first and (first if not is_choice else first[:1]) not in BLANKISH_START:
            continue
        if is_choice:
            if key == LEVEL_KEY and not ctx.levels:
                continue
            if not value or (is_blank(value[0]) and all(is_blank(v) for v in value)):
                ctx.report(rule, key, f"“{ctx.label}”未选择{label}（至少选择一项）")
        elif is_blank(value):
            ctx.report(rule, key, f"“{ctx.label}”的{label}未填写")
