"""领域 menu and the domain header: custom domains, 未涉及 and its reason, template items."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.vocab import NOT_INVOLVED_REASONS
from zwgk_desktop.gui import commands, msgbox
from zwgk_desktop.gui.commands import AddDomainOp, DomainOp, EditCommand, RemoveDomainOp, RemoveOp
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.widgets.domain_header import DomainHeader
from zwgk_desktop.gui.widgets.reasons import show_reasons


class DomainController(QObject):
    """Handlers of the 领域 menu, the header's 未涉及 box and note, the form's 恢复为模板."""

    HANDLES: ClassVar[tuple[str, ...]] = (
        "add_domain",
        "remove_domain",
        "add_standard_items",
        "reset_to_template",
        "mark_template_diff",
    )

    def __init__(
        self,
        window: QWidget,
        ctx: DocumentContext,
        doc: DocumentController,
        chrome: ChromeController,
        actions: dict[str, QAction],
        header: DomainHeader,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.doc = doc
        self.chrome = chrome
        self.actions = actions
        self.header = header
        header.not_involved_toggled.connect(self.set_not_involved)
        header.note_edited.connect(self.set_note)
        chrome.actions_updated.connect(self._update_actions)

    def _push(self, text: str, ops: list[Any]) -> bool:
        if self.ctx.session is None:
            return False
        return commands.push(self.ctx.session, EditCommand(self.ctx.session, text, ops))

    def _update_actions(self) -> None:
        """Only a custom domain can be removed."""
        session, domain_id = self.ctx.session, self.ctx.current_domain()
        custom = bool(session is not None and domain_id and not session.domain(domain_id).pilot)
        self.actions["remove_domain"].setEnabled(self.ctx.writable and custom)

    # ----------------------------------------------------------------- 未涉及
    def set_not_involved(self, checked: bool) -> None:
        session, domain_id = self.ctx.session, self.ctx.current_domain()
        if session is None or domain_id is None:
            return
        domain = session.domain(domain_id)
        if domain.not_involved == checked:
            return
        text = "标为未涉及" if checked else "取消未涉及"
        old_values: dict[str, Any] = {"not_involved": domain.not_involved}
        new_values: dict[str, Any] = {"not_involved": checked}
        offer_reason = checked and not domain.note.strip()
        if offer_reason:  # the usual reason, as 新建目录 offers it; one undo step with the mark
            old_values["note"] = domain.note
            new_values["note"] = NOT_INVOLVED_REASONS[0]
        ops: list[Any] = [DomainOp(session, domain_id, old_values, new_values)]
        if checked and domain.items:
            question = f"“{domain.name}”中还有 {len(domain.items)} 个事项。标为未涉及后这些事项不再需要，要一并删除吗？（可撤销）"
            if msgbox.ask(self.window, question, yes="一并删除", no="保留事项"):
                ops.append(RemoveOp(session, domain_id, [item.id for item in domain.items]))  # type: ignore[misc]
        self._push(text, ops)
        self.header.show_domain(session.domain(domain_id), session.read_only)
        if offer_reason:
            self.header.note.setFocus()
            self.header.note.selectAll()
            show_reasons(self.header.note)

    def set_note(self, text: str) -> None:
        session, domain_id = self.ctx.session, self.ctx.current_domain()
        if session is None or domain_id is None:
            return
        domain = session.domain(domain_id)
        if domain.note != text:
            self._push(
                "编辑未涉及说明",
                [DomainOp(session, domain_id, {"note": domain.note}, {"note": text})],
            )

    # ----------------------------------------------------------------- custom domains
    def on_add_domain(self) -> None:
        session = self.ctx.session
        if session is None:
            return
        name, ok = standard.get_text(
            self.window, "添加领域", "领域名称（26 个试点领域以外的领域）："
        )
        name = name.strip()
        if not ok or not name:
            return
        if any(fold(d.name) == fold(name) for d in session.domains):
            msgbox.warning(self.window, f"领域“{name}”已经存在")
            return
        self.add_custom_domain(name)

    def add_custom_domain(self, name: str) -> str | None:
        session = self.ctx.session
        assert session is not None
        taken = {d.id for d in session.domains}
        base = "custom-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "domain")
        domain_id, n = base, 2
        while domain_id in taken:
            domain_id, n = f"{base}-{n}", n + 1
        domain = Domain(id=domain_id, name=name, pilot=False)
        if not self._push(f"添加领域“{name}”", [AddDomainOp(session, domain)]):
            return None
        self.doc.show_domain(domain_id)
        return domain_id

    def on_remove_domain(self) -> None:
        session, domain_id = self.ctx.session, self.ctx.current_domain()
        if session is None or domain_id is None:
            return
        domain = session.domain(domain_id)
        if domain.pilot:
            msgbox.info(
                self.window,
                "试点领域不能删除；本单位不涉及时，请勾选“本单位未涉及该领域”并填写说明。",
            )
            return
        if not msgbox.ask(
            self.window,
            f"删除自定义领域“{domain.name}”及其 {len(domain.items)} 个事项？（可撤销）",
            yes="删除",
        ):
            return
        self._push(f"删除领域“{domain.name}”", [RemoveDomainOp(session, domain_id)])

    # ----------------------------------------------------------------- the template
    def on_add_standard_items(self) -> None:
        editor, session, domain_id = self.ctx.editor, self.ctx.session, self.ctx.current_domain()
        if editor is None or session is None or domain_id is None:
            return
        added = editor.add_standard_items()
        domain = session.domain(domain_id)
        if added:
            self.chrome.message(f"已从模板添加 {added} 个标准事项（Ctrl+Z 可撤销）", 6000)
        elif not domain.pilot:
            msgbox.info(self.window, "自定义领域没有标准模板。")
        else:
            msgbox.info(self.window, f"“{domain.name}”已包含模板中的全部标准事项。")

    def on_reset_to_template(self) -> None:
        editor = self.ctx.editor
        if editor is None:
            return
        if not editor.rows_with_template():
            self.chrome.message("选中的事项不是来自标准模板", 5000)
            return
        if editor.reset_to_template():
            self.chrome.message("已恢复为模板内容（Ctrl+Z 可撤销）", 5000)
        else:
            self.chrome.message("选中的事项与模板一致", 5000)

    def on_mark_template_diff(self, checked: bool) -> None:
        if self.ctx.table_model is not None:
            self.ctx.table_model.set_show_template_diff(checked)
