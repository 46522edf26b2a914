"""Generate test workbooks in the layouts real catalogs use (domains.md §f).

Every builder writes a small .xlsx with openpyxl
and returns its path. The cell texts are the kinds of things townships type. Hostile
files are in :mod:`hostile_files`.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from zwgk_desktop.core.model import Catalog, Item

BASIS = "《社会救助暂行办法》（国务院令第649号）"
TIME = "信息形成或者变更之日起20个工作日内"
CHANNELS_GLYPH = (
    "■政府网站 □政府公报\n□两微一端 □发布会/听证会\n■便民服务站 ■社区/企事业单位/村公示栏(电子屏)"
)


def items_of(catalog: Catalog) -> list[Item]:
    """Every item of a catalog in order."""
    return [item for domain in catalog.domains for item in domain.items]


def _save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def _two_row_header(
    ws: Worksheet,
    top: int,
    levels: tuple[str, ...],
    audience: tuple[str, str] = ("全社会", "特定群众"),
    method: tuple[str, str] = ("主动", "依申请公开"),
    extra: tuple[str, ...] = (),
) -> int:
    """The county header: 序号 | 公开事项[一级|二级] | … | 公开对象 | 公开方式 | 公开层级 | extras.

    Returns the number of columns."""
    singles = [
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体（“■”表示必选项，“□”表示可选项）",
    ]
    ws.cell(top, 1, "序号")
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    ws.cell(top, 2, "公开事项")
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=3)
    ws.cell(top + 1, 2, "一级事项")
    ws.cell(top + 1, 3, "二级事项")
    col = 4
    for label in singles:
        ws.cell(top, col, label)
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        col += 1
    for group, subs in (("公开对象", audience), ("公开方式", method), ("公开层级", levels)):
        if not subs:
            continue
        ws.cell(top, col, group)
        if len(subs) > 1:
            ws.merge_cells(
                start_row=top, start_column=col, end_row=top, end_column=col + len(subs) - 1
            )
        for k, sub in enumerate(subs):
            ws.cell(top + 1, col + k, sub)
        col += len(subs)
    for label in extra:
        ws.cell(top, col, label)
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        col += 1
    return col - 1


def county_standard(path: Path) -> Path:
    """A county-style sheet: title, two-row merged header, √ marks, merged 一级事项 and 依据,
    "同上", 区 级/镇街级 levels, 特定群众 with a note, and a 咨询电话 extra column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.cell(1, 1, "（一）示范镇社会救助领域基层政务公开标准目录（试行）")
    ws.merge_cells("A1:P1")
    ncols = _two_row_header(ws, 2, ("区 级", "镇街级"), extra=("咨询电话",))
    rows = [
        (
            "1",
            "最低生活保障",
            "办事指南",
            "申请条件、申请材料、办理流程",
            BASIS,
            TIME,
            "示范镇人民政府",
            CHANNELS_GLYPH,
            "√",
            "",
            "√",
            "",
            "√",
            "√",
            "0771-1234567",
        ),
        (
            "2",
            None,
            "审核信息",
            "审核的申请家庭名单",
            None,
            "同上",
            "示范镇人民政府",
            "同上",
            "",
            "√（申请人）",
            "",
            "√",
            "",
            "√",
            "0771-1234567",
        ),
        (
            "3",
            "临时救助",
            "审批信息",
            "临时救助对象名单、救助金额",
            "《临时救助制度》",
            "制定或获取信息之日起10个工作日内",
            "示范镇人民政府",
            "▄政府门户网站 ◆政务新媒体",
            "√",
            "",
            "√",
            "",
            "√",
            "√",
            None,
        ),
    ]
    for n, values in enumerate(rows):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(4 + n, c, value)
    ws.merge_cells("B4:B5")  # 一级事项 over two items
    ws.merge_cells("E4:E5")  # 公开依据 over two items
    assert ncols == 15
    return _save(wb, path)


def flat_shuffled(path: Path) -> Path:
    """One-row header in an unusual order, plain channel names, words instead of √."""
    wb = Workbook()
    ws = wb.active
    ws.title = "养老服务"
    header = [
        "公开主体",
        "事项名称",
        "公开内容",
        "一级事项",
        "公开渠道",
        "公开对象",
        "公开方式",
        "公开层级",
        "公开时限",
        "公开依据",
        "责任科室",
    ]
    ws.append(header)
    ws.append(
        [
            "示范镇人民政府",
            "高龄津贴",
            "补贴对象、标准、程序",
            "老年人补贴",
            "政府网站、两微一端、便民服务站",
            "全社会",
            "主动公开",
            "县级、乡级",
            TIME,
            "《养老服务条例》",
            "民政办",
        ]
    )
    ws.append(
        [
            "示范镇人民政府",
            "养老机构备案",
            "备案材料、流程",
            "养老服务业务办理",
            "1.政府网站；2.其他",
            "特定群体（申请人）",
            "依申请",
            "乡级",
            TIME,
            "《养老机构管理办法》",
            "民政办",
        ]
    )
    return _save(wb, path)


