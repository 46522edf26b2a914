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


def test_continuous_print_reads_back_and_is_refused_for_other_formats(tmp_path: Path) -> None:
    source = tmp_path / "甲镇.zwgk"
    made = zwgk("new", source, "--unit", "甲镇人民政府", "--domains", "社会救助,就业,养老服务")
    assert made.returncode == 0
    out = tmp_path / "打印版.xlsx"
    done = zwgk("export", source, "-o", out, "--channels", "compact", "--flow", "continuous")
    assert done.returncode == 0, done.stderr
    assert "各领域接续排页" in done.stdout
    shown = json.loads(zwgk("show", out, "--json").stdout)
    original = json.loads(zwgk("show", source, "--json").stdout)

    def items(catalog: dict) -> list[tuple[str, list]]:  # type: ignore[type-arg]
        return [(d["name"], d["items"]) for d in catalog["domains"] if d["items"]]

    assert items(shown) == items(original)
    for name, args in (("平铺.xlsx", ["--layout", "flat"]), ("数据.json", [])):
        refused = zwgk("export", source, "-o", tmp_path / name, "--flow", "continuous", *args)
        assert refused.returncode == 2
        assert refused.stderr.strip().count("\n") == 0 and "接续排页" in refused.stderr
