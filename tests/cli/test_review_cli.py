"""``zwgk diff`` and ``zwgk review`` through the installed entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [ZWGK, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def _new(path: Path, unit: str = "甲镇人民政府", domains: str = "社会救助,养老服务") -> Path:
    result = zwgk("new", str(path), "--unit", unit, "--domains", domains)
    assert result.returncode == 0, result.stderr
    return path


def _export_json(src: Path, out: Path) -> dict:
    assert zwgk("export", str(src), "-o", str(out), "--format", "json").returncode == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_help_documents_the_json_shapes() -> None:
    diff_help = zwgk("diff", "--help")
    assert diff_help.returncode == 0 and '"format": "zwgk-diff"' in diff_help.stdout
    review_help = zwgk("review", "--help")
    assert review_help.returncode == 0 and "zwgk-review-batch" in review_help.stdout


def test_diff_two_files_text_and_json(tmp_path: Path) -> None:
    a = _new(tmp_path / "a.zwgk")
    data = _export_json(a, tmp_path / "b.json")
    domain = next(d for d in data["domains"] if d["id"] == "social-assistance")
    domain["items"][1]["time_limit"] = "自收到申请之日起20个工作日内"
    del domain["items"][0]
    (tmp_path / "b.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    same = zwgk("diff", str(a), str(a))
    assert same.returncode == 0 and "没有差异" in same.stdout
    text = zwgk("diff", str(a), str(tmp_path / "b.json"))
    assert text.returncode == 1, text.stderr
    assert "【社会救助】" in text.stdout and "公开时限" in text.stdout and "删除事项" in text.stdout
    out = zwgk("diff", str(a), str(tmp_path / "b.json"), "--json")
    assert out.returncode == 1
    diff = json.loads(out.stdout)
    assert (
        diff["format"] == "zwgk-diff"
        and diff["summary"]["items_removed"] == 1
        and diff["summary"]["items_changed"] == 1
    )


def test_diff_against_templates(tmp_path: Path) -> None:
    a = _new(tmp_path / "a.zwgk")
    data = _export_json(a, tmp_path / "a.json")
    domain = next(d for d in data["domains"] if d["id"] == "elderly-care")
    domain["items"].pop()
    (tmp_path / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert zwgk("diff", str(a), "--template").returncode == 0
    result = zwgk("diff", str(tmp_path / "a.json"), "--template", "--json")
    assert result.returncode == 1
    diff = json.loads(result.stdout)
    assert diff["mode"] == "template" and diff["summary"]["items_removed"] == 1


def test_diff_errors_are_one_chinese_line(tmp_path: Path) -> None:
    missing = zwgk("diff", str(tmp_path / "none.zwgk"), str(tmp_path / "none2.zwgk"))
    assert (
        missing.returncode == 2
        and "找不到文件" in missing.stderr
        and "Traceback" not in missing.stderr
    )
    assert len(missing.stderr.strip().splitlines()) == 1
    (tmp_path / "bad.zwgk").write_bytes(b"garbage" * 100)
    bad = zwgk("diff", str(tmp_path / "bad.zwgk"), "--template")
    assert bad.returncode == 2 and bad.stderr.startswith("zwgk：")
    one = zwgk("diff", str(tmp_path / "bad.zwgk"))
    assert one.returncode == 2 and "--template" in one.stderr


def test_single_file_review_commands(tmp_path: Path) -> None:
    sub = _new(tmp_path / "甲镇.zwgk")
    first = zwgk("review", str(sub))
    assert first.returncode == 0 and "尚无审核记录" in first.stdout
    empty = json.loads(zwgk("review", str(sub), "--json").stdout)
    assert (empty["round"], empty["comments"]) == (0, [])
    assert not (tmp_path / "甲镇.审核.zwgkr").exists()
    added = zwgk(
        "review",
        str(sub),
        "--comment",
        "时限请写具体",
        "--problem",
        "时限过宽",
        "--domain",
        "社会救助",
        "--item",
        "2",
        "--field",
        "time_limit",
        "--by",
        "李审核",
    )
    assert added.returncode == 0, added.stderr
    assert "#1" in added.stdout
    assert zwgk("review", str(sub), "--from-validation").returncode == 0
    assert zwgk("review", str(sub), "--status", "退回修改", "--note", "请修改").returncode == 0
    state = json.loads(zwgk("review", str(sub), "--json").stdout)
    assert state["format"] == "zwgk-review" and state["round"] == 1
    assert state["status"]["status"] == "returned"
    comment = state["comments"][0]
    assert comment["location"] == {
        "domain_id": "social-assistance",
        "item": 2,
        "field": "time_limit",
        "found": True,
    }
    assert comment["author"] == "李审核" and comment["status_label"] == "待处理"
    out = tmp_path / "意见.xlsx"
    exported = zwgk("review", str(sub), "-o", str(out))
    assert exported.returncode == 0
    assert openpyxl.load_workbook(out)["审核意见"].cell(row=4, column=7).value
    approve = zwgk("review", str(sub), "--status", "通过")
    assert approve.returncode == 2 and "待处理" in approve.stderr
    usage = zwgk("review", str(sub), "--comment", "x", "--item", "1")
    assert usage.returncode == 2 and "--domain" in usage.stderr
    wrong = zwgk("review", str(sub), "--status", "随便")
    assert wrong.returncode == 2 and "可选" in wrong.stderr


def test_township_marks_modified_from_the_cli(tmp_path: Path) -> None:
    sub = _new(tmp_path / "甲镇.zwgk")
    assert (
        zwgk("review", str(sub), "--comment", "请补充", "--domain", "social-assistance").returncode
        == 0
    )
    marked = zwgk(
        "review", str(sub), "--modified", "1", "--reply", "已补充", "--resubmit", "--json"
    )
    assert marked.returncode == 0, marked.stderr
    state = json.loads(marked.stdout)
    assert "已标记为已修改" in marked.stderr
    assert (
        state["comments"][0]["status"] == "modified" and state["comments"][0]["reply"] == "已补充"
    )
    assert state["status"]["status"] == "pending"


def test_batch_folder_with_summary(tmp_path: Path) -> None:
    box = tmp_path / "收件"
    box.mkdir()
    _new(box / "甲镇.zwgk")
    _new(box / "乙镇.zwgk", unit="乙镇人民政府")
    (box / "坏文件.xlsx").write_bytes(b"not a zip")
    (box / "老格式.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    summary = box / "汇总.xlsx"
    result = zwgk("review", str(box), "-o", str(summary))
    assert result.returncode == 1, result.stderr  # 1: problems found (unreadable files, errors)
    assert "坏文件.xlsx：无法读取" in result.stdout and "已写出汇总" in result.stdout
    assert summary.is_file()
    data = json.loads(zwgk("review", str(box), "--json").stdout)
    assert data["summary"]["files"] == 4 and data["summary"]["unreadable"] == 2
    assert [s["ok"] for s in data["submissions"]][:2] == [False, False]
    parallel = json.loads(zwgk("review", str(box), "--json", "--jobs", "2").stdout)
    assert parallel["submissions"] == data["submissions"]
    assert zwgk("review", str(box), "--jobs", "0").returncode == 2
    missing = zwgk("review", str(tmp_path / "none"))
    assert missing.returncode == 2 and "找不到" in missing.stderr


def test_review_file_option_follows_a_renamed_submission(tmp_path: Path) -> None:
    sub = _new(tmp_path / "甲镇.zwgk")
    assert zwgk("review", str(sub), "--comment", "请核对", "--domain", "社会救助").returncode == 0
    renamed = tmp_path / "甲镇-修改稿.zwgk"
    renamed.write_bytes(sub.read_bytes())
    result = zwgk(
        "review", str(renamed), "--review-file", str(tmp_path / "甲镇.审核.zwgkr"), "--json"
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["round"] == 1 and len(state["comments"]) == 1
    assert not (tmp_path / "甲镇-修改稿.审核.zwgkr").exists()


def test_merge_brings_the_townships_replies_and_later_county_comments_together(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "收件"
    inbox.mkdir()
    sub = _new(inbox / "甲镇.zwgk")
    assert (
        zwgk("review", str(sub), "--comment", "请补充依据", "--domain", "社会救助").returncode == 0
    )
    assert zwgk("review", str(sub), "--status", "退回修改").returncode == 0
    town = tmp_path / "乡镇"
    town.mkdir()
    own = Path(shutil.copy2(sub, town / sub.name))
    shutil.copy2(inbox / "甲镇.审核.zwgkr", town / "甲镇.审核.zwgkr")
    late = zwgk("review", str(sub), "--comment", "再补一条", "--domain", "养老服务")
    assert late.returncode == 0, late.stderr
    answered = zwgk("review", str(own), "--modified", "1", "--reply", "已补充", "--resubmit")
    assert answered.returncode == 0, answered.stderr

    merged = zwgk("review", str(sub), "--merge", str(town / "甲镇.审核.zwgkr"), "--json")
    assert merged.returncode == 0, merged.stderr
    assert "已合并" in merged.stderr and "更新意见状态 1 条" in merged.stderr
    comments = {c["opinion"]: c for c in json.loads(merged.stdout)["comments"]}
    assert comments["请补充依据"]["status"] == "modified"
    assert comments["请补充依据"]["reply"] == "已补充"
    assert comments["再补一条"]["status"] == "open"

    missing = zwgk("review", str(sub), "--merge", str(tmp_path / "无.zwgkr"))
    assert missing.returncode == 2 and "找不到要合并的审核文件" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_field_may_be_given_as_the_column_label(tmp_path: Path) -> None:
    """A reviewer types the column label they see (公开时限), not the key (time_limit)."""
    target = _new(tmp_path / "甲镇.zwgk")
    where = ["--domain", "社会救助", "--item", "1"]
    added = zwgk(
        "review",
        str(target),
        "--by",
        "张审核",
        "--comment",
        "请写明具体工作日",
        *where,
        "--field",
        "公开时限",
    )
    assert added.returncode == 0, added.stderr
    wrong = zwgk(
        "review", str(target), "--by", "张审核", "--comment", "x", *where, "--field", "时间"
    )
    assert wrong.returncode == 2
    assert "未知的字段“时间”：可用" in wrong.stderr and "公开时限" in wrong.stderr
    shown = zwgk("review", str(target), "--json")
    assert '"time_limit"' in shown.stdout
