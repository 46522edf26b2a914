"""Small output helpers shared by the commands."""

from __future__ import annotations

import json
import sys
from typing import Any

from zwgk_desktop.core.text import without_lone_surrogates


def print_json(data: Any) -> None:
    """Pretty JSON with Chinese left readable (the interchange files are UTF-8)."""
    sys.stdout.write(without_lone_surrogates(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")
