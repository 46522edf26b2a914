"""``core.validation`` loads its engine and rules on first use, not for a ``Severity``."""

from __future__ import annotations

import subprocess
import sys

import zwgk_desktop.core.validation as validation


def test_every_public_name_resolves() -> None:
    for name in validation.__all__:
        assert getattr(validation, name) is not None
    assert "REQ-TIME-LIMIT" in validation.RULES  # the rules registered themselves


def test_a_severity_does_not_load_the_engine() -> None:
    script = (
        "import sys\n"
        "from zwgk_desktop.core.validation import Issue, Severity\n"
        "print('zwgk_desktop.core.validation.engine' in sys.modules)\n"
        "from zwgk_desktop.core.validation import RULES\n"
        "print(len(RULES) > 30)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]
