"""``zwgk validate`` through the installed entry point: exit codes, text, JSON, xlsx report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.templates import find_template

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [ZWGK, *map(str, args)], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _catalog(unit: str = "甲镇人民政府") -> Catalog:
    template = find_template("社会救助")
    assert template is not None
    domain = template.instantiate(unit)
    return Catalog(meta=CatalogMeta(unit=unit, year="2026"), domains=[domain])


@pytest.fixture
def clean_json(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(_catalog().to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def warning_zwgk(tmp_path: Path) -> Path:
    catalog = _catalog("乙镇人民政府")
    catalog.domains[0].items[1].time_limit = "尽快"
    path = tmp_path / "乙镇.zwgk"
    Document.create(path, catalog).close()
    return path


@pytest.fixture
def error_json(tmp_path: Path) -> Path:
    catalog = _catalog("丙镇人民政府")
    catalog.meta.year = ""
    catalog.domains[0].items[2].subject = "【单位名称】"
    catalog.domains[0].items[3].basis = "《中华人民共和国政府信息公开条例》（国务院令第492号）"
    path = tmp_path / "丙镇.json"
    path.write_text(json.dumps(catalog.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_clean_file_exits_0(clean_json: Path) -> None:
    result = zwgk("validate", clean_json)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("甲镇人民政府 2026：未发现问题")


def test_warnings_alone_exit_0_and_are_grouped_by_domain(warning_zwgk: Path) -> None:
    result = zwgk("validate", warning_zwgk)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "乙镇人民政府 2026：0 个错误，1 个警告，0 个提示"
    assert "【社会救助】" in lines
    assert any("TIME-VAGUE  第2项 公开时限" in line for line in lines)
    assert "修改建议：" in lines


def test_errors_exit_1_with_json_contract(error_json: Path) -> None:
    result = zwgk("validate", error_json, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"issues", "counts", "register"}
    assert data["register"]["checked"] == "2026-12-06"
    assert data["register"]["path"].endswith("sources.toml")
    assert data["counts"] == {"error": 2, "warning": 1, "info": 0}
    rules = [(i["rule"], i["severity"], i["domain"], i["item"], i["field"]) for i in data["issues"]]
    assert rules == [
        ("META-YEAR", "error", None, None, "year"),
        ("CELL-PLACEHOLDER", "error", "社会救助", 3, "subject"),
        ("BASIS-SUPERSEDED", "warning", "社会救助", 4, "basis"),
    ]
    assert all(i["message"] for i in data["issues"])


def test_unreadable_input_exits_2_and_the_others_are_still_checked(
    tmp_path: Path, clean_json: Path, error_json: Path
) -> None:
    missing = tmp_path / "没有这个文件.zwgk"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    result = zwgk("validate", clean_json, missing, error_json, junk)
    assert result.returncode == 2
    err_lines = result.stderr.strip().splitlines()
    assert len(err_lines) == 2 and all(line.startswith("zwgk：") for line in err_lines)
    assert "Traceback" not in result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "合计：4 个文件，2 个无法读取；2 个错误，1 个警告，0 个提示"
    assert out[1] == f"{clean_json}（甲镇人民政府 2026）：未发现问题"
    assert out[2].startswith(f"{missing}：无法读取（")
    assert out[3] == f"{error_json}（丙镇人民政府）：2 个错误，1 个警告，0 个提示"
    assert out[4].startswith(f"{junk}：无法读取（")


def test_several_files_json_names_each_file(
    clean_json: Path, error_json: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "gone.json"
    result = zwgk("validate", clean_json, error_json, missing, "--json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["counts"]["error"] == 2
    assert [f["file"] for f in data["files"]] == [str(clean_json), str(error_json), str(missing)]
    assert data["files"][0] == {
        "file": str(clean_json),
        "counts": {"error": 0, "warning": 0, "info": 0},
        "error": None,
    }
    assert data["files"][2]["counts"] is None and data["files"][2]["error"]
    assert {i["file"] for i in data["issues"]} == {str(error_json)}


def test_several_clean_or_warning_files_exit_0(clean_json: Path, warning_zwgk: Path) -> None:
    result = zwgk("validate", clean_json, warning_zwgk, "--details")
    assert result.returncode == 0
    assert f"== {warning_zwgk} ==" in result.stdout
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "合计：2 个文件；0 个错误，1 个警告，0 个提示"
    assert lines[-1].startswith("公开依据登记册：程序自带登记册（核对日期 ")


def test_report_xlsx(tmp_path: Path, error_json: Path, warning_zwgk: Path) -> None:
    out = tmp_path / "意见.xlsx"
    result = zwgk("validate", error_json, warning_zwgk, "--report", out, "--json")
    assert result.returncode == 1
    json.loads(result.stdout)  # stdout stays pure JSON; the note goes to stderr
    assert "已写出检查意见" in result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["检查意见", "汇总"]
    subtitle = workbook["检查意见"]["A2"].value
    assert "公开依据登记册：程序自带登记册（核对日期 2026-12-06）" in subtitle
    rows = list(workbook["检查意见"].iter_rows(min_row=4, values_only=True))
    assert len(rows) == 4
    assert {r[0] for r in rows} == {"丙镇人民政府", "乙镇人民政府"}


def test_report_to_a_missing_folder_is_a_one_line_error(tmp_path: Path, clean_json: Path) -> None:
    result = zwgk("validate", clean_json, "--report", tmp_path / "nope" / "r.xlsx")
    assert result.returncode == 2
    assert result.stderr.startswith("zwgk：") and "Traceback" not in result.stderr


def test_no_file_is_a_usage_error() -> None:
    result = zwgk("validate")
    assert result.returncode == 2
    assert "zwgk：参数错误" in result.stderr
