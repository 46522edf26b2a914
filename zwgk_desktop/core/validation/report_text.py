"""Plain-text validation reports for the terminal: grouped by domain, hints once per rule."""

from __future__ import annotations

from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.validation.engine import ValidationResult
from zwgk_desktop.core.validation.issue import Issue, Severity
from zwgk_desktop.core.validation.registry import RULES
from zwgk_desktop.core.validation.textutil import item_label, quote


def counts_text(counts: dict[str, int]) -> str:
    """ "3 个错误，2 个警告，1 个提示" (or "未发现问题")."""
    if not any(counts.values()):
        return "未发现问题"
    return "，".join(f"{counts.get(s.value, 0)} 个{s.label}" for s in Severity)


def catalog_title(catalog: Catalog) -> str:
    unit = quote(catalog.meta.unit, 40) or "（未填写单位）"
    year = quote(catalog.meta.year, 20)
    return f"{unit} {year}".strip()


def summary_line(
    name: str, catalog: Catalog | None, result: ValidationResult | None, error: str = ""
) -> str:
    """One line per file for batch checks."""
    if error or catalog is None or result is None:
        return f"{name}：无法读取（{error}）"
    return f"{name}（{catalog_title(catalog)}）：{counts_text(result.counts)}"


def _issue_line(issue: Issue) -> str:
    where = []
    if issue.item is not None:
        where.append(f"第{issue.item}项")
    if issue.field_label:
        where.append(issue.field_label)
    location = " ".join(where)
    prefix = f"  {issue.severity.label} {issue.rule}"
    return f"{prefix}  {location}：{issue.message}" if location else f"{prefix}  {issue.message}"


# The same finding on this many items is printed once, with the count and the items.
REPEAT_THRESHOLD = 3
_MAX_PLACES = 6


def _item_name(catalog: Catalog, issue: Issue) -> str:
    """How the rules name the issue's item in a message ("“一级/二级”"), or ""."""
    if issue.item is None or issue.domain_id is None:
        return ""
    for domain in catalog.domains:
        if domain.id == issue.domain_id and 0 < issue.item <= len(domain.items):
            return f"“{item_label(domain.items[issue.item - 1], issue.item)}”"
    return ""


def _repeat_key(catalog: Catalog, issue: Issue) -> tuple[str, str, str, str] | None:
    """What makes two item issues "the same finding": rule, field and message but the item."""
    name = _item_name(catalog, issue)
    if not name:
        return None
    return (issue.rule, issue.severity.value, issue.field or "", issue.message.replace(name, "“…”"))


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "第1–3、5项"."""
    parts: list[str] = []
    start = previous = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(f"{start}" if start == previous else f"{start}–{previous}")
        if n is not None:
            start = previous = n
    return f"第{'、'.join(parts)}项"


def _places(issues: list[Issue]) -> str:
    by_domain: dict[str, list[int]] = {}
    for issue in issues:
        by_domain.setdefault(quote(issue.domain or "", 30), []).append(issue.item or 0)
    places = [f"{domain} {_ranges(sorted(n))}" for domain, n in by_domain.items()]
    if len(places) > _MAX_PLACES:
        return "；".join(places[:_MAX_PLACES]) + f" 等 {len(places)} 个领域"
    return "；".join(places)


def group_repeats(catalog: Catalog, issues: list[Issue]) -> tuple[list[list[Issue]], list[Issue]]:
    """Split ``issues`` into groups of one finding repeated on many items, and the rest."""
    groups: dict[tuple[str, str, str, str], list[Issue]] = {}
    for issue in issues:
        key = _repeat_key(catalog, issue)
        if key is not None:
            groups.setdefault(key, []).append(issue)
    repeated = [g for g in groups.values() if len(g) >= REPEAT_THRESHOLD]
    grouped = {id(i) for g in repeated for i in g}
    return repeated, [i for i in issues if id(i) not in grouped]


def _group_line(catalog: Catalog, group: list[Issue]) -> str:
    first = group[0]
    label = f"  {first.severity.label} {first.rule}"
    field = f" {first.field_label}" if first.field_label else ""
    message = first.message.replace(_item_name(catalog, first), "各事项")
    return f"{label}{field}：共 {len(group)} 处相同问题——{message}（{_places(group)}）"


def format_report(catalog: Catalog, result: ValidationResult, hints: bool = True) -> str:
    """The full report of one catalog: a headline, findings repeated on many items once
    each, the other issues per domain, then how to fix each rule."""
    lines = [f"{catalog_title(catalog)}：{counts_text(result.counts)}"]
    repeated, rest = group_repeats(catalog, list(result.issues))
    if repeated:
        lines.append("")
        lines.append("【多处相同的问题】")
        lines.extend(_group_line(catalog, group) for group in repeated)
    by_domain: dict[str | None, list[Issue]] = {}
    for issue in rest:
        by_domain.setdefault(issue.domain, []).append(issue)
    for domain, issues in by_domain.items():
        lines.append("")
        lines.append(f"【{(quote(domain, 30) if domain else '') or '目录信息'}】")
        lines.extend(_issue_line(issue) for issue in issues)
    if hints and result.issues:
        used = list(dict.fromkeys(issue.rule for issue in result.issues))
        lines.append("")
        lines.append("修改建议：")
        for rule_id in used:
            rule = RULES.get(rule_id)
            if rule is not None:
                lines.append(f"  {rule.id} {rule.title}：{rule.hint}")
    return "\n".join(lines)
