"""The hand-down chain county → township → village through the installed ``zwgk``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"
COUNTY = "平安县人民政府"
TOWN = "城关镇人民政府"


def zwgk(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [ZWGK, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def show(path: Path) -> dict[str, Any]:
    result = zwgk("show", path, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for d in data["domains"] for i in d["items"]]


def test_county_to_township_to_villages(tmp_path: Path) -> None:
    county = tmp_path / "平安县.zwgk"
    assert zwgk("new", county, "--unit", COUNTY, "--year", "2026").returncode == 0
    # The county hands its catalog on as a workbook; the township starts from that.
    xlsx = tmp_path / "平安县目录.xlsx"
    assert zwgk("export", county, "-o", xlsx).returncode == 0
    town = tmp_path / "城关镇.zwgk"
    result = zwgk("new", town, "--unit", TOWN, "--from", xlsx, "--contact", "王芳")
    assert result.returncode == 0, result.stderr
    assert "乡级" in result.stdout and "校验：没有错误和警告" in result.stdout

    county_data, town_data = show(county), show(town)
    expected = [i for i in items(county_data) if "乡级" in i["level"]]
    assert len(items(town_data)) == len(expected) < len(items(county_data))
    assert {i["subject"] for i in items(town_data)} == {TOWN}
    for got, want in zip(items(town_data), expected, strict=True):
        assert {**got, "subject": ""} == {**want, "subject": ""}
    meta = town_data["meta"]
    assert meta["unit"] == TOWN and meta["year"] == "2026" and meta["contact"] == "王芳"
    assert meta["source"]["file"] == "平安县目录.xlsx"
    assert meta["source"]["unit"] == COUNTY and meta["source"]["level"] == "乡级"
    assert meta["source"]["derived"]
    summary = zwgk("show", town).stdout
    assert "来源：来自平安县人民政府（2026）的目录（乡级事项），文件“平安县目录.xlsx”" in summary

    # Villages: from the township, default level 村级 (a township's catalog), one file each.
    names = tmp_path / "名单.txt"
    names.write_text("甲村\n乙社区\n\n", encoding="utf-8")
    folder = tmp_path / "各村"
    result = zwgk("new", folder, "--from", town, "--villages-file", names)
    assert result.returncode == 0, result.stderr
    assert "共生成 2 个村（居）务公开目录" in result.stdout
    village_a, village_b = show(folder / "甲村.zwgk"), show(folder / "乙社区.zwgk")
    a, b = items(village_a), items(village_b)
    assert len(a) == len(b) == len([i for i in items(town_data) if "村级" in i["level"]]) > 0
    assert {i["subject"] for i in a} == {"甲村"} and {i["subject"] for i in b} == {"乙社区"}
    assert [{**i, "subject": ""} for i in a] == [{**i, "subject": ""} for i in b]
    empty = [d for d in village_a["domains"] if d["not_involved"]]
    # Domains the township has no 村级 item in; those the county has none for at 乡级 were
    # already 未涉及 in the township and say so.
    notes = {d["note"] for d in empty}
    assert "上级目录中本领域没有需村级公开的事项。" in notes
    assert notes <= {"上级目录中本领域没有需村级公开的事项。", "上级目录中本领域未涉及。"}
    assert village_a["meta"]["source"]["unit"] == TOWN
    validate = zwgk("validate", folder / "甲村.zwgk", "--json")
    assert validate.returncode == 0, validate.stdout


def test_villages_from_the_command_line_and_the_overwrite_policy(tmp_path: Path) -> None:
    town = tmp_path / "镇.zwgk"
    assert zwgk("new", town, "--unit", TOWN).returncode == 0
    folder = tmp_path / "村"
    first = zwgk("new", folder, "--from", town, "--level", "村级", "--villages", "甲村，乙村")
    assert first.returncode == 0, first.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["乙村.zwgk", "甲村.zwgk"]
    (folder / "乙村.zwgk").unlink()
    again = zwgk("new", folder, "--from", town, "--villages", "乙村,甲村")
    assert again.returncode == 2 and "已存在" in again.stderr
    assert not (folder / "乙村.zwgk").exists()  # nothing written when one file is in the way
    forced = zwgk("new", folder, "--from", town, "--villages", "乙村,甲村", "--force")
    assert forced.returncode == 0, forced.stderr


def test_bad_hand_down_input_gets_one_chinese_line(tmp_path: Path) -> None:
    town = tmp_path / "镇.zwgk"
    assert zwgk("new", town, "--unit", TOWN, "--domains", "社会救助").returncode == 0
    cases = [
        (("new", tmp_path / "a.zwgk", "--unit", "甲村", "--from", tmp_path / "无.zwgk"), "找不到"),
        (
            ("new", tmp_path / "a.zwgk", "--unit", "甲", "--from", town, "--level", "县级"),
            "乡级或村级",
        ),
        (("new", tmp_path / "a.zwgk", "--unit", "XX村", "--from", town), "占位符"),
        (("new", tmp_path / "v", "--from", town, "--villages", "a/b"), "文件名"),
        (("new", tmp_path / "v.zwgk", "--from", town, "--villages", "甲村"), "文件夹"),
        (("new", tmp_path / "a.zwgk", "--unit", "甲", "--from", town, "--domains", "all"), "领域"),
        (("new", town, "--unit", "甲村", "--from", town, "--force"), "上级目录文件本身"),
    ]
    for args, words in cases:
        result = zwgk(*args)
        assert result.returncode == 2, (args, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], (args, result.stderr)
        assert "Traceback" not in result.stderr
    missing_unit = zwgk("new", tmp_path / "a.zwgk", "--from", town)
    assert missing_unit.returncode == 2 and "缺少必需的参数：--unit" in missing_unit.stderr
    assert zwgk("show", town).returncode == 0  # the parent survived the attempt on itself


def test_county_reviews_a_township_against_its_own_catalog(tmp_path: Path) -> None:
    from zwgk_desktop.core.storage import Document

    county = tmp_path / "平安县.zwgk"
    town = tmp_path / "城关镇.zwgk"
    assert zwgk("new", county, "--unit", COUNTY, "--domains", "社会救助,养老服务").returncode == 0
    assert zwgk("new", town, "--unit", TOWN, "--from", county).returncode == 0
    same = zwgk("diff", town, "--parent", county)
    assert same.returncode == 0 and "没有差异" in same.stdout, same.stdout
    # The township edits its catalog: one time limit changed, one item deleted.
    with Document.open(town) as doc:
        items = doc.items("social-assistance")
        doc.update_item(items[0].id, "time_limit", "每季度公开")  # type: ignore[arg-type]
        doc.delete_items([items[1].id])  # type: ignore[list-item]
    result = zwgk("diff", town, "--parent", county, "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "parent" and data["left"]["unit"] == COUNTY
    assert data["summary"]["items_changed"] == 1 and data["summary"]["items_removed"] == 1
    assert data["summary"]["items_added"] == 0

    review = zwgk("review", town, "--from-parent", county, "--by", "县审核员")
    assert review.returncode == 0, review.stderr
    assert "已转为审核意见 2 条" in review.stdout
    state = json.loads(zwgk("review", town, "--json").stdout)
    problems = sorted(c["problem"] for c in state["comments"])
    assert len(problems) == 2 and all("与上级目录比较" in p for p in problems)
    assert any("每季度公开" in p for p in problems)
    again = zwgk("review", town, "--from-parent", county)
    assert "已转为审核意见 0 条" in again.stdout
    bad = zwgk("review", town, "--from-parent", tmp_path / "无.zwgk")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_a_township_started_from_the_templates_keeps_only_its_own_items(tmp_path: Path) -> None:
    """County-only items (重大建设项目 approvals, 税收, 户籍 …) name county bodies: a township's
    catalog started from the templates leaves them out, as a handed-down one does."""
    from zwgk_desktop.core.loader import load_catalog
    from zwgk_desktop.core.vocab import LEVEL

    town, county, every = (tmp_path / n for n in ("镇.zwgk", "县.zwgk", "全部.zwgk"))
    made = zwgk("new", town, "--unit", TOWN)
    assert made.returncode == 0 and "公开层级含乡级的事项" in made.stdout
    assert zwgk("new", county, "--unit", "平安县人民政府").returncode == 0
    assert zwgk("new", every, "--unit", TOWN, "--level", "全部").returncode == 0
    township = load_catalog(town)
    items = [i for d in township.domains for i in d.items]
    assert items and all("乡级" in LEVEL.normalize(i.level) for i in items)
    assert all(TOWN in i.subject or "【" not in i.subject for i in items)
    assert load_catalog(county).item_count() == load_catalog(every).item_count() > len(items)
    emptied = [d for d in township.domains if d.not_involved]
    assert emptied and all("乡级" in d.note for d in emptied)
    assert zwgk("validate", town).returncode == 0  # the 未涉及 notes are filled in
