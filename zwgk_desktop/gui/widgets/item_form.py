"""The item form: every field of the current row, with room for the long texts.

Text commits when the field loses focus or on Ctrl+Enter, as one undo step; a choice
commits on each tick (consecutive ticks of one field merge into one step). The form shows
the field's validation messages under it and whether the item differs from its template.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.fields import FIELDS, FieldKind, FieldSpec
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui import commands, look
from zwgk_desktop.gui.delegates import terms_for
from zwgk_desktop.gui.session import Session
from zwgk_desktop.gui.template_ops import differing_fields, template_for, template_item
from zwgk_desktop.gui.widgets.choice_editor import ChoiceEditor

if TYPE_CHECKING:
    from zwgk_desktop.core.sources.outdated import OutdatedCitation

_M = TypeVar("_M", bound=Callable[..., Any])
_MESSAGE_COLORS = {Severity.ERROR: "#c62828", Severity.WARNING: "#9a6700", Severity.INFO: "#1e5fa8"}


def _one_line(label: QLabel) -> None:
    """A label that never wraps nor widens the dock: clipped, the full text in its tooltip."""
    label.setWordWrap(False)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)


class FormTextEdit(QPlainTextEdit):
    """Long text in the form: commits on focus-out and Ctrl+Enter."""

    commit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commit_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.commit_requested.emit()


def _when_built(method: _M) -> _M:
    """A method that shows or commits field values: nothing to do before the fields exist."""

    @functools.wraps(method)
    def wrapper(self: ItemForm, *args: Any, **kwargs: Any) -> Any:
        return method(self, *args, **kwargs) if self.built else None

    return wrapper  # type: ignore[return-value]


class ItemForm(QScrollArea):
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None, build: bool = True) -> None:
        """``build=False``: the fields are made by :meth:`build`, later (the app's start
        builds them after the table's first paint; ~10 ms and their own paint saved
        before it). Until then the form is an empty panel and remembers what to show."""
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.session: Session | None = None
        self.validation: Any = None
        self.domain_id: str | None = None
        self.item_id: int | None = None
        self._loading = False
        self._template_timer = QTimer(self)
        self._template_timer.setSingleShot(True)
        self._template_timer.setInterval(0)
        self._template_timer.timeout.connect(self._update_template)
        # The first item shown waits for the 公开依据 register to be compiled until after
        # the window's first paint (~0.1 s at start).
        self._source_timer = QTimer(self)
        self._source_timer.setSingleShot(True)
        self._source_timer.setInterval(0)
        self._source_timer.timeout.connect(self._on_source_timer)
        # Set by the window (``first_paint.PaintWatch.hold``): the timer alone may fire
        # before the window has painted on a busy PC.
        self.paint_hold: Callable[[Callable[[], None]], bool] | None = None
        self.built = False
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        if build:
            self.build()

    def build(self) -> None:
        """Make the fields (once) and show what is bound and selected by now."""
        if self.built:
            return
        host = QWidget(self)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(3)
        self.heading = QLabel("未选择事项", host)
        self.heading.setObjectName("formHeading")
        look.heading(self.heading, point_size=11)
        _one_line(self.heading)
        layout.addWidget(self.heading)
        template_row = QHBoxLayout()
        self.template_label = QLabel("", host)
        _one_line(self.template_label)
        look.text_color(self.template_label, look.MUTED_GREY)
        self.reset_button = QPushButton("恢复为模板", host)
        self.reset_button.setToolTip("把本事项恢复为标准模板的内容（可撤销）")
        self.reset_button.clicked.connect(self.reset_requested)
        policy = self.reset_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # showing/hiding it never moves the form
        self.reset_button.setSizePolicy(policy)
        template_row.addWidget(self.template_label, 1)
        template_row.addWidget(self.reset_button)
        layout.addLayout(template_row)
        for spec in FIELDS:
            # The label and the field's message share one fixed line: a message appearing
            # or going after a tick never moves the controls under the pointer.
            line = QHBoxLayout()
            line.setSpacing(8)
            label = QLabel(f"{spec.label}{' *' if spec.required else ''}", host)
            label.setObjectName("fieldLabel")
            look.heading(label, look.LABEL_GREY)
            label.setContentsMargins(0, 5, 0, 0)
            label.setToolTip(spec.help)
            message = QLabel("", host)
            message.setObjectName("fieldMessage")
            message.setTextFormat(Qt.TextFormat.RichText)
            message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            message.setFixedHeight(label.sizeHint().height())
            line.addWidget(label)
            line.addWidget(message, 1)
            layout.addLayout(line)
            editor = self._make_editor(spec, host)
            label.setBuddy(editor)
            layout.addWidget(editor)
            self.labels[spec.key] = label
            self.editors[spec.key] = editor
            self.messages[spec.key] = message
            if spec.key == "basis":
                layout.addWidget(self._make_source_row(host))
        layout.addStretch(1)
        self.setWidget(host)
        self.built = True
        self.refresh_levels()
        self.refresh()

    def _make_source_row(self, parent: QWidget) -> QWidget:
        """Under 公开依据: an outdated citation, its replacement and a one-click 替换."""
        self.source_row = QFrame(parent)
        self.source_row.setObjectName("sourceRow")
        self.source_row.setStyleSheet(
            "#sourceRow{background:#fff8e1;border:1px solid #e0c36b;border-radius:3px;}"
        )
        row = QHBoxLayout(self.source_row)
        row.setContentsMargins(6, 4, 6, 4)
        self.source_label = QLabel("", self.source_row)
        self.source_label.setWordWrap(True)
        self.source_replace = QPushButton("替换", self.source_row)
        self.source_replace.setToolTip("把过时的依据改为现行文件（可撤销）")
        self.source_replace.clicked.connect(self.replace_outdated_source)
        row.addWidget(self.source_label, 1)
        row.addWidget(self.source_replace, 0, Qt.AlignmentFlag.AlignTop)
        self.source_row.setVisible(False)
        self._source_citation: OutdatedCitation | None = None
        return self.source_row

    @_when_built
    def _on_source_timer(self) -> None:
        if self.paint_hold is not None and self.paint_hold(self._source_timer.start):
            return
        self._update_source_row(self.current_item(), wait=False)

    def _update_source_row(self, item: Any, wait: bool = True) -> None:
        """Show the first outdated citation of 公开依据 that has a current replacement."""
        self._source_citation = None
        if item is None or self.session is None or not item.basis:
            self.source_row.setVisible(False)
            return
        if wait and self.paint_hold is not None and self.paint_hold(self._source_timer.start):
            self.source_row.setVisible(False)  # the register loads after the first paint
            return
        if wait and not _register_ready():
            self.source_row.setVisible(False)
            self._source_timer.start()  # after the first paint
            return
        from zwgk_desktop.core.sources import active_register, as_of_for
        from zwgk_desktop.core.sources.outdated import outdated_citations
        from zwgk_desktop.core.sources.replace import replace_citation

        self._source_timer.stop()
        as_of = as_of_for(self.session.meta.year)
        found = [
            c
            for c in outdated_citations(item.basis, active_register(), as_of.day)
            if not c.upcoming and c.current is not None
        ]
        if not found or replace_citation(item.basis, found[0]) is None:
            self.source_row.setVisible(False)
            return
        citation = found[0]
        assert citation.current is not None
        since = citation.standing.since
        when = f"自{since}起" if since and not since.endswith("后") else since
        more = f"（另有 {len(found) - 1} 处）" if len(found) > 1 else ""
        self.source_label.setText(
            f"{citation.cited_as()}{when}{citation.standing.how}。"
            f"可一键改为现行的{citation.current.citation()}{more}"
        )
        self._source_citation = citation
        self.source_replace.setEnabled(not self.session.read_only)
        self.source_row.setVisible(True)

    @_when_built
    def replace_outdated_source(self) -> None:
        """替换: rewrite the shown citation in 公开依据 as one undo step."""
        item = self.current_item()
        citation = self._source_citation
        if item is None or citation is None or self.session is None or self.domain_id is None:
            return
        from zwgk_desktop.core.sources.replace import replace_citation

        self._commit("basis")  # what the clerk typed first, as its own step
        item = self.current_item()
        new = replace_citation(item.basis, citation) if item is not None else None
        if item is None or new is None:
            return
        command = commands.set_cells(
            self.session, [(self.domain_id, item.id, "basis", new)], text="替换过时的公开依据"
        )
        commands.push(self.session, command)

    def _make_editor(self, spec: FieldSpec, parent: QWidget) -> QWidget:
        if spec.kind is FieldKind.LONG_TEXT:
            edit = FormTextEdit(parent)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 14)
            edit.setPlaceholderText(spec.help)
            edit.commit_requested.connect(lambda key=spec.key: self._commit(key))
            return edit
        if spec.is_choice:
            # One column for the 13 channels keeps the dock narrow (long names such as
            # “社区/企事业单位/村公示栏(电子屏)”); the short vocabularies sit in one row.
            columns = 1 if spec.key == "channels" else 3
            choice = ChoiceEditor(spec.key, terms_for(spec, ()), columns=columns, parent=parent)
            choice.changed.connect(lambda key=spec.key: self._commit(key))
            return choice
        line = QLineEdit(parent)
        line.setPlaceholderText(spec.help)
        line.editingFinished.connect(lambda key=spec.key: self._commit(key))
        return line

    # ----------------------------------------------------------------- binding
    def bind(self, session: Session | None, validation: Any = None) -> None:
        if self.session is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self.session = session
        self.validation = validation
        self.domain_id = None
        self.item_id = None
        if session is not None:
            self.refresh_levels()
            for signal, slot in self._connections():
                signal.connect(slot)
        self.refresh()

    @_when_built
    def refresh_levels(self) -> None:
        """Offer the catalog's 公开层级 names (after 目录信息 changed them)."""
        if self.session is None:
            return
        level_editor = self.editors["level"]
        assert isinstance(level_editor, ChoiceEditor)
        level_editor.set_terms(
            terms_for(FIELDS[[f.key for f in FIELDS].index("level")], self.session.meta.levels)
        )

    def _connections(self) -> list[tuple[Any, Any]]:
        assert self.session is not None
        pairs = [(self.session.cells_changed, self._on_cells)]
        if self.validation is not None:
            pairs.append((self.validation.marks_changed, self._on_marks))
        return pairs

    def show_item(self, domain_id: str | None, item_id: int | None) -> None:
        if (domain_id, item_id) == (self.domain_id, self.item_id):
            return
        self.commit_all()
        self.domain_id, self.item_id = domain_id, item_id
        self.refresh()

    def current_item(self) -> Any:
        if self.session is None or self.domain_id is None or self.item_id is None:
            return None
        try:
            return self.session.item(self.domain_id, self.item_id)
        except KeyError:
            return None

    # ----------------------------------------------------------------- display
    @_when_built
    def refresh(self, keys: set[str] | None = None) -> None:
        item = self.current_item()
        self._set_enabled(item is not None)
        if item is None:
            self.heading.setText("未选择事项")
            self.template_label.setText("")
            self.reset_button.setVisible(False)
            self._loading = True
            for spec in FIELDS:
                self._set_value(spec, [] if spec.is_choice else "")
            self._loading = False
            self._show_messages(None)
            self._update_source_row(None)
            return
        self._update_heading(item)
        self._loading = True
        for spec in FIELDS:
            if keys is not None and spec.key not in keys:
                continue
            editor = self.editors[spec.key]
            if editor.hasFocus() and not spec.is_choice:
                continue  # never overwrite what the clerk is typing
            self._set_value(spec, item.get(spec.key))
        self._loading = False
        self._template_timer.start()  # templates are parsed on first use: not before paint
        self._show_messages(item)
        self._update_source_row(item)

    def _set_value(self, spec: FieldSpec, value: Any) -> None:
        editor = self.editors[spec.key]
        if isinstance(editor, ChoiceEditor):
            editor.set_values(value)
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != value:
                editor.setPlainText(value)
        elif isinstance(editor, QLineEdit) and editor.text() != value:
            editor.setText(value)
            editor.setCursorPosition(0)

    def _update_heading(self, item: Any) -> None:
        assert self.session is not None and self.domain_id is not None
        row = self.session.row_of(self.domain_id, item.id)
        self.heading.setText(f"第 {row + 1} 项　{item.title()}")
        self.heading.setToolTip(item.title())

    @_when_built
    def _update_template(self) -> None:
        item = self.current_item()
        if item is not None:
            self._show_template(item)

    def _show_template(self, item: Any) -> None:
        self._show_template_text(item)
        self.template_label.setToolTip(self.template_label.text())

    def _show_template_text(self, item: Any) -> None:
        assert self.session is not None and self.domain_id is not None
        if not item.template_ref:
            self.template_label.setText("本地事项（不来自标准模板）")
            self.reset_button.setVisible(False)
            return
        template = template_for(self.session.domain(self.domain_id))
        reference = template_item(template, item, self.session.unit)
        if reference is None:
            self.template_label.setText("本地事项（不来自标准模板）")
            self.reset_button.setVisible(False)
            return
        diffs = differing_fields(item, reference)
        if diffs:
            names = "、".join(spec.label for spec in FIELDS if spec.key in diffs)
            self.template_label.setText(f"来自标准模板，已修改：{names}")
        else:
            self.template_label.setText("来自标准模板，与模板一致")
        self.reset_button.setVisible(bool(diffs))
        self.reset_button.setEnabled(bool(diffs) and not self.session.read_only)

    def _show_messages(self, item: Any) -> None:
        store = self.validation.store if self.validation is not None else None
        for spec in FIELDS:
            label = self.messages[spec.key]
            issues = (
                store.cell_issues(item.id, spec.key)
                if store is not None and item is not None
                else []
            )
            if not issues:
                label.setText("")
                label.setToolTip("")
                continue
            import html  # with the first message, not at start

            first = issues[0]
            more = f"（另有 {len(issues) - 1} 条）" if len(issues) > 1 else ""
            label.setText(
                f"<span style='color:{_MESSAGE_COLORS[first.severity]}'>● "
                f"{first.severity.label}：{html.escape(first.message)}{more}</span>"
            )
            label.setToolTip(
                "\n".join(
                    f"{i.severity.label}：{i.message}" + (f"\n{i.hint}" if i.hint else "")
                    for i in issues
                )
            )

    def _set_enabled(self, enabled: bool) -> None:
        writable = enabled and self.session is not None and not self.session.read_only
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setEnabled(enabled)
                editor.setReadOnly(not writable)
            else:
                editor.setEnabled(writable)

    # ----------------------------------------------------------------- committing
    def _value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, ChoiceEditor):
            return editor.values()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def _commit(self, key: str) -> None:
        if self._loading or self.session is None or self.session.read_only:
            return
        item = self.current_item()
        if item is None or self.domain_id is None:
            return
        value = self._value(key)
        if isinstance(value, str):
            value = value.strip()
        if value == item.get(key):
            return
        label = next(spec.label for spec in FIELDS if spec.key == key)
        command = commands.set_cells(
            self.session, [(self.domain_id, item.id, key, value)], text=f"编辑{label}", merge=True
        )
        commands.push(self.session, command)

    @_when_built
    def commit_all(self) -> None:
        """Commit pending text (before switching item, closing or exporting)."""
        for spec in FIELDS:
            if not spec.is_choice:
                self._commit(spec.key)

    @_when_built
    def _on_cells(self, domain_id: str, rows: list[int], keys: list[str]) -> None:
        item = self.current_item()
        if item is None or domain_id != self.domain_id or self.session is None:
            return
        if self.session.row_of(domain_id, item.id) in rows:
            self.refresh(set(keys))

    @_when_built
    def _on_marks(self, domain_id: str, rows: Any) -> None:
        if domain_id in (self.domain_id, ""):
            item = self.current_item()
            self._show_messages(item)
            if item is not None:
                self._update_heading(item)  # rows may have moved
                self._template_timer.start()


def _register_ready() -> bool:
    """Whether the register in use is read and compiled, without loading the register
    code to find out (not loaded means not ready: it loads after the first paint)."""
    active = sys.modules.get("zwgk_desktop.core.sources.active")
    return active is not None and active.register_ready()
