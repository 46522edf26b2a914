"""Every menu command in one table: text, menus, shortcuts, and when it is enabled.

``build_actions`` turns the table into QActions; ``connect_actions`` binds each to the
``on_<id>`` method of the one controller that lists the id in its ``HANDLES``
(``gui/controllers``). Tests check that every action has exactly one handler and that no two
share a key.
Cell actions (clipboard, clear, fill) only fire while the table has focus, so the same
keys keep working as usual in the form's text fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

MENUS: tuple[str, ...] = ("文件", "编辑", "视图", "领域", "校验", "审核", "帮助")


class ActionSpec(NamedTuple):
    id: str
    text: str
    menus: tuple[str, ...]
    shortcuts: tuple[str, ...] = ()
    # always | doc (a catalog is open) | write (and it is writable)
    # | review (a review is open, either side) | reviewer (the county reviewer's review)
    needs: str = "always"
    # window | table (only while the item table has focus) | app (also in the app's dialogs)
    scope: str = "window"
    checkable: bool = False
    tip: str = ""
    separator_before: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    # 文件
    ActionSpec(
        "new",
        "新建目录…",
        ("文件",),
        ("Ctrl+N",),
        tip="从标准模板或上级（县、乡镇）目录新建本单位的目录",
    ),
    ActionSpec("open", "打开…", ("文件",), ("Ctrl+O",), tip="打开目录文件（.zwgk），或导入 Excel"),
    ActionSpec(
        "import_excel",
        "导入 Excel…",
        ("文件",),
        ("Ctrl+Shift+O",),
        tip="把 Excel 目录导入为新的目录文件",
    ),
    ActionSpec(
        "edit_meta",
        "目录信息…",
        ("文件",),
        (),
        "doc",
        separator_before=True,
        tip="修改单位名称、行政区划、年度、联系人和公开层级",
    ),
    ActionSpec("export_excel", "导出 Excel…", ("文件",), ("Ctrl+E",), "doc", separator_before=True),
    ActionSpec("export_pdf", "导出 PDF…", ("文件",), (), "doc"),
    ActionSpec("print", "打印…", ("文件",), ("Ctrl+P",), "doc"),
    ActionSpec(
        "snapshots",
        "版本快照…",
        ("文件",),
        (),
        "doc",
        separator_before=True,
        tip="保存或恢复目录的版本",
    ),
    ActionSpec("save_as", "另存为…", ("文件",), ("Ctrl+Shift+S",), "doc"),
    ActionSpec("close_doc", "关闭目录", ("文件",), ("Ctrl+W",), "doc", separator_before=True),
    ActionSpec("quit", "退出", ("文件",), ("Ctrl+Q",)),
    # 编辑
    ActionSpec("undo", "撤销", ("编辑",), ("Ctrl+Z",), "write"),
    ActionSpec("redo", "重做", ("编辑",), ("Ctrl+Y", "Ctrl+Shift+Z"), "write"),
    ActionSpec("cut", "剪切", ("编辑",), ("Ctrl+X",), "write", "table", separator_before=True),
    ActionSpec("copy", "复制", ("编辑",), ("Ctrl+C",), "doc", "table"),
    ActionSpec(
        "paste",
        "粘贴",
        ("编辑",),
        ("Ctrl+V",),
        "write",
        "table",
        tip="粘贴从 Excel/WPS 复制的单元格",
    ),
    ActionSpec("clear", "清除内容", ("编辑",), ("Del",), "write", "table"),
    ActionSpec("fill_down", "向下填充", ("编辑",), ("Ctrl+D",), "write", "table"),
    ActionSpec(
        "insert_below", "在下方插入事项", ("编辑",), ("Ctrl+I",), "write", separator_before=True
    ),
    ActionSpec("insert_above", "在上方插入事项", ("编辑",), ("Ctrl+Shift+I",), "write"),
    ActionSpec("duplicate", "创建事项副本", ("编辑",), ("Ctrl+Shift+D",), "write"),
    ActionSpec("delete_rows", "删除事项", ("编辑",), ("Ctrl+Shift+Del", "Ctrl+-"), "write"),
    ActionSpec("move_up", "上移事项", ("编辑",), ("Alt+Up",), "write"),
    ActionSpec("move_down", "下移事项", ("编辑",), ("Alt+Down",), "write"),
    ActionSpec("find", "查找…", ("编辑",), ("Ctrl+F",), "doc", separator_before=True),
    ActionSpec("replace", "替换…", ("编辑",), ("Ctrl+H",), "write"),
    ActionSpec("find_next", "查找下一个", ("编辑",), ("F3",), "doc"),
    ActionSpec("filter", "筛选本领域…", ("编辑",), ("Ctrl+Shift+L",), "doc"),
    # 视图
    ActionSpec("show_form", "事项详情面板", ("视图",), (), "always", checkable=True),
    ActionSpec("show_issues", "校验问题面板", ("视图",), (), "always", checkable=True),
    # 领域
    ActionSpec(
        "add_domain", "添加领域…", ("领域",), (), "write", tip="添加 26 个试点领域以外的领域"
    ),
    ActionSpec("remove_domain", "删除自定义领域", ("领域",), (), "write"),
    ActionSpec(
        "add_standard_items", "从模板添加标准事项", ("领域",), (), "write", separator_before=True
    ),
    ActionSpec(
        "reset_to_template",
        "恢复为模板",
        ("领域",),
        (),
        "write",
        tip="把选中的事项恢复为标准模板的内容",
    ),
    ActionSpec(
        "mark_template_diff",
        "标出与模板不同的事项",
        ("领域", "视图"),
        ("Ctrl+T",),
        "doc",
        checkable=True,
    ),
    # 校验
    ActionSpec("revalidate", "重新校验", ("校验",), ("F5",), "doc"),
    ActionSpec("next_issue", "下一个问题", ("校验",), ("F8",), "doc"),
    ActionSpec("prev_issue", "上一个问题", ("校验",), ("Shift+F8",), "doc"),
    ActionSpec(
        "sources_register",
        "公开依据登记册…",
        ("校验",),
        separator_before=True,
        tip="查看所用登记册的核对日期，或选用县里下发的新版登记册",
    ),
    # 审核 (handlers in controllers/review.py)
    ActionSpec(
        "review_open",
        "打开提交文件（审核模式）…",
        ("审核",),
        ("Ctrl+Shift+R",),
        tip="只读打开乡镇报送的目录文件或 Excel，添加审核意见",
    ),
    ActionSpec(
        "review_batch", "批量审核文件夹…", ("审核",), (), tip="检查一个文件夹中的全部提交文件"
    ),
    ActionSpec(
        "review_add_comment",
        "添加审核意见…",
        ("审核",),
        ("Ctrl+Shift+M",),
        "reviewer",
        separator_before=True,
        tip="对当前单元格所在的事项、要素写审核意见",
    ),
    ActionSpec(
        "review_from_validation",
        "校验结果转为意见",
        ("审核",),
        (),
        "reviewer",
        tip="将校验发现的错误和警告逐条转为审核意见（已有的不重复添加）",
    ),
    ActionSpec(
        "review_diff_template", "与标准模板比较", ("审核",), (), "reviewer", separator_before=True
    ),
    ActionSpec("review_diff_previous", "与上一轮比较", ("审核",), (), "review"),
    ActionSpec(
        "review_diff_file",
        "与其他文件比较…",
        ("审核",),
        (),
        "reviewer",
        tip="与本单位以前报送的文件（如上一年度的目录）逐项比较",
    ),
    ActionSpec(
        "review_export_opinions",
        "导出审核意见表…",
        ("审核",),
        (),
        "reviewer",
        separator_before=True,
    ),
    ActionSpec("review_export_letter", "导出意见函（PDF）…", ("审核",), (), "reviewer"),
    ActionSpec(
        "review_approve_domain", "本领域通过", ("审核",), (), "reviewer", separator_before=True
    ),
    ActionSpec("review_approve_all", "全部通过", ("审核",), (), "reviewer"),
    ActionSpec("review_return", "退回修改", ("审核",), (), "reviewer"),
    ActionSpec(
        "review_panels", "审核意见面板", ("审核", "视图"), (), "review", separator_before=True
    ),
    ActionSpec(
        "review_merge",
        "合并另一份审核文件…",
        ("审核",),
        (),
        "review",
        tip="并入同一份审核记录的另一个副本：乡镇的修改说明、县里退回后又添加的意见都不会丢",
    ),
    ActionSpec("review_set_name", "设置审核人姓名…", ("审核",), ()),
    # 帮助
    ActionSpec(
        "guide",
        "使用指南",
        ("帮助",),
        ("F1",),
        scope="app",
        tip="经办人和审核人员的日常操作步骤",
    ),
    ActionSpec("shortcuts", "快捷键一览", ("帮助",)),
    ActionSpec("about", "关于", ("帮助",)),
)

SPEC_BY_ID: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}


def handler_name(spec: ActionSpec) -> str:
    return f"on_{spec.id}"


def handler_map(*controllers: Any) -> dict[str, Callable[..., Any]]:
    """Action id → the bound ``on_<id>`` of the controller that declares it in ``HANDLES``.

    Raises ValueError if an action has no handler or two controllers claim it.
    """
    handlers: dict[str, Callable[..., Any]] = {}
    for controller in controllers:
        for action_id in controller.HANDLES:
            if action_id in handlers:
                raise ValueError(f"action {action_id!r} is handled twice")
            handlers[action_id] = getattr(controller, handler_name(SPEC_BY_ID[action_id]))
    missing = [spec.id for spec in ACTIONS if spec.id not in handlers]
    if missing:
        raise ValueError(f"actions without a handler: {', '.join(missing)}")
    return handlers


def build_actions(window: QMainWindow, table: QWidget) -> dict[str, QAction]:
    """QActions for every spec (not yet connected: see ``connect_actions``)."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setObjectName(f"action_{spec.id}")
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setCheckable(spec.checkable)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.scope == "table":
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            table.addAction(action)
        elif spec.scope == "app":
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            window.addAction(action)
        else:
            window.addAction(action)
        actions[spec.id] = action
    return actions


