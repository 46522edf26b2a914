"""text.fold: the fast path gives exactly the reference normalisation."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zwgk_desktop.core.text import fold, simplify


def reference_fold(text: str) -> str:
    return re.sub(r"\s+", "", simplify(unicodedata.normalize("NFKC", text)))


@given(st.text())
def test_fold_equals_reference(text: str) -> None:
    assert fold(text) == reference_fold(text)


def test_fold_examples() -> None:
    assert fold("征收土 地信息") == "征收土地信息"
    assert fold("（國務院令第711號）") == "(国务院令第711号)"
    assert fold("特定群眾") == "特定群众"
    assert fold(None) == ""
