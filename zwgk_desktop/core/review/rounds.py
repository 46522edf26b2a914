"""A new round (第N轮): recognise the file, follow comments to the new version, reset statuses.

When a submission comes back with different content, its comments are re-anchored by
following each item from the previous round's catalog to the new one (see ``matching``),
domain statuses 通过 survive only where nothing changed, and the catalog goes back to
待审核 — all in the same transaction that records the round.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.os_reasons import read_reason
from zwgk_desktop.core.review.comments import CommentIndex, find_domain
from zwgk_desktop.core.review.diff import diff_catalogs
from zwgk_desktop.core.review.files import CATALOG_TARGET, SUFFIX
from zwgk_desktop.core.review.matching import match_items
from zwgk_desktop.core.review.model import Anchor, Comment, ReviewStatus, Round, Scope, StatusRecord
from zwgk_desktop.core.review.store import ReviewStore
from zwgk_desktop.core.text import fold


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise FileUnreadableError(f"无法读取文件：{Path(path).name}（{read_reason(exc)}）") from exc
    return digest.hexdigest()


def register_round(
    store: ReviewStore, file_name: str, sha: str, catalog: Catalog, by: str
) -> Round:
    """Record ``catalog`` as the next round (the caller checked that its sha is new)."""
    latest = store.latest_round()
    if latest is None:
        return store.add_round(file_name, sha, catalog, by)
    previous = store.round_catalog(latest.number)
    diff = diff_catalogs(previous, catalog)
    moved = reanchor(store.comments(), previous, catalog)
    statuses: list[StatusRecord] = []
    for target, record in store.statuses().items():
        if target == CATALOG_TARGET or record.status is ReviewStatus.PENDING:
            continue
        domain_diff = diff.domain(target)
        unchanged = domain_diff is not None and domain_diff.status in (
            "unchanged",
            "not_involved",
        )
        if record.status is ReviewStatus.APPROVED and unchanged:
            continue
        statuses.append(
            StatusRecord(target, ReviewStatus.PENDING, by, note=f"第{latest.number + 1}轮重新提交")
        )
    statuses.append(
        StatusRecord(CATALOG_TARGET, ReviewStatus.PENDING, by, note=f"第{latest.number + 1}轮提交")
    )
    return store.add_round(file_name, sha, catalog, by, moved, statuses)


def reanchor(
    comments: list[Comment], previous: Catalog, current: Catalog
) -> list[tuple[int, Anchor]]:
    """New anchors for item comments, following each item from ``previous`` to ``current``."""
    item_comments = [c for c in comments if c.anchor.scope in (Scope.ITEM, Scope.FIELD)]
    if not item_comments:
        return []
    index = CommentIndex(item_comments, previous)
    by_domain: dict[str, list[tuple[Comment, int]]] = defaultdict(list)
    for c in item_comments:
        location = index.location(c.id)
        if location.found and location.row is not None:
            by_domain[location.domain_id].append((c, location.row))
    moved: list[tuple[int, Anchor]] = []
    for domain_id, entries in by_domain.items():
        old_domain = find_domain(previous, domain_id)
        new_domain = find_domain(current, domain_id) or (
            old_domain and find_domain(current, old_domain.name)
        )
        if old_domain is None or new_domain is None:
            continue
        mapping = {
            m.old: m.new
            for m in match_items(old_domain.items, new_domain.items)
            if m.old is not None
        }
        for comment, row in entries:
            new_row = mapping.get(row)
            if new_row is None:
                continue
            item = new_domain.items[new_row]
            moved.append(
                (
                    comment.id,
                    comment.anchor.moved_to(
                        new_row + 1, item.template_ref, item.level1, item.level2
                    ),
                )
            )
    return moved


def check_unit(store: ReviewStore, catalog: Catalog) -> None:
    """A review file belongs to one unit: refuse another unit's file (a mix-up)."""
    recorded = store.unit
    if recorded and catalog.meta.unit and fold(recorded) != fold(catalog.meta.unit):
        raise ZwgkError(
            f"审核文件“{store.path.name}”属于“{recorded}”，而提交文件的单位是"
            f"“{catalog.meta.unit}”，请确认文件是否放错"
        )


def sibling_review_files(folder: Path, unit: str, exclude: Path) -> list[Path]:
    """Other review files in ``folder`` for the same unit (a renamed resubmission)."""
    if not unit:
        return []
    found = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.resolve() == exclude.resolve():
            continue
        try:
            with ReviewStore.open(path, read_only=True) as store:
                if fold(store.unit) == fold(unit):
                    found.append(path)
        except ZwgkError:
            continue
    return found
