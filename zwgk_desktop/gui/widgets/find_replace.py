"""查找和替换 (Ctrl+F / Ctrl+H): in the current domain or the whole catalog.

Matches are found on the Python objects (``gui/search.py``); 查找下一个 searches each
domain's cells joined into one text (``gui/find_index.py``), kept until the domain changes.
全部替换 is one undo step, even across domains.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.gui import commands
from zwgk_desktop.gui.dialogs.sizing import FittedDialog
from zwgk_desktop.gui.find_index import FindIndex
from zwgk_desktop.gui.search import ALL_KEYS, Match, Needle, find_all, replaced_value
from zwgk_desktop.gui.session import Session

Position = tuple[str, int, str]  # (domain id, 0-based row, field key)
COUNT_LIMIT = 5_000  # items; above this 查找下一个 does not count every match (F3 stays fast)
# Seconds of joining per event-loop turn while an F3 waits for the index (a first search
# of a large catalog before the dialog warmed it): the window keeps answering meanwhile.
FIND_SLICE = 0.008
WAITING = "正在查找……（第一次查找大目录需要片刻）"


class FindReplaceDialog(FittedDialog):
    SCOPE_DOMAIN = 0
    SCOPE_CATALOG = 1

    def __init__(
        self,
        session: Session,
        current: Callable[[], Position | None],
        locate: Callable[[str, int, str], None],
        parent: QWidget | None = None,
        notify: Callable[[str, int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("查找和替换")
        self.setModal(False)
        self.session = session
        self.current = current
        self.locate = locate
        self.notify = notify  # the window's status bar, for an F3 while the dialog is hidden
        grid = QGridLayout(self)
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText("要查找的文字")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText("替换为（可为空）")
        self.scope = QComboBox(self)
        self.scope.addItems(["当前领域", "整个目录"])
        self.column = QComboBox(self)
        self.column.addItem("所有列", None)
        for spec in FIELDS:
            self.column.addItem(spec.label, spec.key)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        grid.addWidget(QLabel("查找内容：", self), 0, 0)
        grid.addWidget(self.find_edit, 0, 1, 1, 3)
        grid.addWidget(QLabel("替换为：", self), 1, 0)
        grid.addWidget(self.replace_edit, 1, 1, 1, 3)
        grid.addWidget(QLabel("范围：", self), 2, 0)
        grid.addWidget(self.scope, 2, 1)
        grid.addWidget(QLabel("列：", self), 2, 2)
        grid.addWidget(self.column, 2, 3)
        grid.addWidget(self.status, 3, 0, 1, 4)
        buttons = QHBoxLayout()
        self.next_button = QPushButton("查找下一个 (F3)", self)
        self.next_button.setDefault(True)
        self.prev_button = QPushButton("查找上一个", self)
        self.replace_button = QPushButton("替换", self)
        self.replace_all_button = QPushButton("全部替换", self)
        close = QPushButton("关闭", self)
        for button in (
            self.next_button,
            self.prev_button,
            self.replace_button,
            self.replace_all_button,
            close,
        ):
            buttons.addWidget(button)
        grid.addLayout(buttons, 4, 0, 1, 4)
        self.next_button.clicked.connect(lambda: self.find_next(True))
        self.prev_button.clicked.connect(lambda: self.find_next(False))
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        self._counted: tuple | None = None  # (search, matches) for 第 n 处, until an edit
        for signal in (session.cells_changed, session.rows_inserted, session.rows_removed):
            signal.connect(self._forget_count)
        session.layout_changed.connect(self._forget_count)
        self.index = FindIndex()
        for signal in (
            session.cells_changed,
            session.rows_inserted,
            session.rows_removed,
            session.layout_changed,
            session.domain_changed,
        ):
            signal.connect(self._forget_domain)
        session.domains_reset.connect(self._forget_all)
        session.reloaded.connect(self._forget_all)
        # While the dialog is open the index is built between event-loop turns.
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm)
        # An F3 that found the index not ready goes on from here, a slice a turn.
        self._waiting: bool | None = None  # the direction of the search that waits
        self._resume_timer = QTimer(self)
        self._resume_timer.setSingleShot(True)  # started again by a search still waiting
        self._resume_timer.setInterval(0)
        self._resume_timer.timeout.connect(self._resume)
        self.set_read_only(session.read_only)

    def _forget_count(self, *_: object) -> None:
        self._counted = None

    def _forget_domain(self, domain_id: str, *_: object) -> None:
        self.index.forget(domain_id)
        if self.isVisible():
            self._warm_timer.start()

    def _forget_all(self) -> None:
        self.index.forget()
        if self.isVisible():
            self._warm_timer.start()

    def _warm(self) -> None:
        if self._waiting is not None:
            return  # the waiting F3 joins what it needs itself
        session = self.session
        loaded = [d for d in session.domains if session.is_loaded(d.id)]
        if self.index.warm(loaded):
            self._warm_timer.stop()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._warm_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._warm_timer.stop()
        super().hideEvent(event)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setEnabled(not read_only)

    def open_for(self, replace: bool, text: str = "") -> None:
        if text:
            self.find_edit.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )
        self.find_edit.selectAll()

    # ----------------------------------------------------------------- searching
    def _keys(self) -> tuple[str, ...]:
        key = self.column.currentData()
        return ALL_KEYS if key is None else (key,)

    def _domains(self) -> list[str] | None:
        if self.scope.currentIndex() == self.SCOPE_CATALOG:
            return None
        position = self.current()
        return [position[0]] if position else []

    def matches(self) -> list[Match]:
        catalog = (
            self.session.catalog
            if self.scope.currentIndex() == self.SCOPE_CATALOG
            else self.session.partial_catalog
        )
        return find_all(catalog, self.find_edit.text(), self._domains(), self._keys())

    def _say(self, text: str) -> None:
        self.status.setText(text)
        if not self.isVisible() and self.notify is not None:
            self.notify(text, 5000)

    @property
    def waiting(self) -> bool:
        """An F3 is waiting for the index (its answer comes in a later event-loop turn)."""
        return self._waiting is not None

    def _resume(self) -> None:
        if self._waiting is not None:
            self.find_next(self._waiting)

    def find_next(self, forward: bool = True) -> Match | None:
        """Go to the next/previous match, scanning from the current cell (F3).

        If the index of the domains to search is not ready (a first F3 on a large
        catalog), this joins a slice of it and returns None; the search goes on in the
        next event-loop turns and moves to the match when it is found, from wherever the
        cursor is then. The window never freezes for the ~0.5 s a 100,000-item join takes.
        """
        text = self.find_edit.text()
        if not text.strip():
            self._stop_waiting()
            self._say("请输入要查找的文字")
            return None
        catalog_scope = self.scope.currentIndex() == self.SCOPE_CATALOG
        position = self.current()
        if catalog_scope:
            domains = self.session.catalog.domains  # reads the domains not loaded yet
        else:
            domains = [self.session.domain(position[0])] if position else []
        start = None
        if position is not None:
            index = next((n for n, d in enumerate(domains) if d.id == position[0]), 0)
            start = (index, position[1], position[2])
        if not self._index_ready(domains, Needle(text).folds_case):
            if self._waiting is None:
                self._say(WAITING)
            self._waiting = forward
            self._resume_timer.start()
            return None
        self._stop_waiting()
        target, wrapped = self.index.find_from(domains, text, start, forward, self._keys())
        if target is None:
            self._say(f"找不到“{text}”")
            return None
        self._say(self._where(target, domains, wrapped, forward))
        self.locate(target.domain_id, target.item_id, target.key)
        return target

    def _index_ready(self, domains: list, folded: bool) -> bool:
        """Join a slice of what the search needs; True when it may search in this turn
        (a turn that joined for long leaves the search, up to ~11 ms, to the next one)."""
        if self.index.ready(domains, folded):
            return True
        started = time.perf_counter()
        done = self.index.warm(domains, FIND_SLICE, folded)
        return done and time.perf_counter() - started < FIND_SLICE / 2

    def _stop_waiting(self) -> None:
        self._waiting = None
        self._resume_timer.stop()

    def _where(self, target: Match, domains: list, wrapped: bool, forward: bool) -> str:
        """第 n 处，共 m 处 where counting is cheap; on a large catalog only the wrap note."""
        note = (
            ("已查到末尾，从头继续。" if forward else "已查到开头，从末尾继续。") if wrapped else ""
        )
        if sum(len(d.items) for d in domains) > COUNT_LIMIT:
            return note or "已找到"
        key = (self.find_edit.text(), tuple(d.id for d in domains), self._keys())
        if self._counted is None or self._counted[0] != key:
            every = find_all(Catalog(domains=list(domains)), key[0], keys=key[2])
            self._counted = (key, [(m.domain_id, m.item_id, m.key) for m in every])
        found = self._counted[1]
        spot = (target.domain_id, target.item_id, target.key)
        number = found.index(spot) + 1 if spot in found else 0
        counted = f"第 {number} 处，共 {len(found)} 处" if number else f"共 {len(found)} 处"
        return note + counted

    def replace_current(self) -> bool:
        """Replace in the current cell if it matches, then move to the next match."""
        position = self.current()
        replaced = False
        if position is not None and position[1] >= 0 and not self.session.read_only:
            domain_id, row, key = position
            item = self.session.items(domain_id)[row]
            if key in self._keys():
                value = replaced_value(item, key, self.find_edit.text(), self.replace_edit.text())
                if value is not None:
                    command = commands.set_cells(
                        self.session, [(domain_id, item.id, key, value)], text="替换"
                    )  # type: ignore[list-item]
                    replaced = commands.push(self.session, command)
        self.find_next(True)
        return replaced

    def replace_all(self) -> int:
        if self.session.read_only:
            return 0
        changes = []
        for match in self.matches():
            item = self.session.item(match.domain_id, match.item_id)
            value = replaced_value(item, match.key, self.find_edit.text(), self.replace_edit.text())
            if value is not None:
                changes.append((match.domain_id, match.item_id, match.key, value))
        if not changes:
            self.status.setText("没有可替换的内容")
            return 0
        command = commands.set_cells(self.session, changes, text=f"全部替换（{len(changes)} 处）")
        if not commands.push(self.session, command):
            return 0
        self.status.setText(f"已替换 {len(changes)} 处（可撤销）")
        return len(changes)
