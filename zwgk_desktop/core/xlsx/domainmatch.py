"""Recognise a domain from a sheet name, a title row or a section title.

"XX镇社会救助领域基层政务公开标准目录", "（三）救灾生产领域…", "社会救助及福利" all name a
pilot domain: the template whose name or alias is the longest folded substring. Names that
match no template become user-defined domains with a cleaned-up name.

A table with no title at all (a CSV, a bare sheet named "Sheet1" or after the file) can
still say its domain through its items: "最低生活保障", "特困人员救助供养" are 社会救助's own
事项 names (``domain_from_items``), a guess the import notes say.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.templates import DomainTemplate, all_templates, find_template
from zwgk_desktop.core.text import fold, nfkc

_ORDINAL_RE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+(?:部分|章|节|篇)[、:：.]?"
    r"|[(（][一二三四五六七八九十百零〇\d]+[)）][、.．]?"
    r"|[一二三四五六七八九十百零〇]+[、.．]"
    r"|\d+(?:\.\d+)*[、.．)）]?)\s*"
)
_SUFFIX_RE = re.compile(
    r"(?:领域)?(?:基层)?(?:政务)?(?:公开)?(?:事项)?(?:标准化?)?(?:规范化?)?(?:目录|清单)(?:模板)?.*$"
)
_UNIT_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:街道办事处|街道|镇|乡)(?:人民政府)?")
_UNIT_END_RE = re.compile(r"(?:镇|乡|街道|办事处|县|区|市|政府|人民政府)$")
_YEAR_RE = re.compile(r"(?<!\d)20\d{2}\s*(?:年度|年版|年(?![\d〇一二三四五六七八九十]{1,2}月))")
SECTION_RE = re.compile(r"领域|标准目录|公开目录|事项目录")


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, DomainTemplate], ...]:
    pairs = [(fold(name), t) for t in all_templates() for name in (t.name, *t.aliases) if name]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((key, t) for key, t in pairs if len(key) >= 2)


def match_domain(text: str | None) -> DomainTemplate | None:
    """The pilot domain ``text`` names (exactly, by alias, or as the longest part)."""
    if not text or not text.strip():
        return None
    exact = find_template(text)
    if exact is not None:
        return exact
    key = fold(text)
    for name, template in _names():
        if name in key:
            return template
    return None


@lru_cache(maxsize=1)
def _item_names() -> dict[str, DomainTemplate]:
    """Folded 一级/二级事项 names found in exactly one template (办事指南, 政策解读… recur in
    many and say nothing about the domain)."""
    owners: dict[str, set[str]] = {}
    by_id: dict[str, DomainTemplate] = {}
    for template in all_templates():
        by_id[template.id] = template
        for item in template.items:
            for name in (item.level1, item.level2):
                key = fold(name)
                if len(key) >= 4:
                    owners.setdefault(key, set()).add(template.id)
    return {key: by_id[next(iter(ids))] for key, ids in owners.items() if len(ids) == 1}


MIN_ITEM_VOTES = 2  # one matching item could be a coincidence


def domain_from_items(items: Iterable[Item]) -> tuple[DomainTemplate, list[str]] | None:
    """The pilot domain whose own 事项 names the items use, and those names; None unless at
    least two items point to it and it has more than twice the votes of any other."""
    names = _item_names()
    votes: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    voted: dict[str, DomainTemplate] = {}
    for item in items:
        for text in (item.level2, item.level1):
            template = names.get(fold(text))
            if template is not None:
                votes[template.id] += 1
                voted[template.id] = template
                examples.setdefault(template.id, []).append(text.strip())
                break  # one vote per item
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < MIN_ITEM_VOTES:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 >= ranked[0][1]:
        return None  # no clear winner
    best = ranked[0][0]
    return voted[best], list(dict.fromkeys(examples[best]))


def strip_ordinal(text: str) -> str:
    return _ORDINAL_RE.sub("", nfkc(text).strip(), count=1)


def looks_like_section(text: str) -> bool:
    """A title such as "（一）社会救助领域…" or "XX镇XX领域基层政务公开标准目录"."""
    folded = fold(text)
    return bool(SECTION_RE.search(folded)) or (
        bool(_ORDINAL_RE.match(folded)) and match_domain(text) is not None
    )


def custom_name(text: str, unit: str = "") -> str:
    """A domain name from a title no template matches: ordinal, unit and suffix removed."""
    name = strip_ordinal(text)
    name = _SUFFIX_RE.sub("", name).strip()
    name = re.sub(r"领域$", "", name).strip()
    if unit and name.startswith(unit) and len(name) > len(unit):
        name = name[len(unit) :]
    else:
        match = _UNIT_RE.match(name)
        if match and match.end() < len(name):
            name = name[match.end() :]
    name = name.strip(" -_:：、.")
    return name or nfkc(text).strip()


def year_from_title(text: str) -> str:
    """The year or edition a title names ("2026年版" in "示范镇…标准目录（2026年版）"), or ""."""
    match = _YEAR_RE.search(text)
    return "".join(match.group(0).split()) if match else ""


def unit_from_title(text: str, template: DomainTemplate | None) -> str:
    """The unit a title names before its domain ("示范镇" in "示范镇社会救助领域…"), or ""."""
    title = strip_ordinal(text)
    if template is None:
        match = _UNIT_RE.match(title)
        return match.group(0) if match and match.end() < len(title) else ""
    for name in (template.name, *template.aliases):
        at = title.find(name)
        if at > 0:
            prefix = title[:at].strip()
            return prefix if _UNIT_END_RE.search(prefix) else ""
    return ""
