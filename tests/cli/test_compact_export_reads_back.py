"""A compact-channel export is our own export too: reading it back trusts its metadata and
tells the reviewer nothing is amiss (the metadata check renders with the same channel style)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [ZWGK, *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize("channels", ["full", "compact"])
def test_own_export_reads_back_without_a_mismatch_warning(tmp_path: Path, channels: str) -> None:
    source = tmp_path / "甲镇.zwgk"
    assert (
        zwgk("new", source, "--unit", "甲镇人民政府", "--domains", "社会救助,就业").returncode == 0
    )
    out = tmp_path / f"{channels}.xlsx"
    assert zwgk("export", source, "-o", out, "--channels", channels).returncode == 0
    shown = zwgk("show", out, "--json")
    assert shown.returncode == 0
    assert "不一致" not in shown.stderr, shown.stderr
    original = json.loads(zwgk("show", source, "--json").stdout)
    assert json.loads(shown.stdout)["domains"] == original["domains"]
