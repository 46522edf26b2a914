"""text.fold: the fast path gives exactly the reference normalisation."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zwgk_desktop.core.text import fold, simplify


def reference_fold(text: str) -> str:
    """NFKC, simplified, whitespace removed — and NFKC again, since removing a space can
    bring two combining marks together out of canonical order."""
    squashed = re.sub(r"\s+", "", simplify(unicodedata.normalize("NFKC", text)))
    return unicodedata.normalize("NFKC", squashed)


@given(st.text())
def test_fold_equals_reference(text: str) -> None:
    assert fold(text) == reference_fold(text)


def test_fold_orders_marks_brought_together_by_removing_a_space() -> None:
    # Found by hypothesis: U+0339 (class 220) and U+0334 (class 1) around a space.
    assert fold("\u0339 \u0334") == "\u0334\u0339"
    assert fold("\u0339 \u0334") == fold("\u0334\u0339") == fold("\u0334 \u0339")
    # A space that only NFKC brings in (U+02DB OGONEK is " " + U+0328) does the same.
    assert fold("\u0339\u02db") == unicodedata.normalize("NFKC", "\u0328\u0339")


def test_fold_examples() -> None:
    assert fold("征收土 地信息") == "征收土地信息"
    assert fold("（國務院令第711號）") == "(国务院令第711号)"
    assert fold("特定群眾") == "特定群众"
    assert fold(None) == ""


def test_shorten_keeps_short_text_and_ends_cut_text_with_an_ellipsis() -> None:
    from zwgk_desktop.core.text import shorten

    assert shorten("社会救助", 4) == "社会救助"
    assert shorten("社会救助领域", 4) == "社会救…"
    assert len(shorten("长" * 1000, 40)) == 40
