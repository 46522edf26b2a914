"""``zwgk sources`` and ``--register`` through the installed entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zwgk_desktop.core import paths
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.settings import Settings, save_settings
from zwgk_desktop.core.sources import bundled_register, bundled_register_path
from zwgk_desktop.core.storage import Document

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [ZWGK, *map(str, args)], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _catalog(year: str, *bases: str) -> Catalog:
    items = [
        Item(level1="最低生活保障", level2=f"事项{n}", basis=basis)
        for n, basis in enumerate(bases, start=1)
    ]
    domain = Domain(id="social-assistance", name="社会救助", items=items, pilot=True)
    return Catalog(meta=CatalogMeta(unit="甲镇人民政府", year=year), domains=[domain])


def _json(path: Path, catalog: Catalog) -> Path:
    path.write_text(json.dumps(catalog.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "收到的目录"
    (folder / "乙镇").mkdir(parents=True)
    _json(
        folder / "甲镇.json",
        _catalog(
            "2024",
            "《政府信息公开条例》(国令第４９２号)",  # fullwidth digits, 国令, short title
            "民发[2012]220号",
            "《中华人民共和国政府信息公开条例》（国务院令第711号）",  # current: silent
            "预算法律及相关规定",  # resembles a title: silent
        ),
    )
    catalog = _catalog("2025", "七五普法规划", "《危险化学品安全管理条例》（国务院令第591号）")
    Document.create(folder / "乙镇" / "乙镇.zwgk", catalog).close()
    (folder / "说明.txt").write_text("不是目录", encoding="utf-8")
    return folder


def test_list_text_and_json() -> None:
    result = zwgk("sources")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("公开依据登记册：程序自带登记册（核对日期 ")
    assert any(
        line.startswith("gov-info-disclosure-regs-2007  ") for line in result.stdout.splitlines()
    )
    data = json.loads(zwgk("sources", "--json").stdout)
    assert data["register"]["path"] == str(bundled_register_path().resolve())
    by_key = {s["key"]: s for s in data["sources"]}
    old = by_key["gov-info-disclosure-regs-2007"]
    assert old["replaced_by"] == "gov-info-disclosure-regs"
    assert old["numbers"] == ["国务院令第492号"]
    assert old["status"] == "已修订" and old["outdated_today"] is True
    assert {"key", "title", "numbers", "status", "replaced_by", "checked"} <= set(old)


def test_check_reports_outdated_citations_in_a_folder(folder: Path) -> None:
    result = zwgk("sources", "--check", folder)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "甲镇.json：2 处引用已过时（按目录年度截至2024年12月31日判断）" in out
    assert "【社会救助】第1项 公开依据" in out and "国务院令第711号" in out
    assert "【社会救助】第2项 公开依据" in out and "民发〔2021〕57号" in out
    assert "第3项" not in out.split("乙镇.zwgk")[0] and "第4项" not in out
    assert "乙镇.zwgk：1 处引用已过时，1 处即将被替代（按目录年度截至2025年12月31日判断）" in out
    assert "提示 【社会救助】第2项" in out and "2026年5月1日" in out
    assert "说明.txt" not in out


def test_check_json(folder: Path) -> None:
    result = zwgk("sources", "--check", folder / "甲镇.json", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    [document] = data["files"]
    assert document["as_of"] == "2024-12-31" and document["as_of_basis"] == "year"
    findings = [
        (f["item"], f["field"], f["source"], f["replacement"]) for f in document["findings"]
    ]
    assert findings == [
        (1, "basis", "gov-info-disclosure-regs-2007", "gov-info-disclosure-regs"),
        (
            2,
            "basis",
            "minimum-living-allowance-review-approval-measures",
            "minimum-living-allowance-review-confirmation-measures",
        ),
    ]


def test_check_exit_codes_clean_and_unreadable(tmp_path: Path) -> None:
    clean = _json(tmp_path / "clean.json", _catalog("2026", "《中华人民共和国预算法》第十四条"))
    result = zwgk("sources", "--check", clean)
    assert result.returncode == 0, result.stderr
    assert "未发现过时引用" in result.stdout
    junk = tmp_path / "坏.xlsx"
    junk.write_bytes(b"not a workbook")
    result = zwgk("sources", "--check", clean, junk)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


NEWER = """
[[source]]
key = "made-up-county-rules-2020"
title = "示范县政务公开操作细则"
numbers = ["示政办发〔2020〕9号"]
kind = "规范性文件"
status = "已废止"
repealed = "2023-01-01"
checked = "2027-01-10"
verified = false
"""


def _newer_register(tmp_path: Path) -> Path:
    text = bundled_register_path().read_text(encoding="utf-8")
    text = text.replace('checked = "2026-12-06"\n', 'checked = "2027-01-10"\n', 1) + NEWER
    path = tmp_path / "县级登记册.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_newer_register_from_the_command_line_and_from_settings(tmp_path: Path) -> None:
    catalog = _json(
        tmp_path / "c.json", _catalog("2026", "《示范县政务公开操作细则》（示政办发〔2020〕9号）")
    )
    assert zwgk("sources", "--check", catalog).returncode == 0  # unknown to the bundled one
    newer = _newer_register(tmp_path)
    result = zwgk("sources", "--check", catalog, "--register", newer)
    assert result.returncode == 1
    assert "自2023年1月1日起已废止" in result.stdout
    assert f"公开依据登记册：{newer}（核对日期 2027-01-10）" in result.stdout
    validate = json.loads(zwgk("validate", catalog, "--json", "--register", newer).stdout)
    assert validate["register"] == {"checked": "2027-01-10", "path": str(newer)}
    assert [i["rule"] for i in validate["issues"] if i["field"] == "basis"] == ["BASIS-SUPERSEDED"]
    # The same file chosen in the settings.
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    save_settings(Settings(sources_register=str(newer)))
    result = zwgk("validate", catalog)
    assert f"公开依据登记册：{newer}（核对日期 2027-01-10）" in result.stdout
    assert "BASIS-SUPERSEDED" in result.stdout


def test_the_list_counts_unverified_entries_of_the_register_in_use(tmp_path: Path) -> None:
    """The counts are the register's own, so a later check of the register cannot leave
    them stale; a county file with one more unverified entry shows one more."""
    bundled = bundled_register()
    total, unverified = len(bundled), bundled.unverified_count()
    assert 0 < unverified < total
    lines = zwgk("sources").stdout.splitlines()
    assert (
        f"共 {total} 条（{total - unverified} 条已在公开文本中核实，{unverified} 条未核实，标 *）"
        in (lines[0])
    )
    assert sum(line.endswith("*未在公开文本中核实") for line in lines[1:]) == unverified
    result = zwgk("sources", "--register", _newer_register(tmp_path))
    header = result.stdout.splitlines()[0]
    assert (
        f"共 {total + 1} 条（{total - unverified} 条已在公开文本中核实，{unverified + 1} 条未核实"
        in (header)
    )


def test_a_bad_register_file(tmp_path: Path) -> None:
    bad = tmp_path / "坏登记册.toml"
    bad.write_text(
        'schema_version = 1\nchecked = "2027-01-10"\n[[source]]\nkey = "x"\n', encoding="utf-8"
    )
    result = zwgk("sources", "--register", bad)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "坏登记册.toml" in result.stderr
    assert "缺少" in result.stderr
    # Named in the settings: a one-line notice, and the bundled register does the work.
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    save_settings(Settings(sources_register=str(bad)))
    result = zwgk("sources")
    assert result.returncode == 0
    assert "已改用程序自带的登记册" in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout.startswith("公开依据登记册：程序自带登记册")
