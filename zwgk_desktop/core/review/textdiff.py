"""Showing how two texts differ: a short snippet for the CLI, segments for the GUI."""

from __future__ import annotations

import difflib

from zwgk_desktop.core.text import fold, shorten

SNIPPET = 40
_MAX_DIFF_CHARS = 4_000  # the diff is quadratic at worst: 0.5 s for 2,000 + 2,000 characters


def same_text(a: str, b: str) -> bool:
    """Equal for a reviewer: after NFKC, traditional→simplified and removing spaces."""
    return fold(a) == fold(b)


def segments(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level diff as ``[(op, text)]`` with op in equal/delete/insert."""
    if len(old) + len(new) > _MAX_DIFF_CHARS:
        return [("delete", old), ("insert", new)]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            out.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            out.append(("insert", new[j1:j2]))
    return out


def _clip(text: str, limit: int) -> str:
    return shorten(" ".join(text.split()), limit)


def snippet(old: str, new: str, limit: int = SNIPPET) -> tuple[str, str]:
    """Both texts shortened around their first difference, for one-line display."""
    old1, new1 = " ".join(old.split()), " ".join(new.split())
    if len(old1) <= limit and len(new1) <= limit:
        return old1, new1
    start = 0
    for start, (a, b) in enumerate(zip(old1, new1, strict=False)):  # noqa: B007
        if a != b:
            break
    else:
        start = min(len(old1), len(new1))
    begin = max(0, start - limit // 4)
    prefix = "…" if begin else ""
    return prefix + _clip(old1[begin:], limit), prefix + _clip(new1[begin:], limit)
