"""The ``zwgk`` contract, run through the installed entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [ZWGK, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("zwgk ")
    result = run("--help")
    assert result.returncode == 0
    for command in ("domains", "new", "import", "show", "validate", "export"):
        assert command in result.stdout


def test_domains_json_lists_26_with_item_counts() -> None:
    result = run("domains", "--json")
    assert result.returncode == 0
    domains = json.loads(result.stdout)
    assert len(domains) == 26
    assert {"id", "name", "aliases", "items"} <= set(domains[0])
    assert all(d["items"] >= 8 for d in domains)


def test_new_all_then_validate_reports_no_errors(tmp_path: Path) -> None:
    doc = tmp_path / "甲镇.zwgk"
    result = run("new", str(doc), "--unit", "甲镇人民政府", "--region", "乙县", "--domains", "all")
    assert result.returncode == 0, result.stderr
    validate = run("validate", str(doc), "--json")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    report = json.loads(validate.stdout)
    assert report["counts"]["error"] == 0


def test_show_json_is_the_interchange_format(tmp_path: Path) -> None:
    doc = tmp_path / "a.zwgk"
    run("new", str(doc), "--unit", "甲镇人民政府", "--domains", "社会救助,扶贫")
    data = json.loads(run("show", str(doc), "--json").stdout)
    assert data["format"] == "zwgk-catalog" and data["version"] == 1
    assert set(data["meta"]) >= {"unit", "region", "year", "contact"}
    domain = next(d for d in data["domains"] if d["id"] == "social-assistance")
    item = domain["items"][0]
    assert set(item) >= {
        "level1",
        "level2",
        "content",
        "basis",
        "time_limit",
        "subject",
        "channels",
        "audience",
        "method",
        "level",
    }
    assert domain["not_involved"] is False
    assert next(d for d in data["domains"] if d["id"] == "health")["not_involved"] is True


def test_export_json_then_show_round_trips(tmp_path: Path) -> None:
    doc = tmp_path / "a.zwgk"
    run("new", str(doc), "--unit", "甲镇人民政府", "--domains", "all")
    out = tmp_path / "a.json"
    assert run("export", str(doc), "-o", str(out), "--format", "json").returncode == 0
    again = json.loads(run("show", str(out), "--json").stdout)
    assert again == json.loads(run("show", str(doc), "--json").stdout)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.zwgk", None),
        ("text.zwgk", b"not a database"),
        ("random.xlsx", os.urandom(2048)),
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 600),
        ("data.csv", "序号,一级事项\n1,a\n".encode()),
        ("bad.json", b"{not json"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(
    tmp_path: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for command in (
        ["show", str(path)],
        ["validate", str(path)],
        ["export", str(path), "-o", str(tmp_path / "o.xlsx")],
    ):
        result = run(*command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("bogus").returncode == 2
    assert run("new", str(tmp_path / "x.zwgk")).returncode == 2  # --unit missing
    result = run("new", str(tmp_path / "x.zwgk"), "--unit", "甲", "--domains", "不存在")
    assert result.returncode == 2 and "未知领域" in result.stderr


def test_export_html_page_and_site(tmp_path: Path) -> None:
    doc = tmp_path / "a.zwgk"
    run("new", str(doc), "--unit", "甲镇人民政府", "--domains", "社会救助,扶贫")
    page = tmp_path / "目录.html"
    result = run("export", str(doc), "-o", str(page), "--site", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "网页" in result.stdout and "index.html" in result.stdout
    text = page.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in text and "按要素检索" in text
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "domain-01.html",
        "domain-02.html",
        "index.html",
        "search.html",
    ]
    wrong = run("export", str(doc), "-o", str(tmp_path / "a.txt"), "--format", "html")
    assert wrong.returncode == 2 and len(wrong.stderr.strip().splitlines()) == 1
    nothing = run("export", str(doc))
    assert nothing.returncode == 2 and "-o" in nothing.stderr


def test_export_compact_channels_lists_only_the_ticked_ones(tmp_path: Path) -> None:
    import openpyxl

    doc = tmp_path / "a.zwgk"
    run("new", str(doc), "--unit", "甲镇人民政府", "--domains", "社会救助")
    out = tmp_path / "简洁.xlsx"
    result = run("export", str(doc), "-o", str(out), "--channels", "compact")
    assert result.returncode == 0, result.stderr
    assert "简洁渠道列" in result.stdout
    sheet = openpyxl.load_workbook(out, read_only=True).worksheets[1]
    channels = [row[7] for row in sheet.iter_rows(min_row=4, values_only=True) if row[7]]
    assert channels and all("□" not in c and "■" in c for c in channels)
    back = run("import", str(out), "-o", str(tmp_path / "b.zwgk"))
    assert back.returncode == 0, back.stderr

    def items(path: Path) -> list[tuple[str, list[str]]]:
        data = json.loads(run("show", str(path), "--json").stdout)
        return [(i["level2"], i["channels"]) for d in data["domains"] for i in d["items"]]

    assert items(tmp_path / "b.zwgk") == items(doc)
