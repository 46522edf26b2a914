"""`pip install .` (not only editable) must carry the templates and resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_templates_and_resources(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("zwgk_desktop-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(
        n
        for n in names
        if n.startswith("zwgk_desktop/_data/catalogs/")
        and n.endswith(".toml")
        and not n.endswith("/sources.toml")  # the register of legal sources
    )
    assert len(templates) == 26  # the domain templates
    assert "zwgk_desktop/_data/catalogs/sources.toml" in names  # and the register of sources
    assert any(n.startswith("zwgk_desktop/_data/resources/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "zwgk = zwgk_desktop.cli.main:main" in text
    assert "zwgk-desktop = zwgk_desktop.gui.app:main" in text
