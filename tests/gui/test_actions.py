"""The action table: no key is used twice, menus are complete (handlers: test_controllers)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from zwgk_desktop.gui.actions import ACTIONS, MENUS


def test_no_two_actions_share_a_key() -> None:
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        assert set(spec.menus) <= set(MENUS), spec.id
        for shortcut in spec.shortcuts:
            text = QKeySequence(shortcut).toString()
            assert text, shortcut
            assert text not in seen, f"{shortcut} used by {seen.get(text)} and {spec.id}"
            seen[text] = spec.id


def test_menus_hold_the_commands_the_brief_names(window) -> None:
    texts = {title: [a.text() for a in menu.actions()] for title, menu in window.menus.items()}
    for wanted in (
        "新建目录…",
        "打开…",
        "导入 Excel…",
        "导出 Excel…",
        "导出 PDF…",
        "打印…",
        "版本快照…",
        "另存为…",
        "退出",
    ):
        assert wanted in texts["文件"], wanted
    assert "最近打开" in texts["文件"]
    for wanted in (
        "添加领域…",
        "删除自定义领域",
        "从模板添加标准事项",
        "恢复为模板",
        "标出与模板不同的事项",
    ):
        assert wanted in texts["领域"], wanted
    assert "关于" in texts["帮助"]
