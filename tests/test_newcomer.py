"""The first minutes of a new user: no Qt abort in English when there is no display, and
the docs stand on their own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = shutil.which("zwgk-desktop", path=str(Path(sys.executable).parent)) or "zwgk-desktop"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland display check")
def test_app_without_a_display_says_in_chinese_what_to_do() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = subprocess.run(
        [DESKTOP, "--demo"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "没有找到图形桌面" in result.stderr
    assert "xvfb-run" in result.stderr and ".venv/bin/zwgk" in result.stderr
    assert "xcb" not in result.stderr  # not Qt's own abort


def test_run_demo_checks_for_a_display_before_starting_qt() -> None:
    script = (ROOT / "scripts" / "run-demo.sh").read_text(encoding="utf-8")
    check = script.index("DISPLAY")
    assert check < script.index("exec .venv/bin/zwgk-desktop")
    assert "没有图形桌面" in script


def test_docs_do_not_point_outside_the_repository() -> None:
    for path in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "shared/" not in text, path.name
        assert "../" not in text.replace("../..", ""), path.name


def test_readme_says_how_to_reach_the_command_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/zwgk" in readme and "source .venv/bin/activate" in readme
