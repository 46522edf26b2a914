"""The current validation findings of an open catalog, keyed by item id (Qt-free).

Issues number items by position (1-based), which changes when rows move; the store
resolves each issue to the item's storage id when it is computed, so cell marks follow
their item. Item-rule findings, domain-rule findings and catalog findings are kept apart
because they are re-computed at different moments (an edit re-runs one item's rules and
its domain's rules, never the whole catalog).

Each domain's counts per severity (the navigator's "N 错误 N 警告") are counted once and
then kept up to date by the writes that say which domain they concern, so an edit costs
its own findings, not a pass over the domain's items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.validation import Issue, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Located:
    """An issue with the storage id of its item (None for domain/catalog issues)."""

    issue: Issue
    item_id: int | None


class IssueStore:
    def __init__(self) -> None:
        self._item: dict[int, list[Issue]] = {}  # item rules, by item id
        self._domain: dict[str, list[Located]] = {}  # domain rules, per domain
        self._domain_marks: dict[int, list[Issue]] = {}  # domain-rule issues on an item
        self._catalog: list[Issue] = []
        self._counts: dict[str, dict[Severity, int]] = {}
        # review of an imported file: fields the importer could not read (shown 未能识别)
        self.gaps: Mapping[str, set[str]] = {}
        # … and (item number, field) read from cells held as numbers or dates
        self.cell_gaps: Mapping[str, set[tuple[int, str]]] = {}
        self.validated: set[str] = set()  # domains whose items have all been checked
        # Newly inserted rows keep their findings to themselves until the clerk leaves
        # the row or asks for 校验: nine red "必填" marks on a row just made are noise.
        self.quiet: set[int] = set()

    # ----------------------------------------------------------------- writing
    def _shown(self, issues: list[Issue]) -> list[Issue]:
        """``issues`` as the store keeps them: in the review of an imported file, those on
        an import gap (a column not read, a cell read only as a number or a date) marked
        未能识别 (the review code loads then, not at start-up)."""
        if not (self.gaps or self.cell_gaps):
            return issues
        from zwgk_desktop.core.review.import_gaps import relabel

        return relabel(issues, self.gaps, self.cell_gaps)

    def set_item(self, item_id: int, issues: list[Issue], domain_id: str | None = None) -> None:
        """The item-rule findings of one item. With ``domain_id`` (the item's domain) that
        domain's counts follow; without it the caller invalidates them."""
        if issues:
            issues = self._shown(issues)
        old = self._item.pop(item_id, ())
        if issues:
            self._item[item_id] = issues
        if domain_id is not None and item_id not in self.quiet:
            self._recount(domain_id, old, issues)

    def set_domain_rules(self, domain: Domain, issues: list[Issue]) -> None:
        """Replace the domain-rule findings of ``domain`` (positions resolved now).

        Its counts are counted again when next asked: this ends a whole-domain check,
        whose items were set without saying their domain."""
        old = self._domain.get(domain.id, ())
        for located in old:
            if located.item_id is not None:
                self._domain_marks.pop(located.item_id, None)
        resolved: list[Located] = []
        for issue in self._shown(issues):
            item_id = None
            if issue.item is not None and 0 < issue.item <= len(domain.items):
                item_id = domain.items[issue.item - 1].id
            resolved.append(Located(issue, item_id))
            if item_id is not None:
                self._domain_marks.setdefault(item_id, []).append(issue)
        self._domain[domain.id] = resolved
        self.invalidate_counts(domain.id)

    def set_domain_marks(
        self, domain_id: str, rule_id: str, marks: Mapping[int, Issue | None]
    ) -> None:
        """Replace one domain rule's finding on some items (``None``: it has none now).

        A cell edit changes a domain rule's findings on a few items only (a duplicate and
        the item it repeats); this costs those items, not the domain.
        """
        if self.gaps or self.cell_gaps:
            marks = {
                item_id: None if issue is None else self._shown([issue])[0]
                for item_id, issue in marks.items()
            }
        quiet = self.quiet
        removed: list[Issue] = []
        added: list[Issue] = []
        kept = [
            located
            for located in self._domain.get(domain_id, ())
            if not (located.item_id in marks and located.issue.rule == rule_id)
        ]
        for item_id, issue in marks.items():
            on_item = self._domain_marks.get(item_id, [])
            others = [mark for mark in on_item if mark.rule != rule_id]
            if item_id not in quiet:
                removed.extend(mark for mark in on_item if mark.rule == rule_id)
            if issue is not None:
                others.append(issue)
                kept.append(Located(issue, item_id))
                if item_id not in quiet:
                    added.append(issue)
            if others:
                self._domain_marks[item_id] = others
            else:
                self._domain_marks.pop(item_id, None)
        self._domain[domain_id] = kept
        self._recount(domain_id, removed, added)

    def _recount(self, domain_id: str, removed: Iterable[Issue], added: Iterable[Issue]) -> None:
        counts = self._counts.get(domain_id)
        if counts is None:
            return  # not counted yet: counted whole when first asked
        for issue in removed:
            counts[issue.severity] -= 1
        for issue in added:
            counts[issue.severity] += 1

    def set_catalog(self, issues: list[Issue]) -> None:
        self._catalog = list(issues)

    def forget_items(self, item_ids: Iterable[int]) -> None:
        for item_id in item_ids:
            self._item.pop(item_id, None)
            self._domain_marks.pop(item_id, None)

    def forget_domain(self, domain: Domain) -> None:
        self.forget_items(item.id for item in domain.items if item.id is not None)
        self._domain.pop(domain.id, None)
        self._counts.pop(domain.id, None)
        self.validated.discard(domain.id)

    def drop_domain(self, domain_id: str) -> None:
        """Forget a removed domain's own findings (its items' are never shown again)."""
        for located in self._domain.pop(domain_id, ()):
            if located.item_id is not None:
                self._domain_marks.pop(located.item_id, None)
        self._counts.pop(domain_id, None)
        self.validated.discard(domain_id)

    def invalidate_counts(self, domain_id: str) -> None:
        self._counts.pop(domain_id, None)

    def clear(self) -> None:
        gaps, cells = self.gaps, self.cell_gaps  # the review's, kept across checks
        self.__init__()  # type: ignore[misc]
        self.gaps, self.cell_gaps = gaps, cells

    # ----------------------------------------------------------------- reading
    def item_issues(self, item_id: int | None) -> list[Issue]:
        if item_id is None or item_id in self.quiet:
            return []
        return self._item.get(item_id, []) + self._domain_marks.get(item_id, [])

    def cell_issues(self, item_id: int | None, key: str) -> list[Issue]:
        return [issue for issue in self.item_issues(item_id) if issue.field == key]

    def domain_located(self, domain: Domain) -> list[Located]:
        """All findings of a domain: its own rules first, then per item in row order."""
        out = [located for located in self._domain.get(domain.id, ()) if located.item_id is None]
        marks = {located.item_id: located for located in self._domain.get(domain.id, ())}
        quiet = self.quiet
        for item in domain.items:
            if item.id is None or item.id in quiet:
                continue
            out.extend(Located(issue, item.id) for issue in self._item.get(item.id, ()))
            if item.id in marks:
                out.extend(Located(issue, item.id) for issue in self._domain_marks.get(item.id, ()))
        return out

    def domain_rule_findings(self, domain_id: str) -> list[Located]:
        return list(self._domain.get(domain_id, ()))

    def catalog_issues(self) -> list[Issue]:
        return list(self._catalog)

    def standing(self, domains: Iterable[Domain], severities: Iterable[Severity]) -> list[Issue]:
        """Catalog findings, then each domain's, of the given severities (export report)."""
        wanted = set(severities)
        out = [issue for issue in self._catalog if issue.severity in wanted]
        for domain in domains:
            out.extend(
                located.issue
                for located in self.domain_located(domain)
                if located.issue.severity in wanted
            )
        return out

    def domain_counts(self, domain: Domain) -> dict[Severity, int]:
        counts = self._counts.get(domain.id)
        if counts is None:
            counts = dict.fromkeys(SEVERITIES, 0)
            for located in self._domain.get(domain.id, ()):
                if located.item_id not in self.quiet:
                    counts[located.issue.severity] += 1
            for item in domain.items:
                if item.id in self.quiet:
                    continue
                for issue in self._item.get(item.id, ()):  # type: ignore[arg-type]
                    counts[issue.severity] += 1
            self._counts[domain.id] = counts
        return counts

    def totals(self, domains: Iterable[Domain]) -> dict[Severity, int]:
        totals = dict.fromkeys(SEVERITIES, 0)
        for issue in self._catalog:
            totals[issue.severity] += 1
        for domain in domains:
            for severity, n in self.domain_counts(domain).items():
                totals[severity] += n
        return totals


def worst(issues: Iterable[Issue]) -> Severity | None:
    best: Severity | None = None
    for issue in issues:
        if best is None or issue.severity.rank < best.rank:
            best = issue.severity
    return best
