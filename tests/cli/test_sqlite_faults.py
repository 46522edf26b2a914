"""Office faults around .zwgk files (issue 12, findings 4, 7, 8 and the write half of 9).

Hot journals and WAL files are made by real killed or still-open writers; concurrent imports
are real processes; read-only and full targets are real tmpfs mounts (skipped without root).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: str, tmpdir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, env=env, timeout=180)


def _one_chinese_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _catalog(path: Path) -> Path:
    made = zwgk("new", str(path), "--unit", "甲镇人民政府", "--domains", "社会救助,养老服务")
    assert made.returncode == 0, made.stderr
    return path


def _units(path: Path) -> str:
    shown = zwgk("show", str(path), "--json")
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)["meta"]["unit"]


# ----------------------------------------------------------------- finding 7: sidecars
def test_hot_journal_of_a_killed_writer_is_rolled_back_not_called_damaged(tmp_path: Path) -> None:
    doc = _catalog(tmp_path / "甲镇.zwgk")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, time
                c = sqlite3.connect({str(doc)!r}, isolation_level=None)
                c.execute("PRAGMA cache_size = 1")
                c.execute("BEGIN")
                c.execute("UPDATE meta SET value = '半途' WHERE key = 'unit'")
                c.execute("UPDATE items SET content = hex(randomblob(3000))")
                print("ready", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    writer.kill()
    writer.wait()
    journal = Path(f"{doc}-journal")
    assert journal.exists() and journal.stat().st_size > 0
    before = doc.read_bytes()
    assert _units(doc) == "甲镇人民政府"  # the half-done transaction is not seen
    assert doc.read_bytes() == before and journal.exists()  # the original is not touched


def test_committed_changes_in_a_wal_file_are_seen(tmp_path: Path) -> None:
    doc = _catalog(tmp_path / "甲镇.zwgk")
    conn = sqlite3.connect(doc, isolation_level=None)
    try:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE meta SET value = '乙镇人民政府' WHERE key = 'unit'")
        assert Path(f"{doc}-wal").stat().st_size > 0
        assert _units(doc) == "乙镇人民政府"
    finally:
        conn.close()


# ----------------------------------------------------------------- finding 8: temp copies
def test_reads_leave_no_temp_copies_also_on_errors(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    doc = _catalog(tmp_path / "甲镇.zwgk")
    bad = tmp_path / "坏.zwgk"
    shutil.copy2(doc, bad)
    conn = sqlite3.connect(bad)
    conn.execute("UPDATE items SET channels = 'x'")
    conn.commit()
    conn.close()
    for args in (
        ("show", str(doc)),
        ("validate", str(doc)),
        ("export", str(doc), "-o", str(tmp_path / "out.xlsx")),
        ("review", str(doc), "--json"),
        ("show", str(bad)),
        ("validate", str(bad)),
    ):
        result = zwgk(*args, tmpdir=temp)
        assert result.returncode in (0, 1, 2), result.stderr
    assert list(temp.iterdir()) == []


def test_interrupted_open_removes_its_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zwgk_desktop.core.storage import Document

    doc = _catalog(tmp_path / "甲镇.zwgk")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Document, "_check", staticmethod(interrupt))
    with pytest.raises(KeyboardInterrupt):
        Document.open_untrusted(doc)
    assert list(temp.iterdir()) == []


# ----------------------------------------------------------------- finding 4: imports
def _workbook(tmp_path: Path) -> Path:
    doc = _catalog(tmp_path / "源.zwgk")
    book = tmp_path / "源.xlsx"
    assert zwgk("export", str(doc), "-o", str(book)).returncode == 0
    return book


def test_concurrent_imports_to_one_name_never_leave_a_broken_file(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    target = tmp_path / "同名.zwgk"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    for _trial in range(2):
        runs = [
            subprocess.Popen(
                [ZWGK, "import", str(book), "-o", str(target), "--force", "-q"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(4)
        ]
        results = [(p.wait(timeout=180), *p.communicate()) for p in runs]
        for code, out, err in results:
            assert code in (0, 2), err
            assert "Traceback" not in err
            if code == 0:
                assert "已生成" in out
        assert any(code == 0 for code, _o, _e in results)
        assert _units(target) == "甲镇人民政府"
        leftovers = [p.name for p in tmp_path.iterdir() if ".creating" in p.name]
        assert leftovers == []


def test_import_force_honours_the_edit_lock(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    target = _catalog(tmp_path / "在编辑.zwgk")
    editor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from zwgk_desktop.core.storage import Document
                doc = Document.open({str(target)!r})
                assert not doc.read_only
                print("open", flush=True)
                sys.stdin.readline()
                item = next(i for d in doc.load_catalog().domains for i in d.items)
                doc.update_item(item.id, "content", "编辑器中的修改")
                doc.close()
                print("saved", flush=True)
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert editor.stdout is not None and editor.stdout.readline().strip() == "open"
        before = target.read_bytes()
        result = zwgk("import", str(book), "-o", str(target), "--force")
        _one_chinese_line(result, "正在编辑", target.name)
        assert target.read_bytes() == before
        out, _ = editor.communicate("go\n", timeout=60)
        assert "saved" in out
    finally:
        with contextlib.suppress(OSError):
            editor.kill()
    assert "编辑器中的修改" in zwgk("show", str(target), "--json").stdout


# ----------------------------------------------------------------- finding 9: targets
@contextlib.contextmanager
def _tmpfs(where: Path, options: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("needs root to mount a tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


def test_read_only_and_full_targets_are_one_chinese_line(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    with _tmpfs(tmp_path / "ro", "ro,size=1m") as ro:
        _one_chinese_line(zwgk("import", str(book), "-o", str(ro / "a.zwgk")), "a.zwgk")
        _one_chinese_line(
            zwgk("new", str(ro / "b.zwgk"), "--unit", "甲镇", "--domains", "all"), "b.zwgk"
        )
    with _tmpfs(tmp_path / "full", "size=48k") as full:
        result = zwgk("new", str(full / "c.zwgk"), "--unit", "甲镇", "--domains", "all")
        _one_chinese_line(result, "磁盘空间不足", "c.zwgk")
        assert list(full.iterdir()) == []
