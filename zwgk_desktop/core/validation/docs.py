"""Generate ``docs/rules.md`` from the rule declarations.

    python -m zwgk_desktop.core.validation.docs > docs/rules.md

A test checks that the committed file equals this output, so the catalogue reviewers read
is always the one the code runs.
"""

from __future__ import annotations

import sys

from zwgk_desktop.core.validation import RULES, Severity
from zwgk_desktop.core.validation.registry import FAMILIES, Rule


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def generate() -> str:
    """The whole Markdown document."""
    lines = [
        "# 校验规则目录",
        "",
        "<!-- 本文件由 `python -m zwgk_desktop.core.validation.docs > docs/rules.md` 生成，请勿手工修改。 -->",
        "",
        "`zwgk validate`、桌面程序的检查面板和县级批量审核使用同一套规则。每条规则有固定编号，"
        "级别分为：",
        "",
        f"- **{Severity.ERROR.label}**（`error`）：必须修改，存在错误时 `zwgk validate` 的退出码为 1；",
        f"- **{Severity.WARNING.label}**（`warning`）：很可能有问题，请核对；",
        f"- **{Severity.INFO.label}**（`info`）：建议，确认无误可以不改。",
        "",
        "位置说明：领域、事项序号（领域内从 1 开始）和字段（交换格式 JSON 中的键名，如 `time_limit`）。"
        "范围为“目录”的规则检查目录信息，“领域”的规则检查整个领域，“事项”的规则逐项检查。"
        "标记为“未涉及”的领域只检查未涉及说明。",
        "",
        f"共 {len(RULES)} 条规则。",
        "",
        "| 编号 | 级别 | 范围 | 规则 |",
        "|---|---|---|---|",
    ]
    by_family: dict[str, list[Rule]] = {}
    for rule in RULES.values():
        by_family.setdefault(rule.family, []).append(rule)
    ordered = [(key, heading, by_family.get(key, [])) for key, heading in FAMILIES]
    for _, _, rules in ordered:
        for rule in rules:
            lines.append(
                f"| [`{rule.id}`](#{rule.id.lower()}) | {rule.severity.label} | {rule.scope.label} | {_cell(rule.title)} |"
            )
    for _, heading, rules in ordered:
        if not rules:
            continue
        lines += ["", f"## {heading}"]
        for rule in rules:
            lines += [
                "",
                f"### {rule.id}",
                "",
                f"**{rule.title}** — {rule.severity.label}（`{rule.severity.value}`），范围：{rule.scope.label}",
                "",
                rule.description,
                "",
                f"修改建议：{rule.hint}",
            ]
    return "\n".join(lines) + "\n"


def main() -> None:
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    sys.stdout.write(generate())


if __name__ == "__main__":
    main()