def connect_actions(actions: dict[str, QAction], handlers: dict[str, Callable[..., Any]]) -> None:
    """Bind each action to its handler: checkable ones get the new state."""
    for spec in ACTIONS:
        action, handler = actions[spec.id], handlers[spec.id]
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, h=handler: h())


def build_menus(window: QMainWindow, actions: dict[str, QAction]) -> dict[str, QMenu]:
    menus = {title: window.menuBar().addMenu(title) for title in MENUS}
    for spec in ACTIONS:
        for title in spec.menus:
            menu = menus[title]
            if spec.separator_before and menu.actions():
                menu.addSeparator()
            menu.addAction(actions[spec.id])
    return menus


def shortcut_table() -> list[tuple[str, str]]:
    """(keys, command) pairs for the 快捷键一览 help, including the table's own keys."""
    rows = [
        ("、".join(spec.shortcuts), spec.text.rstrip("…")) for spec in ACTIONS if spec.shortcuts
    ]
    rows += [
        ("F2 / 双击 / 直接输入", "编辑单元格"),
        ("回车", "确认并移到下一行"),
        ("Alt+回车", "长文本中换行"),
        ("Tab / Shift+Tab", "移到右边/左边的单元格"),
        ("Esc", "取消编辑"),
        ("拖动行号", "移动事项"),
    ]
    return rows