def records_over_rows(path: Path) -> Path:
    """铜陵卫健 style: one content element per physical row, 序号 and names merged down."""
    wb = Workbook()
    ws = wb.active
    ws.title = "卫生健康"
    ws.append(
        [
            "序号",
            "一级事项",
            "二级事项",
            "公开内容",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            "公开方式",
        ]
    )
    ws.append(
        [
            1,
            "公共卫生服务",
            "预防接种",
            "服务对象",
            "《疫苗管理法》",
            TIME,
            "示范镇卫生院",
            "■政府网站",
            "全社会",
            "主动",
        ]
    )
    ws.append([None, None, None, "服务流程"])
    ws.append([None, None, None, "投诉举报电话：0562-12345"])
    ws.append(
        [
            2,
            "公共卫生服务",
            "健康教育",
            "健康教育活动",
            "《基本公共卫生服务规范》",
            TIME,
            "示范镇卫生院",
            "■政府网站",
            "全社会",
            "主动",
        ]
    )
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}4")
    for col in "EFGHIJ":
        ws.merge_cells(f"{col}2:{col}4")
    return _save(wb, path)


def stacked_sections(path: Path) -> Path:
    """Several domains on one sheet, each after a section title, then a 未涉及 section."""
    wb = Workbook()
    ws = wb.active
    ws.title = "汇编"
    header = [
        *("序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"),
        *("公开渠道和载体", "全社会", "特定群体", "主动", "依申请"),
    ]
    ws.append(["2024年示范镇基层政务公开标准目录汇编"])
    ws.append(["（一）社会救助领域基层政务公开标准目录"])
    ws.append(header)
    ws.append(
        [
            1,
            "最低生活保障",
            "办事指南",
            "申请条件",
            BASIS,
            TIME,
            "示范镇人民政府",
            "政府网站",
            "√",
            None,
            "√",
            None,
        ]
    )
    ws.append(
        [
            2,
            "最低生活保障",
            "审批信息",
            "保障对象名单",
            BASIS,
            TIME,
            "示范镇人民政府",
            "政府网站",
            "√",
            None,
            "√",
            None,
        ]
    )
    ws.append([])
    ws.append(["（二）养老服务领域基层政务公开标准目录"])
    ws.append(header)
    ws.append(
        [
            1,
            "养老服务业务办理",
            "养老机构备案",
            "备案材料",
            "《养老机构管理办法》",
            TIME,
            "示范镇人民政府",
            "■政府网站 ■便民服务站",
            "√",
            None,
            "√",
            None,
        ]
    )
    ws.append(["（三）未涉及领域事项说明"])
    ws.append(["序号", "领域", "说明"])
    ws.append([1, "税收管理", "本镇无税务机构，税收管理事项由县税务局公开"])
    ws.append([2, "公共资源交易", "本镇不组织公共资源交易"])
    for r in (1, 2, 7, 10):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=12)
    return _save(wb, path)


def glyph_variants(path: Path) -> Path:
    """Every channel glyph form seen in published catalogs, one per row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "社会救助"
    ws.append(["一级事项", "二级事项", "公开内容", "公开渠道和载体", "公开方式"])
    forms = [
        "■政府网站 □政府公报 ■两微一端",
        "▄政府网站 □政府公报 ◆便民服务站",
        "☑政府网站 ☐政府公报 ☑入户/现场",
        "R政府网站 £政府公报 R精准推送",
        "t政府网站 t政务服务中心",
        "□广播电视口纸质媒体■政务服务中心",
        "■政府网站■便民服务站",
        "政府公报、政府网站、新闻发布会、报刊、广播、电视或其他便于公众知晓的方式",
        "1.政府网站；2.其他",
        "政府网站",
        "口政府网站 ■政府公报",
    ]
    for n, text in enumerate(forms, start=1):
        ws.append(["综合业务", f"事项{n}", "内容", text, "主动"])
    return _save(wb, path)


def traditional(path: Path) -> Path:
    """Traditional characters and fullwidth punctuation in headers, values and marks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "社會救助"
    ws.append(
        [
            "序號",
            "公開事項",
            None,
            "公開內容（要素）",
            "公開依據",
            "公開時限",
            "公開主體",
            "公開渠道和載體",
            "公開對象",
            None,
            "公開方式",
            None,
        ]
    )
    ws.append(
        [
            None,
            "一級事項",
            "二級事項",
            None,
            None,
            None,
            None,
            None,
            "全社會",
            "特定群眾",
            "主動",
            "依申請公開",
        ]
    )
    ws.append(
        [
            1,
            "最低生活保障",
            "辦事指南",
            "申請條件、申請材料",
            BASIS,
            TIME,
            "示範鎮人民政府",
            "■政府網站　□政府公報",
            "√",
            None,
            "√",
            None,
        ]
    )
    for span in ("B1:C1", "I1:J1", "K1:L1"):
        ws.merge_cells(span)
    for col in "ADEFGH":
        ws.merge_cells(f"{col}1:{col}2")
    return _save(wb, path)


