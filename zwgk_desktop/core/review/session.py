"""A review session: one submission, its review file, and who is working on it.

The county reviewer opens a received file read-only (a .zwgk through a private untrusted
copy, an .xlsx through the tolerant reader); a file whose sha256 is new becomes the next
round (第N轮), with comments re-anchored to the new version and domain statuses carried
over only where nothing changed. The township opens its own document with the review file
beside it: it sees the comments, marks them 已修改 with a reply, and resubmits; it cannot
add comments, resolve them or set statuses.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from zwgk_desktop.core.catalog_check import untouched_message
from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.loader import load_file
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.os_reasons import os_reason
from zwgk_desktop.core.review.comments import (
    CommentIndex,
    comments_from_issues,
    comments_from_parent_diff,
    find_domain,
    make_anchor,
)
from zwgk_desktop.core.review.diff import (
    CatalogDiff,
    diff_catalogs,
    diff_with_parent,
    diff_with_templates,
)
from zwgk_desktop.core.review.files import CATALOG_TARGET, find_review_file, review_path_for
from zwgk_desktop.core.review.merge_files import MergeReport, merge_review_files
from zwgk_desktop.core.review.model import (
    Anchor,
    Comment,
    CommentStatus,
    NewComment,
    ReviewStatus,
    Round,
    StatusRecord,
)
from zwgk_desktop.core.review.rounds import (
    check_unit,
    file_sha256,
    register_round,
    sibling_review_files,
)
from zwgk_desktop.core.review.store import ReviewStore
from zwgk_desktop.core.storage import Document

REVIEWER = "reviewer"
TOWNSHIP = "township"
DEFAULT_REVIEWER = "审核人"


def default_reviewer() -> str:
    from zwgk_desktop.core.settings import load_settings

    return load_settings().reviewer_name.strip() or DEFAULT_REVIEWER


class ReviewSession:
    """Use :meth:`open_for_review` (county) or :meth:`open_for_township` (township)."""

    def __init__(
        self,
        submission: Path,
        catalog: Catalog,
        store: ReviewStore,
        role: str,
        user: str,
        round_: Round,
    ) -> None:
        self.submission = submission
        self.catalog = catalog
        self.store = store
        self.role = role
        self.user = user
        self.round = round_
        self.notices: list[str] = []  # things to tell the user once (Chinese)
        self._index: CommentIndex | None = None
        self.registered = True  # False: the file's content is not (yet) one of the rounds
        # domain id -> fields whose column the importer could not read (see import_gaps)
        self.import_gaps: dict[str, set[str]] = {}
        # domain id -> (item number, field) read from cells held as numbers or dates
        self.import_cell_gaps: dict[str, set[tuple[int, str]]] = {}
        self.unread_issues: list[object] = []  # gap issues left out by comments_from_validation

    # ------------------------------------------------------------------ opening
    @classmethod
    def open_for_review(
        cls,
        submission: str | Path,
        reviewer: str = "",
        review_path: str | Path | None = None,
        register: bool = True,
    ) -> ReviewSession:
        """Open a received submission read-only; register it as a new round if it is new.

        ``review_path``: a review file other than ``<name>.审核.zwgkr`` (the township renamed
        its file). ``register=False`` only looks (``zwgk review FILE --json``): nothing is
        created, and a changed file is shown against the latest round without a new one.
        """
        submission = Path(submission)
        loaded = load_file(submission)  # never writes to the submission
        catalog = loaded.catalog
        mismatches = loaded.warnings
        sha = file_sha256(submission)
        path = Path(review_path) if review_path else review_path_for(submission)
        is_new = not path.is_file()
        store = ReviewStore.open(path, create=register)
        notices: list[str] = list(mismatches)
        registered = True
        try:
            reviewer = reviewer.strip() or default_reviewer()
            latest = store.latest_round()
            existing = store.round_by_sha(sha)
            if existing is not None:
                round_ = existing
                if latest is not None and existing.number != latest.number:
                    notices.append(
                        f"这是第{existing.number}轮提交的文件，审核记录中已有第{latest.number}轮"
                    )
            elif not register and latest is not None:
                round_ = latest
                registered = False
                notices.append(f"文件内容与第{latest.number}轮不同（尚未登记为新一轮）")
            else:
                check_unit(store, catalog)
                round_ = register_round(store, submission.name, sha, catalog, reviewer)
                if round_.number > 1:
                    notices.append(
                        f"收到第{round_.number}轮提交，可查看与第{round_.number - 1}轮相比的变化"
                    )
            if is_new:
                others = sibling_review_files(path.parent, catalog.meta.unit, path)
                if others:
                    names = "、".join(p.name for p in others)
                    notices.append(
                        f"同一文件夹中已有该单位的审核文件：{names}；如本文件是修改稿，请改用该审核文件打开"
                    )
        except BaseException:
            store.close()
            raise
        session = cls(submission, catalog, store, REVIEWER, reviewer, round_)
        session.notices = notices
        session.registered = registered
        session.import_gaps = loaded.gaps
        session.import_cell_gaps = loaded.cell_gaps
        untouched = untouched_message(catalog)
        if untouched:
            notices.append(untouched)
        if loaded.gaps:
            count = sum(len(fields) for fields in loaded.gaps.values())
            notices.append(
                f"有 {count} 列内容未能识别：相关校验结果标为“未能识别”，不会转为审核意见"
            )
        return session

    @classmethod
    def open_for_township(
        cls,
        document: str | Path,
        catalog: Catalog,
        user: str = "",
        review_path: str | Path | None = None,
    ) -> ReviewSession:
        """The township's own document with the returned review file beside it.

        A review file chosen elsewhere (``review_path``) is first copied beside the document
        under the matching name, so that it travels with the document when resubmitted.
        """
        document = Path(document)
        beside = review_path_for(document)
        notices: list[str] = []
        if review_path is not None and Path(review_path).resolve() != beside.resolve():
            if beside.exists():
                raise ZwgkError(f"“{beside.name}”已存在；请先移走它，再选择其他审核文件")
            ReviewStore.open(review_path).close()  # refuse a foreign file before copying it
            try:
                shutil.copyfile(review_path, beside)
            except OSError as exc:
                raise ZwgkError(f"无法复制审核文件到“{beside.parent}”：{os_reason(exc)}") from exc
            notices.append(f"已将审核文件复制为“{beside.name}”，重新提交时请连同目录文件一并报送")
        path = find_review_file(document)
        if path is None:
            raise FileUnreadableError(f"“{document.name}”旁边没有审核文件（{beside.name}）")
        store = ReviewStore.open(path)
        latest = store.latest_round()
        if latest is None:
            store.close()
            raise FileUnreadableError(f"审核文件“{path.name}”中没有审核记录")
        session = cls(
            document,
            catalog,
            store,
            TOWNSHIP,
            user.strip() or catalog.meta.unit or "编制单位",
            latest,
        )
        session.notices = notices  # the status itself is in banner_text(), kept current
        return session

    def open_document(self) -> Document:
        """A read-only Document showing the submission, for the editor's views.

        A .zwgk opens as a private untrusted copy; an .xlsx/.json becomes a temporary .zwgk
        built from the loaded catalog. Either way its rows are the rows of ``catalog``, so
        comment locations match. The original is never opened for writing.
        """
        if self.submission.suffix.lower() == ".zwgk":
            return Document.open_untrusted(self.submission)
        folder = Path(tempfile.mkdtemp(prefix="zwgk-review-"))
        path = folder / f"{self.submission.stem}.zwgk"
        Document.create(path, self.catalog).close()
        doc = Document.open(path, read_only=True)
        doc.lock_message = "审核模式：只读打开收到的文件"
        doc.source_path = self.submission
        return doc

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading
    @property
    def is_reviewer(self) -> bool:
        return self.role == REVIEWER

    @property
    def unit(self) -> str:
        return self.catalog.meta.unit or self.store.unit or self.submission.stem

    def banner_text(self) -> str:
        """ "审核模式：XX镇提交的文件（只读）" or the township's equivalent."""
        if self.is_reviewer:
            return f"审核模式：{self.unit}提交的文件（只读） · 第{self.round.number}轮 · {self.catalog_status().status.label}"
        open_count = sum(1 for c in self.comments() if c.status is CommentStatus.OPEN)
        return f"县级审核意见（第{self.round.number}轮，{self.catalog_status().status.label}）：{open_count} 条待处理"

    def comments(self) -> list[Comment]:
        return self.store.comments()

    def index(self) -> CommentIndex:
        if self._index is None:
            self._index = CommentIndex(self.store.comments(), self.catalog)
        return self._index

    def refresh(self, catalog: Catalog | None = None) -> None:
        """After the township edited its document (or any store change): re-locate comments."""
        if catalog is not None:
            self.catalog = catalog
        self._index = None

    def catalog_status(self) -> StatusRecord:
        return self.store.status(CATALOG_TARGET)

    def domain_status(self, domain_id: str) -> StatusRecord:
        return self.store.status(domain_id)

    def previous_catalog(self) -> Catalog | None:
        """The catalog of the round before this file (None in round 1). For a file looked at
        without registering it, that is the latest round itself."""
        if not self.registered:
            return self.store.round_catalog(self.round.number)
        if self.round.number <= 1:
            return None
        return self.store.round_catalog(self.round.number - 1)

    def diff_to_previous(self) -> CatalogDiff | None:
        previous = self.previous_catalog()
        if previous is None:
            return None
        n = self.round.number
        if not self.registered:
            return diff_catalogs(previous, self.catalog, f"第{n}轮", "当前文件（未登记）")
        return diff_catalogs(previous, self.catalog, f"第{n - 1}轮", f"第{n}轮")

    def diff_since_round(self) -> CatalogDiff:
        """Township side: what it changed since the reviewed round."""
        reviewed = self.store.round_catalog(self.round.number)
        return diff_catalogs(reviewed, self.catalog, f"第{self.round.number}轮（已审核）", "当前")

    def diff_to_templates(self) -> CatalogDiff:
        return diff_with_templates(self.catalog, self.submission.name)

    # ------------------------------------------------------------------ reviewer operations
    def _require_reviewer(self, what: str) -> None:
        if not self.is_reviewer:
            raise ZwgkError(f"只有县级审核人员可以{what}")

    def _changed(self) -> None:
        self._index = None

    def anchor(self, domain_id: str = "", row: int | None = None, field: str = "") -> Anchor:
        return make_anchor(self.catalog, domain_id, row, field)

    def add_comment(
        self,
        text: str,
        domain_id: str = "",
        row: int | None = None,
        field: str = "",
        problem: str = "",
    ) -> int:
        """A comment on the catalog, a domain, an item (0-based ``row``) or one field."""
        self._require_reviewer("添加审核意见")
        if not text.strip() and not problem.strip():
            raise ZwgkError("审核意见不能为空")
        new = NewComment(self.anchor(domain_id, row, field), text, problem)
        comment_id = self.store.add_comment(new, self.user, self.round.number)
        self._changed()
        return comment_id

    def edit_comment(self, comment_id: int, text: str, problem: str | None = None) -> None:
        self._require_reviewer("修改审核意见")
        self.store.edit_comment(comment_id, text, problem, self.user, self.round.number)
        self._changed()

    def delete_comment(self, comment_id: int) -> None:
        self._require_reviewer("删除审核意见")
        self.store.delete_comment(comment_id, self.user, self.round.number)
        self._changed()

    def set_comment_status(
        self, comment_ids: Iterable[int], status: CommentStatus, reply: str | None = None
    ) -> None:
        """Reviewer: any status. Township: 已修改 (with a reply), or back to 待处理 from 已修改."""
        ids = list(comment_ids)
        if not self.is_reviewer:
            if status is CommentStatus.RESOLVED:
                raise ZwgkError("只有县级审核人员可以将意见标记为已解决")
            if status is CommentStatus.OPEN:
                for comment_id in ids:
                    if self.store.comment(comment_id).status is CommentStatus.RESOLVED:
                        raise ZwgkError("已解决的意见不能由编制单位重新打开")
        self.store.set_comment_status(ids, status, self.user, self.round.number, reply)
        self._changed()

    def mark_modified(self, comment_ids: Iterable[int], reply: str = "") -> None:
        """Township: "已修改" with an optional answer (修改说明)."""
        self.set_comment_status(comment_ids, CommentStatus.MODIFIED, reply)

    def resolve(self, comment_ids: Iterable[int]) -> None:
        self.set_comment_status(comment_ids, CommentStatus.RESOLVED)

    def reopen(self, comment_ids: Iterable[int]) -> None:
        self.set_comment_status(comment_ids, CommentStatus.OPEN)

    def _open_in(self, domain_id: str | None) -> list[Comment]:
        index = self.index()
        comments = index.comments if domain_id is None else index.for_domain(domain_id)
        return [c for c in comments if c.is_open]

    def set_domain_status(
        self, domain_id: str, status: ReviewStatus, note: str = "", force: bool = False
    ) -> None:
        self._require_reviewer("设置审核状态")
        domain = find_domain(self.catalog, domain_id)
        if domain is None:
            raise ZwgkError(f"目录中没有领域“{domain_id}”")
        self._apply_status(domain.id, domain.id, status, note, force, f"领域“{domain.name}”")

    def set_catalog_status(self, status: ReviewStatus, note: str = "", force: bool = False) -> None:
        """通过 accepts every 已修改 comment (→ 已解决) and is refused while comments are still
        待处理, unless ``force``; 退回修改 returns the file with its comments."""
        self._require_reviewer("设置审核状态")
        self._apply_status(CATALOG_TARGET, None, status, note, force, "目录")

    def _apply_status(
        self,
        target: str,
        domain_id: str | None,
        status: ReviewStatus,
        note: str,
        force: bool,
        what: str,
    ) -> None:
        with self.store.transaction():
            if status is ReviewStatus.APPROVED:
                pending = self._open_in(domain_id)
                still_open = [c for c in pending if c.status is CommentStatus.OPEN]
                if still_open and not force:
                    raise ZwgkError(
                        f"{what}还有 {len(still_open)} 条审核意见待处理，不能标记为通过"
                    )
                modified = [c.id for c in pending if c.status is CommentStatus.MODIFIED]
                if modified:
                    self.store.set_comment_status(
                        modified, CommentStatus.RESOLVED, self.user, self.round.number
                    )
            self.store.set_status(target, status, self.user, self.round.number, note)
            if status is ReviewStatus.RETURNED and domain_id is None:
                self._return_domains()
        self._changed()

    def _return_domains(self) -> None:
        """Returning the catalog returns every involved domain not yet approved, so the
        领域状态 and the 领域审核状态 sheet say 退回修改 too."""
        statuses = self.store.statuses()
        for domain in self.catalog.domains:
            if domain.not_involved and not domain.items:
                continue
            record = statuses.get(domain.id)
            if record is not None and record.status is not ReviewStatus.PENDING:
                continue
            self.store.set_status(
                domain.id, ReviewStatus.RETURNED, self.user, self.round.number, "随目录退回修改"
            )

    def approve(self, note: str = "", force: bool = False) -> None:
        self.set_catalog_status(ReviewStatus.APPROVED, note, force)

    def return_for_changes(self, note: str = "") -> None:
        self.set_catalog_status(ReviewStatus.RETURNED, note)

    def comments_from_validation(self, issues: Iterable[object] | None = None) -> list[int]:
        """Turn validation results (错误 and 警告) into comments in one step; returns the new ids.

        Issues already covered by an unresolved comment of the same rule are skipped, so
        running it twice adds nothing. Issues on columns the importer could not read are
        never turned into opinions; they are kept in ``unread_issues`` (未能识别).
        """
        self._require_reviewer("添加审核意见")
        new = self.validation_comments(issues)
        ids = self.store.add_comments(new, self.user, self.round.number) if new else []
        self._changed()
        return ids

    def validation_comments(self, issues: Iterable[object] | None = None) -> list[NewComment]:
        """The comments :meth:`comments_from_validation` would add (to ask before adding many)."""
        from zwgk_desktop.core.review.import_gaps import split

        if issues is None:
            from zwgk_desktop.core.validation import validate_catalog

            issues = validate_catalog(self.catalog).issues
        own, self.unread_issues = split(issues, self.import_gaps, self.import_cell_gaps)  # type: ignore[arg-type]
        return comments_from_issues(own, self.catalog, self.store.comments())

    def diff_to_parent(
        self, parent: Catalog, level: str | None = None, parent_label: str = ""
    ) -> CatalogDiff:
        """This catalog against the parent's (the county's, for a township)."""
        return diff_with_parent(self.catalog, parent, level, self.submission.name, parent_label)

    def comments_from_parent(
        self,
        parent: Catalog | CatalogDiff,
        level: str | None = None,
        parent_label: str = "",
    ) -> list[int]:
        """Turn the differences from the parent's catalog into comments in one step
        (one transaction); returns the new ids. Running it twice adds nothing."""
        self._require_reviewer("添加审核意见")
        diff = (
            parent
            if isinstance(parent, CatalogDiff)
            else self.diff_to_parent(parent, level, parent_label)
        )
        new = comments_from_parent_diff(diff, self.catalog, self.store.comments())
        ids = self.store.add_comments(new, self.user, self.round.number) if new else []
        self._changed()
        return ids

    # ------------------------------------------------------------------ township operations
    def resubmit(self, note: str = "") -> None:
        """Township: record that the corrected catalog is sent back (状态回到待审核)."""
        if self.is_reviewer:
            raise ZwgkError("重新提交由编制单位操作")
        with self.store.transaction():
            self.store.log("resubmit", self.user, self.round.number, note)
            self.store.set_status(
                CATALOG_TARGET,
                ReviewStatus.PENDING,
                self.user,
                self.round.number,
                note or "编制单位已修改并重新提交",
            )
        self._changed()

    # ------------------------------------------------------------------ either side
    def merge_review_file(self, other: str | Path) -> MergeReport:
        """Merge another copy of this review file in (see ``merge_files``): the comments the
        county added after returning, or the township's replies, are not lost."""
        report = merge_review_files(self.store, other, self.user)
        if not self.is_reviewer:  # the reviewer still looks at the same file, the same round
            self.round = self.store.latest_round() or self.round
        self._changed()
        return report
