"""Comments against a catalog: making anchors, finding them again, validation → comments.

A comment records *which* item it is about (template_ref, 一级/二级 names), not just its
row, so the township still sees it at the right cell after inserting or deleting rows, and
the reviewer sees it in the next round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.model import Catalog, Domain
from zwgk_desktop.core.review.diff_model import CatalogDiff, FieldChange
from zwgk_desktop.core.review.matching import name_key
from zwgk_desktop.core.review.model import (
    META_LABELS,
    Anchor,
    Comment,
    NewComment,
    Scope,
    field_key,
)
from zwgk_desktop.core.review.textdiff import snippet
from zwgk_desktop.core.text import fold


def find_domain(catalog: Catalog, key: str) -> Domain | None:
    """A domain by id, then by folded name (ids may differ between an xlsx and a .zwgk)."""
    if not key:
        return None
    for d in catalog.domains:
        if d.id == key:
            return d
    wanted = fold(key)
    return next((d for d in catalog.domains if fold(d.name) == wanted), None)


def make_anchor(
    catalog: Catalog, domain_id: str = "", row: int | None = None, field: str = ""
) -> Anchor:
    """The anchor for a position in ``catalog``: the catalog, a domain, an item (0-based
    ``row``) or one field of an item."""
    field = field_key(field)
    if not domain_id:
        return Anchor(Scope.CATALOG, field=field)
    domain = find_domain(catalog, domain_id)
    if domain is None:
        raise ZwgkError(f"目录中没有领域“{domain_id}”")
    if row is None:
        return Anchor(Scope.DOMAIN, domain.id, domain.name, field=field)
    if not 0 <= row < len(domain.items):
        raise ZwgkError(f"领域“{domain.name}”没有第{row + 1}项（共 {len(domain.items)} 项）")
    item = domain.items[row]
    scope = Scope.FIELD if field in FIELD_BY_KEY else Scope.ITEM
    return Anchor(
        scope, domain.id, domain.name, row + 1, item.template_ref, item.level1, item.level2, field
    )


@dataclass(frozen=True)
class Location:
    """Where a comment is in a given catalog. ``row`` is 0-based; ``found`` is False when
    its item (or domain) is no longer there — it is then shown at the domain level."""

    domain_id: str
    row: int | None
    field: str
    found: bool

    @property
    def cell(self) -> tuple[str, int, str]:
        """(domain id, row or -1, field or "") — the key the GUI marks cells with."""
        return (self.domain_id, -1 if self.row is None else self.row, self.field)


class _DomainIndex:
    """Lookups over one domain's items, built once per catalog."""

    def __init__(self, domain: Domain) -> None:
        self.domain = domain
        self.by_ref: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_level2: dict[str, list[int]] = defaultdict(list)
        for row, item in enumerate(domain.items):
            key = name_key(item)
            if item.template_ref:
                self.by_ref[item.template_ref].append(row)
            self.by_name[key].append(row)
            if key[1]:
                self.by_level2[key[1]].append(row)

    def find(self, anchor: Anchor) -> int | None:
        key = (fold(anchor.level1), fold(anchor.level2))
        hint = (anchor.item_index or 1) - 1
        rows = self.by_ref.get(anchor.template_ref) if anchor.template_ref else None
        if rows:
            same = [r for r in rows if name_key(self.domain.items[r]) == key]
            return _nearest(same or rows, hint)
        if any(key):
            rows = self.by_name.get(key)
            if rows:
                return _nearest(rows, hint)
            rows = self.by_level2.get(key[1]) if key[1] else None
            if rows and len(rows) == 1:
                return rows[0]
            return None
        # An unnamed row: only its position identifies it.
        if 0 <= hint < len(self.domain.items) and not any(name_key(self.domain.items[hint])):
            return hint
        return None


def _nearest(rows: Sequence[int], hint: int) -> int:
    return min(rows, key=lambda r: (abs(r - hint), r))


class CommentIndex:
    """The comments of a review located in one catalog (the submission or the township's
    live document); rebuild it after the catalog changes."""

    def __init__(self, comments: Iterable[Comment], catalog: Catalog) -> None:
        self.catalog = catalog
        self.comments = list(comments)
        self._domains: dict[str, _DomainIndex] = {}
        self._locations: dict[int, Location] = {}
        self._cells: dict[tuple[str, int, str], list[Comment]] = defaultdict(list)
        for comment in self.comments:
            location = self.locate(comment.anchor)
            self._locations[comment.id] = location
            self._cells[location.cell].append(comment)

    def _index(self, domain: Domain) -> _DomainIndex:
        index = self._domains.get(domain.id)
        if index is None:
            index = self._domains[domain.id] = _DomainIndex(domain)
        return index

    def locate(self, anchor: Anchor) -> Location:
        if anchor.scope is Scope.CATALOG:
            return Location("", None, anchor.field, True)
        domain = find_domain(self.catalog, anchor.domain_id) or find_domain(
            self.catalog, anchor.domain_name
        )
        if domain is None:
            return Location(anchor.domain_id, None, "", False)
        if anchor.scope is Scope.DOMAIN:
            return Location(domain.id, None, anchor.field, True)
        row = self._index(domain).find(anchor)
        if row is None:
            return Location(domain.id, None, "", False)
        return Location(domain.id, row, anchor.field if anchor.scope is Scope.FIELD else "", True)

    def location(self, comment_id: int) -> Location:
        return self._locations[comment_id]

    def at(self, domain_id: str, row: int = -1, field: str = "") -> list[Comment]:
        """Comments exactly at a cell (row -1 = the domain; field "" = the whole item)."""
        return list(self._cells.get((domain_id, row, field), ()))

    def cells(self) -> dict[tuple[str, int, str], list[Comment]]:
        """Every occupied position → its comments (for marking table cells)."""
        return {k: list(v) for k, v in self._cells.items()}

    def for_domain(self, domain_id: str) -> list[Comment]:
        return [c for c in self.comments if self._locations[c.id].domain_id == domain_id]

    def lost(self) -> list[Comment]:
        """Comments whose item is no longer in the catalog."""
        return [c for c in self.comments if not self._locations[c.id].found]


