"""Comments point at items by identity, so they stay at the right cell after edits."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import Catalog, Item
from zwgk_desktop.core.review.comments import CommentIndex, comments_from_issues, make_anchor
from zwgk_desktop.core.review.model import Comment, CommentStatus, Scope
from zwgk_desktop.core.validation import Severity, validate_catalog

SA = "social-assistance"


def _comment(
    cid: int, anchor, rule: str = "", status: CommentStatus = CommentStatus.OPEN
) -> Comment:  # noqa: ANN001
    return Comment(
        cid, anchor, "意见", "", "李审核", "2026-01-01T00:00:00", 1, status, "李审核", "", rule=rule
    )


def test_anchors_for_each_kind_of_target(make_catalog: Callable[..., Catalog]) -> None:
    catalog = make_catalog()
    item = catalog.domain(SA).items[2]
    assert make_anchor(catalog).scope is Scope.CATALOG
    assert make_anchor(catalog, SA).scope is Scope.DOMAIN
    assert make_anchor(catalog, "社会救助").domain_id == SA  # by name too
    anchor = make_anchor(catalog, SA, 2, "time_limit")
    assert (anchor.scope, anchor.item_index, anchor.template_ref, anchor.level2) == (
        Scope.FIELD,
        3,
        item.template_ref,
        item.level2,
    )
    assert make_anchor(catalog, SA, 2).scope is Scope.ITEM
    with pytest.raises(ZwgkError, match="没有第"):
        make_anchor(catalog, SA, 999)
    with pytest.raises(ZwgkError, match="未知的字段"):
        make_anchor(catalog, SA, 0, "nonsense")
    with pytest.raises(ZwgkError, match="没有领域"):
        make_anchor(catalog, "no-such-domain")


def test_comment_follows_its_item_through_inserts_deletes_and_sorting(
    make_catalog: Callable[..., Catalog],
) -> None:
    catalog = make_catalog()
    target = catalog.domain(SA).items[4]
    comment = _comment(1, make_anchor(catalog, SA, 4, "channels"))
    edited = make_catalog()
    items = edited.domain(SA).items
    del items[0]
    items.insert(0, Item(level1="本地", level2="一"))
    items.insert(0, Item(level1="本地", level2="二"))
    items.reverse()
    index = CommentIndex([comment], edited)
    location = index.location(1)
    assert location.found and items[location.row].level2 == target.level2
    assert index.at(SA, location.row, "channels") == [comment]
    assert index.cells() == {(SA, location.row, "channels"): [comment]}


def test_without_template_ref_names_find_the_item(make_catalog: Callable[..., Catalog]) -> None:
    catalog = make_catalog()
    for item in catalog.domain(SA).items:
        item.template_ref = ""  # as read from an .xlsx
    comment = _comment(1, make_anchor(catalog, SA, 3))
    moved = make_catalog()
    items = moved.domain(SA).items
    for item in items:
        item.template_ref = ""
    items.append(items.pop(3))
    assert CommentIndex([comment], moved).location(1).row == len(items) - 1


def test_a_deleted_item_leaves_the_comment_at_domain_level(
    make_catalog: Callable[..., Catalog],
) -> None:
    catalog = make_catalog()
    comment = _comment(1, make_anchor(catalog, SA, 0, "basis"))
    edited = make_catalog()
    gone = edited.domain(SA).items.pop(0)
    assert gone.level2 == comment.anchor.level2
    index = CommentIndex([comment], edited)
    assert not index.location(1).found
    assert index.lost() == [comment]
    assert index.for_domain(SA) == [comment]
    assert index.at(SA, -1, "") == [comment]


def test_validation_issues_become_comments_once(make_catalog: Callable[..., Catalog]) -> None:
    catalog = make_catalog()
    catalog.domain(SA).items[1].time_limit = ""
    catalog.domain("health").note = ""
    issues = validate_catalog(catalog).issues
    wanted = [i for i in issues if i.severity in (Severity.ERROR, Severity.WARNING)]
    assert wanted, "the broken catalog must produce issues"
    new = comments_from_issues(issues, catalog)
    assert len(new) == len({(i.rule, i.domain_id, i.item, i.field) for i in wanted})
    time_comment = next(c for c in new if c.anchor.field == "time_limit")
    assert (
        time_comment.anchor.item_index == 2
        and time_comment.source == "validation"
        and time_comment.rule
    )
    assert time_comment.problem.startswith("［错误］")
    existing = [_comment(n, c.anchor, c.rule) for n, c in enumerate(new, start=1)]
    assert comments_from_issues(issues, catalog, existing) == []
    resolved = [
        _comment(n, c.anchor, c.rule, CommentStatus.RESOLVED) for n, c in enumerate(new, start=1)
    ]
    assert len(comments_from_issues(issues, catalog, resolved)) == len(new)
