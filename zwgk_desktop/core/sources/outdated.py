"""Outdated citations of one cell: what a validator and ``zwgk sources --check`` report.

One finding per outdated source the cell cites, unless the cell also cites what replaced
it (a cell that explains the revision history is right).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zwgk_desktop.core.sources.matcher import matcher_for, without_articles
from zwgk_desktop.core.sources.register import Register, Source
from zwgk_desktop.core.sources.status import AsOf, Standing, standing

_MAX_CHAIN = 6


@dataclass(frozen=True)
class OutdatedCitation:
    """A cited source that is outdated (or replaced on a known future date)."""

    source: Source
    found: str  # the text that named it (normalised)
    standing: Standing
    current: Source | None  # the end of the replacement chain that is in force, if any

    @property
    def upcoming(self) -> bool:
        return self.standing.upcoming

    def cited_as(self) -> str:
        source = self.source
        text = f"《{source.title}》"
        if source.numbers:
            return f"{text}（{source.numbers[0]}）"
        if source.version:
            return f"{text}（{source.version}年版）"
        return text

    def message(self, who: str, as_of: AsOf) -> str:
        st = self.standing
        since = f"自{st.since}起" if st.since and not st.since.endswith("后") else st.since
        if self.upcoming:
            head = f"{who}引用的{self.cited_as()}将于{st.since}起被替代"
            tail = f"，届时应改引{self.current.citation()}" if self.current else ""
            return f"{head}{tail}（{as_of.label}仍有效）"
        head = (
            f"{who}引用的{self.cited_as()}{since}{st.how}"
            if since
            else (f"{who}引用的{self.cited_as()}{st.how}")
        )
        if self.current is not None:
            tail = f"，现行为{self.current.citation()}"
        elif st.replacement is not None:
            tail = f"，后续的{st.replacement.citation()}亦已不再有效，请核对现行依据"
        else:
            tail = "，没有登记的替代文件"
        return f"{head}{tail}（{as_of.label}判断）"

    def hint(self) -> str:
        if self.current is not None:
            return f"把{self.cited_as()}改为{self.current.citation()}，并核对条款是否变化。"
        return "删除该依据，或改引现行有效的法规、文件。"


def _current_replacement(source: Source, register: Register, day: date) -> Source | None:
    seen = {source.key}
    step = register.get(source.replaced_by) if source.replaced_by else None
    for _ in range(_MAX_CHAIN):
        if step is None or step.key in seen:
            return None
        if not standing(step, register, day).outdated:
            return step
        seen.add(step.key)
        step = register.get(step.replaced_by) if step.replaced_by else None
    return None


def outdated_citations(text: str, register: Register, day: date) -> tuple[OutdatedCitation, ...]:
    """The outdated (or soon replaced) sources ``text`` cites, judged on ``day``."""
    by_day = register._cache.setdefault("outdated", {})
    cache = by_day.get(day)
    if cache is None:
        cache = by_day[day] = {}
    hit = cache.get(text)
    if hit is not None:
        return hit
    text = without_articles(text)  # "…第十四条" and "…第十五条" cite the same documents
    hit = cache.get(text)
    if hit is not None:
        return hit
    citations = matcher_for(register).cited_if_dated(text)
    result: list[OutdatedCitation] = []
    if citations:
        keys = {c.source.key for c in citations}
        for citation in citations:
            st = standing(citation.source, register, day)
            if not (st.outdated or st.upcoming):
                continue
            current = _current_replacement(citation.source, register, day)
            if st.outdated and (
                (st.replacement is not None and st.replacement.key in keys)
                or (current is not None and current.key in keys)
            ):
                continue  # the cell also cites what replaced it
            result.append(OutdatedCitation(citation.source, citation.found, st, current))
    if len(cache) > 50_000:
        cache.clear()
    found = cache[text] = tuple(result)
    return found