def comments_from_issues(
    issues: Iterable[object],
    catalog: Catalog,
    existing: Iterable[Comment] = (),
    severities: Iterable[object] | None = None,
) -> list[NewComment]:
    """One comment per validation issue (错误 and 警告 by default), skipping issues that an
    unresolved comment of the same rule at the same place already covers.

    ``issues`` are ``core.validation`` Issue objects (rule, severity, domain_id, item
    (1-based), field, message, hint).
    """
    from zwgk_desktop.core.validation.issue import Severity

    wanted = set(severities) if severities is not None else {Severity.ERROR, Severity.WARNING}
    index = CommentIndex([c for c in existing if c.is_open], catalog)
    covered = {(c.rule, index.location(c.id).cell) for c in index.comments if c.rule}
    # a cell the reviewer already wrote about (by hand) gets no second, generated comment
    commented = {
        index.location(c.id).cell
        for c in index.comments
        if not c.rule and index.location(c.id).cell[2]
    }
    result: list[NewComment] = []
    for issue in issues:
        if getattr(issue, "severity", None) not in wanted:
            continue
        rule = str(issue.rule)  # type: ignore[attr-defined]
        domain_id = issue.domain_id or ""  # type: ignore[attr-defined]
        item = issue.item  # type: ignore[attr-defined]
        field = issue.field or ""  # type: ignore[attr-defined]
        if field not in FIELD_BY_KEY and field not in META_LABELS:
            field = ""
        try:
            anchor = make_anchor(catalog, domain_id, None if item is None else item - 1, field)
        except ZwgkError:
            continue
        location = index.locate(anchor)
        if (rule, location.cell) in covered or (field and location.cell in commented):
            continue
        covered.add((rule, location.cell))
        severity = issue.severity.label  # type: ignore[attr-defined]
        hint = issue.hint or "请按校验提示修改。"  # type: ignore[attr-defined]
        result.append(
            NewComment(anchor, hint, f"［{severity}］{issue.message}", rule, "validation")
        )  # type: ignore[attr-defined]
    return result


PARENT_SOURCE = "parent"
_PARENT_TEXT = {
    "removed": "上级目录中该事项需在本级公开，请补充该事项，或说明本单位不公开的理由。",
    "added": "上级目录中没有该事项，请确认是否属于本级公开事项，或说明增加的理由。",
    "changed": "相同事项的公开内容应与上级目录对应一致，请核对修改，或说明不同的理由。",
    "domain": "请核对本领域是否涉及：上级目录中本领域有需本级公开的事项。",
}


def _change_text(change: FieldChange) -> str:
    if change.is_choice:
        parts = [f"增加{v}" for v in change.added] + [f"去掉{v}" for v in change.removed]
        return f"{change.label}{'、'.join(parts) or '写法不同'}"
    old, new = snippet(str(change.old), str(change.new))
    return f"{change.label}（上级：“{old or '空'}”；本级：“{new or '空'}”）"


def comments_from_parent_diff(
    diff: CatalogDiff, catalog: Catalog, existing: Iterable[Comment] = ()
) -> list[NewComment]:
    """One comment per difference from the parent's catalog (``diff_with_parent``):
    an item not taken over (on its domain), an item added, an item whose elements differ
    (on the field when only one differs), a domain marked 未涉及 against the parent.
    Differences an unresolved comment already names are skipped, so running it twice
    adds nothing."""
    index = CommentIndex([c for c in existing if c.is_open and c.rule], catalog)
    covered = {(c.rule, index.location(c.id).cell, c.problem) for c in index.comments}
    result: list[NewComment] = []

    def add(rule: str, anchor: Anchor, text: str, problem: str) -> None:
        key = (rule, index.locate(anchor).cell, problem)
        if key not in covered:
            covered.add(key)
            result.append(NewComment(anchor, text, problem, rule, PARENT_SOURCE))

    for d in diff.domains:
        domain = find_domain(catalog, d.domain_id) or find_domain(catalog, d.name)
        if domain is None:
            continue
        for attr in d.attributes:
            if attr.field == "not_involved" and domain.not_involved:
                add(
                    "parent.domain",
                    make_anchor(catalog, domain.id),
                    _PARENT_TEXT["domain"],
                    "［与上级目录比较］本领域标为未涉及，上级目录中有需本级公开的事项",
                )
        for change in d.items:
            title = change.title
            if change.change == "removed":
                add(
                    "parent.removed",
                    make_anchor(catalog, domain.id),
                    _PARENT_TEXT["removed"],
                    f"［与上级目录比较］未采用上级事项：{title}（上级第{change.old_index}项）",
                )
                continue
            row = (change.new_index or 0) - 1
            if not 0 <= row < len(domain.items):
                continue
            if change.change == "added":
                add(
                    "parent.added",
                    make_anchor(catalog, domain.id, row),
                    _PARENT_TEXT["added"],
                    f"［与上级目录比较］本级新增事项：{title}",
                )
                continue
            field = change.fields[0].field if len(change.fields) == 1 else ""
            details = "；".join(_change_text(f) for f in change.fields)
            add(
                "parent.changed",
                make_anchor(catalog, domain.id, row, field),
                _PARENT_TEXT["changed"],
                f"［与上级目录比较］{title}：{details}",
            )
    return result
