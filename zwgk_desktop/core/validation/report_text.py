"""Plain-text validation reports for the terminal: grouped by domain, hints once per rule."""

from __future__ import annotations

from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.validation.engine import ValidationResult
from zwgk_desktop.core.validation.issue import Issue, Severity
from zwgk_desktop.core.validation.registry import RULES
from zwgk_desktop.core.validation.textutil import quote


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


def format_report(catalog: Catalog, result: ValidationResult, hints: bool = True) -> str:
    """The full report of one catalog: a headline, issues per domain, then how to fix each rule."""
    lines = [f"{catalog_title(catalog)}：{counts_text(result.counts)}"]
    for domain, issues in result.by_domain():
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
