"""Print the project version the way hatch computes it, for the build scripts and the spec.

pyproject.toml declares ``dynamic = ["version"]`` with ``[tool.hatch.version] path``; this
reads that path and its ``__version__`` line, so the installer, the executables and the
wheel always carry one version without importing the package (no Qt, no venv needed).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_VERSION_RE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def project_version(root: Path = ROOT) -> str:
    """The version string declared by pyproject.toml (via hatch's version source file)."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    source = pyproject["tool"]["hatch"]["version"]["path"]
    match = _VERSION_RE.search((root / source).read_text(encoding="utf-8"))
    if not match:
        raise SystemExit(f"{source} 中没有 __version__")
    return match.group(1)


def windows_file_version(version: str) -> tuple[int, int, int, int]:
    """Four integers for a Windows VERSIONINFO resource ("0.1.0rc1" → (0, 1, 0, 0))."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


if __name__ == "__main__":
    sys.stdout.write(project_version() + "\n")
