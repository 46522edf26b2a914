"""Rewrite an outdated citation in a cell to its current replacement (the form's 替换).

The matcher works on a folded copy of the cell; here the citation is found again in the
original text with a pattern that accepts the same variants (brackets, fullwidth digits,
spaces, 国令, 中华人民共和国 omitted), so the rest of the cell stays exactly as written.
"""

from __future__ import annotations

import re

from zwgk_desktop.core.sources.outdated import OutdatedCitation
from zwgk_desktop.core.sources.register import Source

_OPEN = "[(（〔\\[［【﹝〖]"
_CLOSE = "[)）〕\\]］】﹞〗]"
_GAP = r"\s*"
_PRC = "中华人民共和国"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _char(c: str) -> str:
    if c.isdigit():
        return f"[{c}{c.translate(_FULLWIDTH)}]"
    if c in "(（〔[［【﹝":
        return _OPEN
    if c in ")）〕]］】﹞":
        return _CLOSE
    return re.escape(c)


def _literal(text: str) -> str:
    return _GAP.join(_char(c) for c in text if not c.isspace())


def _number_pattern(number: str) -> str:
    body = number
    prefix = ""
    if body.startswith("国务院令"):
        prefix = f"(?:{_PRC})?(?:国务院令|国令)"
        body = body[len("国务院令") :]
    parts = [_char(c) if c != "第" else "第?" for c in body if not c.isspace()]
    return prefix + _GAP + _GAP.join(parts)


def _title_pattern(source: Source) -> str:
    names = [source.title, *source.short]
    if source.title.startswith(_PRC):
        names.append(source.title[len(_PRC) :])
    names.sort(key=len, reverse=True)
    return "|".join(
        f"(?:{_PRC})?" + _literal(n) if not n.startswith(_PRC) else _literal(n) for n in names
    )


def _pattern(source: Source) -> re.Pattern[str]:
    numbers = "|".join(_number_pattern(n) for n in source.numbers)
    title = _title_pattern(source)
    # 《title》 (or a bare title) with an optional version marker and an optional bracketed
    # number or revision note after it; or a bare number with its optional brackets.
    year_mark = f"{_OPEN}{_GAP}(?:19|20)\\d\\d年?[^()（）〔〕]{{0,12}}{_CLOSE}"
    tails = [year_mark]
    if numbers:
        tails.append(f"{_OPEN}{_GAP}(?:{numbers}){_GAP}{_CLOSE}")
    tail = f"(?:{_GAP}(?:{'|'.join(tails)}))?"
    year_before = r"(?:(?:19|20)\d\d年(?:版|修订|修正)?的?)?"
    titled = f"{year_before}《?{_GAP}(?:{title}){_GAP}(?:{year_mark})?{_GAP}》?{tail}"
    alternatives = [titled]
    if numbers:
        alternatives.append(f"{_OPEN}?{_GAP}(?:{numbers}){_GAP}{_CLOSE}?")
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def replace_citation(text: str, citation: OutdatedCitation) -> str | None:
    """``text`` with the outdated citation replaced by its current replacement, or None if
    there is no replacement or the citation cannot be located in the original text."""
    current = citation.current
    if current is None:
        return None
    match = _pattern(citation.source).search(text)
    if match is None:
        return None
    return text[: match.start()] + current.citation() + text[match.end() :]
