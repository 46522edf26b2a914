"""Issue 12, finding 9: ``validate`` goes on after a bad file; exit 3 only for a bug, with a log.

Contract kept: 0 clean, 1 errors found, 2 some input unreadable (the others still checked
and reported), 3 an internal error whose details are in the log file the line names.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, env=env, timeout=120)


def test_validate_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "好.zwgk"
    assert zwgk("new", str(good), "--unit", "甲镇人民政府", "--domains", "all").returncode == 0
    bad = tmp_path / "坏.zwgk"
    shutil.copy2(good, bad)
    conn = sqlite3.connect(bad)
    conn.execute("UPDATE items SET extra = '[1]'")
    conn.commit()
    conn.close()
    later = tmp_path / "后.zwgk"
    shutil.copy2(good, later)
    result = zwgk("validate", str(bad), str(good), str(later))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("坏.zwgk") == 1 and "Traceback" not in result.stderr
    assert "好.zwgk" in result.stdout and "后.zwgk" in result.stdout
    assert "1 个无法读取" in result.stdout


def test_internal_error_is_exit_3_with_a_log_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zwgk_desktop.cli import cmd_domains
    from zwgk_desktop.cli.main import main

    monkeypatch.setenv("ZWGK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ZWGK_DEBUG", raising=False)

    def broken(_args: object) -> int:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cmd_domains, "run", broken)
    assert main(["domains"]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "内部错误" in err and "已写入" in err
    log = Path(err.split("已写入 ", 1)[1].split("，", 1)[0])
    assert log.is_file() and "simulated bug" in log.read_text(encoding="utf-8")


def test_file_names_that_are_not_utf8_work(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("Windows file names are UTF-16")
    good = tmp_path / "ok.zwgk"
    assert zwgk("new", str(good), "--unit", "甲镇人民政府", "--domains", "社会救助").returncode == 0
    folder = os.fsencode(tmp_path)
    gbk = folder + b"/\xd6\xd0\xce\xc4.zwgk"  # "中文" in GBK
    shutil.copy2(good, gbk)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    for args in (
        [b"show", gbk, b"--json"],
        [b"validate", gbk, b"--json"],
        [b"export", gbk, b"-o", folder + b"/\xd6\xd0.xlsx"],
        [b"export", gbk, b"-o", folder + b"/\xd6\xd0.json"],
        [b"review", gbk, b"--json"],
        [b"import", folder + b"/\xd6\xd0.xlsx", b"-o", folder + b"/\xce\xc4.zwgk"],
        [b"validate", gbk, b"--report", folder + b"/\xd6\xd0r.xlsx"],
    ):
        result = subprocess.run([os.fsencode(ZWGK), *args], capture_output=True, env=env)
        assert result.returncode in (0, 1), (args, result.stderr.decode("utf-8", "replace"))


def test_a_catalog_beyond_the_item_limit_says_the_real_limit(tmp_path: Path) -> None:
    doc = tmp_path / "巨大.zwgk"
    assert zwgk("new", str(doc), "--unit", "甲镇人民政府", "--domains", "社会救助").returncode == 0
    conn = sqlite3.connect(doc)
    conn.execute(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200001) "
        "INSERT INTO items (domain_id, position) SELECT 'social-assistance', x FROM n"
    )
    conn.commit()
    conn.close()
    result = zwgk("show", str(doc))
    assert result.returncode == 2, result.stderr
    assert "超过上限 200000 条" in result.stderr and len(result.stderr.strip().splitlines()) == 1
