"""逐村生成村（居）务公开目录: a township catalog, a list of villages, a folder.

Each village gets ``<名称>.zwgk`` with the township's 村级 items, the same content for the
same items (``core.handdown``); only the unit — and the 公开主体 where the township itself
was the subject — differ.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core import paths
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.handdown import derive_villages, parse_village_names
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.os_reasons import os_reason
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.validation.rules_cells import unit_placeholder
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.dialogs.common import MUTED_STYLE, hint_label, safe_filename
from zwgk_desktop.gui.dialogs.sizing import FittedDialog

OPEN_FILTER = "目录文件 (*.zwgk *.xlsx *.json);;所有文件 (*)"
LIST_FILTER = "文本文件 (*.txt);;所有文件 (*)"


class VillageBatchDialog(FittedDialog):
    """Pick the township catalog, list the villages, choose a folder, 生成."""

    def __init__(self, parent: QWidget | None = None, township: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("逐村生成村（居）务公开目录")
        self.resize(640, 520)
        self.township: Catalog | None = None
        self.created: list[Path] = []

        self.source_edit = QLineEdit()
        self.source_edit.setReadOnly(True)
        self.source_edit.setPlaceholderText("乡镇（街道）的目录文件")
        source_button = QPushButton("选择…")
        source_button.clicked.connect(lambda _=False: self._ask_source())
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(source_button)
        self.source_info = QLabel()
        self.source_info.setStyleSheet(MUTED_STYLE)
        self.source_info.setWordWrap(True)

        self.names_edit = QPlainTextEdit()
        self.names_edit.setPlaceholderText("每行一个村（社区）名称，如：\n甲村\n乙村\n丙社区")
        self.names_edit.textChanged.connect(self._revalidate)
        list_button = QPushButton("从名单文件读取…")
        list_button.clicked.connect(lambda _=False: self._ask_list())

        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("生成的文件放在此文件夹（每村一个 .zwgk 文件）")
        self.folder_edit.textChanged.connect(self._revalidate)
        folder_button = QPushButton("选择…")
        folder_button.clicked.connect(lambda _=False: self._ask_folder())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(folder_button)

        form = QFormLayout()
        form.addRow("乡镇目录 *", source_row)
        form.addRow("", self.source_info)
        names_box = QVBoxLayout()
        names_box.addWidget(self.names_edit, 1)
        names_box.addWidget(list_button)
        form.addRow("村（社区）*", names_box)
        form.addRow("保存到 *", folder_row)
        explain = QLabel(
            "选取乡镇目录中公开层级含“村级”的事项，各村相同事项的公开内容一致；"
            "乡镇本身为公开主体处改为村（社区）名称，没有村级事项的领域标为未涉及。"
        )
        explain.setWordWrap(True)
        explain.setStyleSheet(MUTED_STYLE)

        self.hint = hint_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.generate_button = self.buttons.addButton(
            "生成", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.generate_button.clicked.connect(lambda _=False: self.generate())
        self.buttons.rejected.connect(self.reject)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        if township is not None:
            self.set_township(township)
        self._revalidate()

    # ------------------------------------------------------------------ inputs
    def set_township(self, path: str | Path) -> bool:
        path = Path(path)
        try:
            catalog = load_catalog(path)
        except ZwgkError as exc:
            self.township = None
            self.source_info.setText(str(exc))
            self._revalidate()
            return False
        self.township = catalog
        self.source_edit.setText(str(path))
        village_items = sum(1 for d in catalog.domains for i in d.items if "村级" in i.level)
        self.source_info.setText(
            f"{catalog.meta.unit or '（单位未填写）'}：{catalog.item_count()} 个事项，"
            f"其中村级 {village_items} 个"
        )
        if not self.folder_edit.text():
            self.folder_edit.setText(
                str(path.parent / f"{safe_filename(catalog.meta.unit)}各村目录")
            )
        self._revalidate()
        return True

    def _ask_source(self) -> None:
        text, _ = standard.get_open_file_name(
            self, "选择乡镇目录文件", str(paths.documents_dir()), OPEN_FILTER
        )
        if text:
            self.set_township(text)

    def _ask_list(self) -> None:
        text, _ = standard.get_open_file_name(
            self, "选择村（社区）名单", str(paths.documents_dir()), LIST_FILTER
        )
        if not text:
            return
        try:
            data = Path(text).read_bytes()[: 1024 * 1024]
            try:
                content = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                content = data.decode("gb18030")
        except (OSError, UnicodeDecodeError):
            msgbox.error(self, "无法读取名单文件：请保存为文本文件（每行一个名称）")
            return
        self.names_edit.setPlainText(content)

    def _ask_folder(self) -> None:
        text = standard.get_existing_directory(self, "选择保存位置", self.folder_edit.text())
        if text:
            self.folder_edit.setText(text)

    def names(self) -> list[str]:
        try:
            return parse_village_names(self.names_edit.toPlainText())
        except ZwgkError:
            return []

    def problems(self) -> list[str]:
        problems: list[str] = []
        if self.township is None:
            problems.append("请选择乡镇的目录文件。")
        names = self.names()
        if not names:
            problems.append("请填写村（社区）名单，每行一个。")
        bad = [n for n in names if safe_filename(n, "") != n or unit_placeholder(n)]
        if bad:
            problems.append(f"名称不能用作文件名或含占位符：{'、'.join(bad[:3])}")
        if not self.folder_edit.text().strip():
            problems.append("请选择保存位置。")
        return problems

    def _revalidate(self, *_: object) -> None:
        problems = self.problems()
        self.hint.setText("\n".join(problems))
        self.hint.setVisible(bool(problems))
        self.generate_button.setEnabled(not problems)
        count = len(self.names())
        self.generate_button.setText(f"生成 {count} 个目录" if count else "生成")

    # ------------------------------------------------------------------ generate
    def generate(self) -> list[Path]:
        """Write one file per village; asks before replacing existing files."""
        problems = self.problems()
        if problems or self.township is None:
            self._revalidate()
            return []
        folder = Path(self.folder_edit.text().strip())
        names = self.names()
        outs = [folder / f"{name}.zwgk" for name in names]
        existing = [p for p in outs if p.exists()]
        if existing and not msgbox.ask(
            self,
            f"{len(existing)} 个文件已存在（如“{existing[0].name}”），覆盖吗？",
            yes="覆盖",
        ):
            return []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            results = derive_villages(self.township, names, self.source_edit.text())
            for out, result in zip(outs, results, strict=True):
                Document.create(out, result.catalog, overwrite=True).close()
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
            return []
        except OSError as exc:
            msgbox.error(self, f"无法写入“{folder}”：{os_reason(exc)}")
            return []
        self.created = outs
        items = results[0].kept if results else 0
        self.result_label.setText(
            f"已在“{folder}”生成 {len(outs)} 个村（居）务公开目录，每个 {items} 个事项。"
        )
        return outs
