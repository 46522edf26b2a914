"""The command line as a new user and an office meet it: Chinese messages end to end,
readable summaries, file permissions, one overwrite policy, unwritable targets.

Run through the installed entry point, as a user would.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zwgk_desktop import __version__

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"

# Words argparse prints in English when it is not translated.
ARGPARSE_ENGLISH = re.compile(
    r"usage:|error:|required|invalid choice|choose from|options:|positional arguments"
    r"|show this help|unrecognized arguments|expected one argument|version number"
)


def zwgk(*args: object, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [ZWGK, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=set_umask if umask is not None else None,
    )


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "甲镇.zwgk"
    result = zwgk("new", path, "--unit", "甲镇人民政府", "--domains", "social-assistance")
    assert result.returncode == 0, result.stderr
    return path


# ---------------------------------------------------------------- Chinese end to end
@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("export", "a.zwgk", "--layout"),
        ("export", "a.zwgk", "-o", "b.xlsx", "--layout", "Flat"),
        ("expot", "a.zwgk"),
        ("new", "x.zwgk"),
        ("show", "a.zwgk", "--bogus"),
        ("validate",),
        ("export", "a.zwgk", "-o"),
        ("review", "a.zwgk", "--jobs", "many"),
    ],
)
def test_usage_errors_are_chinese_with_exit_2(args: tuple[str, ...]) -> None:
    result = zwgk(*args)
    assert result.returncode == 2
    assert ARGPARSE_ENGLISH.search(result.stderr) is None, result.stderr
    assert "zwgk：参数错误：" in result.stderr
    assert "用法：" in result.stderr


def test_mistyped_command_and_choice_get_a_suggestion() -> None:
    assert "您是不是要输入 'export'" in zwgk("expot", "a.zwgk").stderr
    flat = zwgk("export", "a.zwgk", "-o", "b.xlsx", "--layout", "Flat").stderr
    assert "无效的取值 'Flat'，可选：standard、flat" in flat
    assert "'flat'" in flat.split("您是不是要输入", 1)[1]


@pytest.mark.parametrize("args", [("--help",), ("export", "--help"), ("review", "--help")])
def test_help_is_chinese(args: tuple[str, ...]) -> None:
    result = zwgk(*args)
    assert result.returncode == 0
    assert ARGPARSE_ENGLISH.search(result.stdout) is None, result.stdout
    assert result.stdout.startswith("用法：")
    assert "显示本帮助并退出" in result.stdout


def test_top_help_lists_commands_once_under_their_heading() -> None:
    lines = zwgk("--help").stdout.splitlines()
    heading = lines.index("命令:")
    assert lines[heading + 1].split()[0] == "domains"  # no stray "命令" line first


def test_version() -> None:
    result = zwgk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"zwgk {__version__}"


# ---------------------------------------------------------------- readable results
def test_placeholder_unit_is_refused_at_new(tmp_path: Path) -> None:
    out = tmp_path / "x.zwgk"
    result = zwgk("new", out, "--unit", "某某县某某镇人民政府")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "占位符“某某”" in result.stderr and "--allow-placeholder" in result.stderr
    assert not out.exists()
    allowed = zwgk("new", out, "--unit", "XX镇人民政府", "--allow-placeholder")
    assert allowed.returncode == 0 and out.exists()


def test_validate_puts_the_summary_first_and_groups_repeated_findings(tmp_path: Path) -> None:
    out = tmp_path / "x.zwgk"
    made = zwgk(
        "new", out, "--unit", "某某县某某镇人民政府", "--allow-placeholder", "--level", "全部"
    )
    assert made.returncode == 0
    result = zwgk("validate", out)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    summary = re.fullmatch(
        r"某某县某某镇人民政府 \d{4}：(\d+) 个错误，0 个警告，0 个提示", lines[0]
    )
    assert summary is not None
    errors = int(summary.group(1))
    grouped = [line for line in lines if "处相同问题" in line]
    assert len(grouped) == 1
    assert f"共 {errors - 1} 处相同问题" in grouped[0]  # every 公开主体, one line; and the unit
    assert "重大建设项目 第1–" in grouped[0] and "等 26 个领域" in grouped[0]
    assert len(lines) < 20  # not 296 lines, one per item


# ---------------------------------------------------------------- file modes
@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_exports_get_the_mode_of_a_normal_save(
    catalog: Path, tmp_path: Path, umask: int, expected: int, suffix: str
) -> None:
    out = tmp_path / f"导出{suffix}"
    assert zwgk("export", catalog, "-o", out, umask=umask).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == expected


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_replacing_a_file_keeps_its_mode(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "共享.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert zwgk("export", catalog, "-o", out, "--force", umask=0o077).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_bytes()[:2] == b"PK"


# ---------------------------------------------------------------- overwrite policy
def test_export_does_not_replace_a_foreign_file_without_force(
    catalog: Path, tmp_path: Path
) -> None:
    out = tmp_path / "同事的表.xlsx"
    out.write_bytes(b"a colleague's workbook")
    result = zwgk("export", catalog, "-o", out)
    assert result.returncode == 2
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"a colleague's workbook"
    assert zwgk("export", catalog, "-o", out, "--force").returncode == 0
    assert out.read_bytes()[:2] == b"PK"


def test_re_exporting_the_same_catalog_needs_no_force_until_the_file_is_edited(
    catalog: Path, tmp_path: Path
) -> None:
    out = tmp_path / "目录.xlsx"
    assert zwgk("export", catalog, "-o", out).returncode == 0
    assert zwgk("export", catalog, "-o", out).returncode == 0  # our unchanged earlier export
    with out.open("ab") as handle:  # edited in Excel/WPS since
        handle.write(b"\0")
    edited = out.read_bytes()
    result = zwgk("export", catalog, "-o", out)
    assert result.returncode == 2 and "已存在" in result.stderr
    assert out.read_bytes() == edited


def test_another_catalogs_export_is_not_replaced_silently(catalog: Path, tmp_path: Path) -> None:
    other = tmp_path / "乙镇.zwgk"
    assert zwgk("new", other, "--unit", "乙镇人民政府", "--domains", "employment").returncode == 0
    out = tmp_path / "目录.json"
    assert zwgk("export", other, "-o", out).returncode == 0
    result = zwgk("export", catalog, "-o", out)
    assert result.returncode == 2 and "已存在" in result.stderr


def test_validate_report_follows_the_same_policy(catalog: Path, tmp_path: Path) -> None:
    report = tmp_path / "意见.xlsx"
    report.write_bytes(b"keep")
    assert zwgk("validate", catalog, "--report", report).returncode == 2
    assert report.read_bytes() == b"keep"
    assert zwgk("validate", catalog, "--report", report, "--force").returncode in (0, 1)
    assert zwgk("validate", catalog, "--report", report).returncode in (0, 1)


@pytest.mark.parametrize(
    "name",
    [
        "CON.xlsx",
        "nul.json",
        "com1.xlsx",
        "a:b.xlsx",
        "问号?.xlsx",
        "长" * 90 + ".xlsx",
    ],
)
def test_names_windows_cannot_store_are_refused_before_writing(
    catalog: Path, tmp_path: Path, name: str
) -> None:
    result = zwgk("export", catalog, "-o", tmp_path / name)
    assert result.returncode == 2
    assert result.stderr.startswith("zwgk：无法写入") and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- unwritable targets
def _mount_tmpfs(where: Path, options: str) -> bool:
    if os.name == "nt" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], check=False)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 128 KB tmpfs holding an earlier export, filled up (root only)."""
    where = tmp_path / "disk"
    if not _mount_tmpfs(where, "size=128k"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        (where / "目录.json").write_text("earlier export", encoding="utf-8")
        with (where / "fill").open("wb") as handle, contextlib.suppress(OSError):
            handle.write(b"\0" * 256 * 1024)
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs holding an earlier export, remounted read-only (root only)."""
    where = tmp_path / "ro"
    if not _mount_tmpfs(where, "size=1m"):
        pytest.skip("needs root to mount a tmpfs")
    try:
        (where / "目录.json").write_text("earlier export", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_full_disk_fails_with_one_chinese_line_and_keeps_the_old_file(
    catalog: Path, small_disk: Path, suffix: str
) -> None:
    old = small_disk / "目录.json"
    target = small_disk / f"目录{suffix}"
    result = zwgk("export", catalog, "-o", target, "--force")
    assert result.returncode == 2
    assert result.stderr.strip() == f"zwgk：无法写入“目录{suffix}”：磁盘空间不足"
    assert old.read_text(encoding="utf-8") == "earlier export"
    assert sorted(p.name for p in small_disk.iterdir()) == ["fill", "目录.json"]


def test_read_only_disk_fails_with_one_chinese_line(catalog: Path, read_only_disk: Path) -> None:
    result = zwgk("export", catalog, "-o", read_only_disk / "目录.json", "--force")
    assert result.returncode == 2
    assert result.stderr.strip() == "zwgk：无法写入“目录.json”：磁盘或文件夹是只读的"
    assert (read_only_disk / "目录.json").read_text(encoding="utf-8") == "earlier export"
