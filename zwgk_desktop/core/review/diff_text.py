"""A :class:`CatalogDiff` as readable lines for the terminal (``zwgk diff``)."""

from __future__ import annotations

from zwgk_desktop.core.review.diff import PARENT, TEMPLATE, CatalogDiff, FieldChange, ItemChange
from zwgk_desktop.core.review.textdiff import snippet

_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def _field_line(change: FieldChange) -> str:
    if change.is_choice:
        parts = [f"+{v}" for v in change.added] + [f"-{v}" for v in change.removed]
        if not parts:  # same terms spelled differently
            parts = [f"{'、'.join(change.old) or '（空）'} → {'、'.join(change.new) or '（空）'}"]
        return f"{change.label}：{' '.join(parts)}"
    old, new = snippet(str(change.old), str(change.new))
    return f"{change.label}：“{old or '（空）'}” → “{new or '（空）'}”"


def _item_line(diff: CatalogDiff, item: ItemChange) -> str:
    if item.new_index:
        where = f"第{item.new_index}项"
    else:
        side = {TEMPLATE: "标准", PARENT: "上级"}.get(diff.mode, "原")
        where = f"{side}第{item.old_index}项"
    return f"  {_MARKS[item.change]} {diff.item_label(item.change)}  {where}  {item.title}"


def diff_text(diff: CatalogDiff, show_unchanged: bool = False) -> str:
    """Summary, then each changed domain with its item and field changes."""
    lines: list[str] = []
    if diff.mode == TEMPLATE:
        lines.append(
            f"与标准模板比较：{diff.right.label}（{diff.right.unit or '单位未填写'}，{diff.right.items} 项）"
        )
    elif diff.mode == PARENT:
        lines.append(
            f"与上级目录比较：{diff.right.label}（{diff.right.unit or '单位未填写'}，{diff.right.items} 项）"
            f" ← {diff.left.label}（{diff.left.unit or '单位未填写'}，{diff.left.items} 项）"
        )
    else:
        lines.append(
            f"比较：{diff.left.label}（{diff.left.items} 项） → {diff.right.label}（{diff.right.items} 项）"
        )
    s = diff.summary()
    if diff.mode == TEMPLATE:
        lines.append(
            f"缺少标准事项 {s['items_removed']} 个，本地新增事项 {s['items_added']} 个，"
            f"要素与标准不同 {s['items_changed']} 个，与标准一致 {s['items_unchanged']} 个；"
            f"缺少领域 {s['domains_removed']} 个，非标准领域 {s['domains_added']} 个"
        )
    elif diff.mode == PARENT:
        lines.append(
            f"未采用上级事项 {s['items_removed']} 个，本级新增事项 {s['items_added']} 个，"
            f"与上级目录不同 {s['items_changed']} 个，与上级一致 {s['items_unchanged']} 个"
        )
    else:
        lines.append(
            f"新增 {s['items_added']} 项，删除 {s['items_removed']} 项，修改 {s['items_changed']} 项，"
            f"未变 {s['items_unchanged']} 项；新增领域 {s['domains_added']} 个，删除领域 {s['domains_removed']} 个"
        )
    if diff.is_empty:
        lines.append("没有差异。")
        return "\n".join(lines)
    for m in diff.meta:
        lines.append(f"目录信息 {_field_line(m)}")
    for d in diff.domains:
        if d.status in ("unchanged", "not_involved") and not show_unchanged:
            continue
        counts = "，".join(
            f"{diff.item_label(c)} {d.count(c)}"
            for c in ("removed", "added", "changed")
            if d.count(c)
        )
        lines.append("")
        lines.append(
            f"【{d.name}】{diff.domain_label(d.status)}" + (f"：{counts}" if counts else "")
        )
        for a in d.attributes:
            lines.append(f"    {_field_line(a)}")
        for item in d.items:
            lines.append(_item_line(diff, item))
            lines.extend(f"      {_field_line(f)}" for f in item.fields)
    return "\n".join(lines)
