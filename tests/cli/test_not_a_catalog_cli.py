"""Files that are not catalogs: exit 2 and one Chinese line, through the installed entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.xlsx import export_workbook

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, timeout=120)


def payroll(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "工资表"
    sheet.append(["姓名", "部门", "基本工资", "绩效工资", "应发合计", "实发合计"])
    for n in range(5):
        sheet.append([f"张{n}", "党政办", 3000 + n, 800, 3800 + n, 3500])
    book.save(path)
    return path


def title_only(path: Path) -> Path:
    book = Workbook()
    book.active.append(["示范镇社会救助领域基层政务公开标准目录"])
    book.save(path)
    return path


@pytest.mark.parametrize("builder", [payroll, title_only])
@pytest.mark.parametrize("command", ["show", "validate", "export", "import"])
def test_not_a_catalog_exits_2_with_one_line(builder, command: str, tmp_path: Path) -> None:
    source = builder(tmp_path / f"{builder.__name__}.xlsx")
    out = tmp_path / "out"
    extra = {
        "export": ["-o", str(out) + ".xlsx"],
        "import": ["-o", str(out) + ".zwgk"],
    }.get(command, [])
    done = run(command, str(source), *extra)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "未找到目录表格" in lines[0] and "二级事项" in lines[0] and source.name in lines[0]
    assert not (tmp_path / "out.zwgk").exists() and not (tmp_path / "out.xlsx").exists()


def test_batch_lists_not_a_catalog_and_untouched_template(tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    payroll(folder / "工资表.xlsx")
    title_only(folder / "标题.xlsx")
    untouched = new_catalog(CatalogMeta(unit="戊镇人民政府"), ["social-assistance"])
    export_workbook(untouched, folder / "戊镇.xlsx")
    done = run("review", str(folder), "--json")
    data = json.loads(done.stdout)
    rows = {s["file"]: s for s in data["submissions"]}
    for name in ("工资表.xlsx", "标题.xlsx"):
        assert not rows[name]["ok"] and rows[name]["error"].startswith("未找到目录表格")
    template = rows["戊镇.xlsx"]
    assert template["ok"] and template["warnings"] >= 1
    assert template["notice"].startswith("未修改的模板") and "已修改事项 0 个" in template["notice"]
    text = run("review", str(folder)).stdout
    assert "未修改的模板" in text and "未找到目录表格" in text


def test_other_formats_through_the_entry_point(tmp_path: Path) -> None:
    from tests.core.formats.writers import write_docx, write_html, write_xls
    from tests.core.xlsx.choice_layouts import LAYOUTS

    rows, merges, expected = LAYOUTS["tick_subcolumns"]()
    for path in (
        write_xls(tmp_path / "目录.xls", rows, merges),
        write_docx(tmp_path / "目录.docx", rows, merges),
        write_html(tmp_path / "目录.html", rows, merges),
    ):
        shown = run("show", str(path), "--json")
        assert shown.returncode == 0, shown.stderr
        items = [i for d in json.loads(shown.stdout)["domains"] for i in d["items"]]
        assert [i["channels"] for i in items] == [e[1] for e in expected]
        out = tmp_path / f"{path.suffix[1:]}.zwgk"
        done = run("import", str(path), "-o", str(out))
        assert done.returncode == 0 and out.exists(), done.stderr