def department_template(path: Path) -> Path:
    """武昌-style template lines above the header: 模板 title, 填报单位, 填报时间."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["就业领域政务公开事项标准目录模板"])
    ws.append(["填报单位：示范县人力资源和社会保障局", None, None, None, "填报时间：2024年3月"])
    ws.append(
        [
            "序号",
            "一级事项",
            "二级事项",
            "公开内容",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道",
            "公开对象",
            "公开方式",
            "咨询电话",
        ]
    )
    ws.append(
        [
            1,
            "就业信息服务",
            "岗位信息发布",
            "岗位名称、数量、要求",
            "《就业促进法》",
            "实时公开",
            "示范县人社局",
            "政府网站;两微一端",
            "全社会",
            "主动",
            "12333",
        ]
    )
    return _save(wb, path)


def level_layouts(path: Path) -> Path:
    """Three sheets with the level layouts 县级|乡、村级, 市级|县级|乡级 and none at all."""
    wb = Workbook()
    for title, levels in (
        ("救灾", ("县级", "乡、村级")),
        ("户籍管理", ("市级", "县级", "乡级")),
        ("就业", ()),
    ):
        ws = wb.create_sheet(title)
        ncols = _two_row_header(ws, 1, levels)
        marks = ["√"] * len(levels)
        ws.append(
            [
                1,
                "政策文件",
                "法律法规",
                "文件名称、文号",
                "《突发事件应对法》",
                TIME,
                "示范镇人民政府",
                "■政府网站",
                "√",
                "",
                "√",
                "",
                *marks,
            ]
        )
        assert ncols == 12 + len(levels)
    wb.remove(wb["Sheet"])
    return _save(wb, path)


def messy_sheets(path: Path) -> Path:
    """Empty sheets and rows, a hidden sheet, a note row, a 三级事项 column, and 只有序号 rows."""
    wb = Workbook()
    wb.active.title = "空表"
    ws = wb.create_sheet("社会救助")
    ws.append([])
    ws.append(
        [
            "序号",
            "一级事项",
            "二级事项",
            "三级事项",
            "公开内容",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            "公开方式",
        ]
    )
    ws.append([])
    ws.append(
        [
            1,
            "最低生活保障",
            "审批信息",
            "对象名单",
            "姓名、保障金额",
            BASIS,
            TIME,
            "示范镇人民政府",
            "■政府网站",
            "全社会",
            "主动",
        ]
    )
    ws.append([2])
    ws.append([])
    ws.append(
        [
            3,
            "临时救助",
            "审批信息",
            "",
            "救助对象、金额",
            BASIS,
            TIME,
            "示范镇人民政府",
            "■政府网站",
            "全社会",
            "主动",
        ]
    )
    ws.append(["注：本目录根据民政部标准指引编制，实行动态调整。"])
    ws.merge_cells(start_row=8, start_column=1, end_row=8, end_column=11)
    hidden = wb.create_sheet("下拉选项")
    hidden.append(["主动", "依申请"])
    hidden.sheet_state = "hidden"
    return _save(wb, path)


def custom_domain(path: Path) -> Path:
    """A domain that is not one of the 26 (凤屯镇 "政府文件信息领域")."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["凤屯镇政府文件信息领域基层政务公开标准目录"])
    ws.append(
        [
            "序号",
            "一级事项",
            "二级事项",
            "公开内容",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            "公开方式",
        ]
    )
    ws.append(
        [
            1,
            "政府文件",
            "规范性文件",
            "文件名称、文号、正文",
            "《政府信息公开条例》",
            TIME,
            "凤屯镇人民政府",
            "政府网站",
            "全社会",
            "主动",
        ]
    )
    return _save(wb, path)


def with_formula(path: Path) -> Path:
    """A formula in a data cell (with a cached value an attacker chose)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "社会救助"
    ws.append(["一级事项", "二级事项", "公开内容", "公开依据", "公开方式"])
    ws.append(
        ["综合业务", "政策法规", "文件", '=HYPERLINK("http://evil.example","正常内容")', "主动"]
    )
    return _save(wb, path)


def pingwu_method(path: Path) -> Path:
    """平武: 公开方式 holds 全文发布 while 主动公开 sits in 公开属性."""
    wb = Workbook()
    ws = wb.active
    ws.title = "财政预决算"
    ws.append(["一级事项", "二级事项", "公开内容", "公开方式", "公开属性", "公开对象"])
    ws.append(["财政预决算", "部门预算", "预算表", "全文发布", "主动公开", "全社会"])
    return _save(wb, path)


def number_formatted_time_limit(path: Path, second_limit: str) -> Path:
    """Two items; the first's 公开时限 typed as the number 20 with the cell format
    0"个工作日内" (Excel shows “20个工作日内”), the second's typed as ``second_limit``."""
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"])
    sheet.append([1, "最低生活保障", "办事指南", "条件、流程", BASIS, 20, "甲镇人民政府"])
    sheet.append([2, "最低生活保障", "审核信息", "对象、金额", BASIS, second_limit, "甲镇人民政府"])
    sheet.cell(2, 6).number_format = '0"个工作日内"'
    book.save(path)
    return path
