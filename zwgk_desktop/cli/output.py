"""Small output helpers shared by the commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.text import without_lone_surrogates


def print_json(data: Any) -> None:
    """Pretty JSON with Chinese left readable (the interchange files are UTF-8)."""
    sys.stdout.write(without_lone_surrogates(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


def add_force_option(parser: Any, help_text: str = "") -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help=help_text or "覆盖已存在的输出文件（本目录上次导出且未被改动的文件无需此项）",
    )


def check_output(out: str | Path, force: bool, source: str | Path | None = None) -> Path:
    """Apply the overwrite policy before any work: refuse names the platform cannot store,
    and an existing file unless ``force`` or it is our unchanged earlier export of ``source``."""
    from zwgk_desktop.core.atomic import check_target
    from zwgk_desktop.core.errors import TargetExistsError
    from zwgk_desktop.core.export_log import is_previous_export

    allowed = force or (source is not None and is_previous_export(out, source))
    try:
        return check_target(out, overwrite=allowed)
    except TargetExistsError as exc:
        raise ZwgkError(f"{exc}；如要覆盖请加 --force") from exc


def note_output(out: str | Path, source: str | Path) -> None:
    from zwgk_desktop.core.export_log import record_export

    record_export(out, source)
