"""Check a whole folder of submissions at once: one table, unit × domain, worst first.

Every .zwgk/.xlsx/.json in the folder (and the spreadsheet formats we cannot read, so the
reviewer learns about them) is loaded read-only and validated. A file that cannot be read
— corrupt, foreign, hostile — becomes a row with its Chinese error; nothing stops the
batch. ``progress(done, total)`` and ``cancel()`` let the GUI show a bar and a 取消 button.

JSON shape (``zwgk review FOLDER --json``)::

    {"format": "zwgk-review-batch", "version": 1, "folder": "...",
     "summary": {"files", "readable", "unreadable", "items", "errors", "warnings"},
     "submissions": [{"file", "unit", "ok", "error", "notice", "items", "errors", "warnings", "infos",
                      "not_involved", "missing_standard", "review_status", "open_comments",
                      "domains": [{"id", "name", "items", "errors", "warnings",
                                   "not_involved"}]}],
     "notes": ["..."]}
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwgk_desktop.core.catalog_check import untouched_message
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import GRID_SUFFIXES, KINDS_TEXT
from zwgk_desktop.core.loader import load_file
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.review.diff import diff_with_templates
from zwgk_desktop.core.review.files import SUFFIX as REVIEW_SUFFIX
from zwgk_desktop.core.review.files import find_review_file
from zwgk_desktop.core.review.import_gaps import CellGaps, Gaps, relabel
from zwgk_desktop.core.review.model import CommentStatus
from zwgk_desktop.core.review.rounds import file_sha256
from zwgk_desktop.core.review.store import ReviewStore
from zwgk_desktop.core.text import fold

FORMAT_NAME = "zwgk-review-batch"
FORMAT_VERSION = 1
CATALOG_SUFFIXES = frozenset({".zwgk", ".xlsx", ".json"}) | GRID_SUFFIXES
# Files a township may send that we cannot read: listed so the reviewer knows.
REPORTED_SUFFIXES = frozenset({".xlsm", ".xlsb", ".doc", ".wps", ".pdf"})
META_DOMAIN = "（目录信息）"
PARALLEL_MIN_XLSX = 4  # workbooks take ~0.5 s each to read; .zwgk files ~0.04 s
OUTPUT_PROPERTY = "zwgk-review-output"  # custom property marking our own workbooks

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class BatchCancelled(ZwgkError):
    """The user pressed 取消."""


@dataclass
class DomainSummary:
    domain_id: str
    name: str
    items: int = 0
    errors: int = 0
    warnings: int = 0
    not_involved: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.domain_id,
            "name": self.name,
            "items": self.items,
            "errors": self.errors,
            "warnings": self.warnings,
            "not_involved": self.not_involved,
        }


@dataclass
class SubmissionSummary:
    path: Path
    unit: str = ""
    error: str = ""  # Chinese one-liner when the file could not be read
    notice: str = ""  # a warning about the file as a whole, e.g. 未修改的模板
    items: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    not_involved: int = 0
    missing_standard: int = 0
    review_status: str = ""  # from the review file beside it, if any
    open_comments: int = 0
    domains: list[DomainSummary] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def file_name(self) -> str:
        return self.path.name

    def worst_key(self) -> tuple[int, int, int, str]:
        """Unreadable first, then most errors, most warnings."""
        return (0 if self.error else 1, -self.errors, -self.warnings, self.file_name)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "unit": self.unit,
            "ok": self.ok,
            "error": self.error,
            "notice": self.notice,
            "items": self.items,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "not_involved": self.not_involved,
            "missing_standard": self.missing_standard,
            "review_status": self.review_status,
            "open_comments": self.open_comments,
            "domains": [d.to_json() for d in self.domains],
        }


@dataclass
class BatchResult:
    folder: Path
    submissions: list[SubmissionSummary] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.submissions),
            "readable": sum(1 for s in self.submissions if s.ok),
            "unreadable": sum(1 for s in self.submissions if not s.ok),
            "items": sum(s.items for s in self.submissions),
            "errors": sum(s.errors for s in self.submissions),
            "warnings": sum(s.warnings for s in self.submissions),
        }

    def table(self) -> list[tuple[SubmissionSummary, DomainSummary | None]]:
        """Rows of the unit × domain table, worst submission first, worst domain first."""
        rows: list[tuple[SubmissionSummary, DomainSummary | None]] = []
        for s in self.submissions:
            if not s.ok:
                rows.append((s, None))
                continue
            rows.extend((s, d) for d in sorted(s.domains, key=_domain_worst))
        return rows

    @property
    def has_problems(self) -> bool:
        s = self.summary()
        return bool(s["unreadable"] or s["errors"])

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "folder": str(self.folder),
            "summary": self.summary(),
            "submissions": [s.to_json() for s in self.submissions],
            "notes": list(self.notes),
        }


def _domain_worst(d: DomainSummary) -> tuple[int, int, int, int]:
    return (-d.errors, -d.warnings, 1 if d.not_involved else 0, 0)


def is_review_output(path: Path) -> bool:
    """True for a workbook this module or ``opinions`` wrote (审核意见, 批量汇总): they carry
    the custom document property ``OUTPUT_PROPERTY``. Reads only a small zip member."""
    if path.suffix.lower() != ".xlsx":
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/custom.xml")
            if info.file_size > 65_536:
                return False
            return OUTPUT_PROPERTY.encode() in archive.read(info)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return False


def candidate_files(folder: Path, exclude: Iterable[Path] = ()) -> tuple[list[Path], list[Path]]:
    """The submissions in ``folder`` (not recursive), and the workbooks skipped because we
    wrote them. Hidden files, Office lock files (``~$name.xlsx``) and review files are
    ignored."""
    excluded = {p.resolve() for p in exclude}
    files: list[Path] = []
    ours: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith((".", "~$")) or not path.is_file() or path.resolve() in excluded:
            continue
        suffix = path.suffix.lower()
        if suffix == REVIEW_SUFFIX:
            continue
        if suffix in CATALOG_SUFFIXES or suffix in REPORTED_SUFFIXES:
            if is_review_output(path):
                ours.append(path)
            else:
                files.append(path)
    return files, ours


def summarize_catalog(
    path: Path, catalog: Catalog, gaps: Gaps | None = None, cells: CellGaps | None = None
) -> SubmissionSummary:
    """Validation counts per domain, 未涉及 and missing standard items of one catalog.

    Findings on import gaps (a column the importer could not read, a cell it read only as a
    number or a date) count as 提示, as the review window shows them: not the township's."""
    from zwgk_desktop.core.validation import Severity, validate_catalog

    result = validate_catalog(catalog)
    issues = result.issues
    unread = 0
    if gaps or cells:
        issues = relabel(issues, gaps or {}, cells)
        unread = sum(1 for old, new in zip(result.issues, issues, strict=True) if old is not new)
    summary = SubmissionSummary(path, unit=catalog.meta.unit, items=catalog.item_count())
    per_domain: dict[str, Counter[Severity]] = {}
    meta = Counter[Severity]()
    for issue in issues:
        counter = per_domain.setdefault(issue.domain_id, Counter()) if issue.domain_id else meta
        counter[issue.severity] += 1
    totals = Counter(issue.severity for issue in issues)
    summary.errors = totals[Severity.ERROR]
    summary.warnings = totals[Severity.WARNING]
    summary.infos = totals[Severity.INFO]
    if meta[Severity.ERROR] or meta[Severity.WARNING]:
        summary.domains.append(
            DomainSummary("", META_DOMAIN, 0, meta[Severity.ERROR], meta[Severity.WARNING])
        )
    for domain in catalog.domains:
        counts = per_domain.get(domain.id, Counter())
        summary.domains.append(
            DomainSummary(
                domain.id,
                domain.name,
                len(domain.items),
                counts[Severity.ERROR],
                counts[Severity.WARNING],
                domain.not_involved,
            )
        )
    summary.not_involved = sum(1 for d in catalog.domains if d.not_involved)
    template_diff = diff_with_templates(catalog, compare_fields=False)
    summary.missing_standard = template_diff.summary()["items_removed"]
    summary.notice = untouched_message(catalog)
    if summary.notice:
        summary.warnings += 1
    if unread:
        said = f"{unread} 条校验结果属于导入时“未能识别”的内容，计为提示，请核对原表"
        summary.notice = "；".join([summary.notice, said] if summary.notice else [said])
    return summary


def _review_state(path: Path) -> tuple[str, int]:
    """The review file's verdict on this exact file: status label and open comments."""
    review = find_review_file(path)
    if review is None:
        return "", 0
    try:
        with ReviewStore.open(review, read_only=True) as store:
            sha = file_sha256(path)
            round_ = store.round_by_sha(sha)
            open_count = sum(1 for c in store.comments() if c.status is CommentStatus.OPEN)
            if round_ is None:
                return "新提交（未审核）", open_count
            return f"第{round_.number}轮 {store.status().status.label}", open_count
    except ZwgkError as exc:
        return f"审核文件无法读取：{exc}", 0


def check_submission(path: Path) -> SubmissionSummary:
    """One row of the batch table; never raises."""
    started = time.perf_counter()
    try:
        loaded = load_file(path)
        catalog, warnings = loaded.catalog, loaded.warnings
        summary = summarize_catalog(path, catalog, loaded.gaps, loaded.cell_gaps)
        if warnings:  # the file as a whole: hidden rows, cells that disagree with its data
            summary.notice = "；".join([summary.notice, *warnings] if summary.notice else warnings)
            summary.warnings += len(warnings)
        summary.review_status, summary.open_comments = _review_state(path)
    except ZwgkError as exc:
        summary = SubmissionSummary(path, error=str(exc))
    except MemoryError:
        summary = SubmissionSummary(path, error=f"“{path.name}”过大，读取时内存不足")
    except RecursionError:
        summary = SubmissionSummary(path, error=f"“{path.name}”结构异常（嵌套过深），无法读取")
    except Exception as exc:  # a bug or an unforeseen hostile file: one row, never fatal
        summary = SubmissionSummary(path, error=f"“{path.name}”无法读取（{type(exc).__name__}）")
    summary.seconds = time.perf_counter() - started
    return summary


def _check_all(
    files: list[Path], progress: ProgressFn | None, cancel: CancelFn | None, workers: int
) -> list[SubmissionSummary]:
    """Sequentially, or in ``workers`` processes (each file is independent; a hostile file
    then also costs only its own process's memory)."""
    total = len(files)
    done: list[SubmissionSummary] = []

    def tick() -> None:
        if cancel is not None and cancel():
            raise BatchCancelled("已取消批量审核")
        if progress is not None:
            progress(len(done), total)

    if workers <= 1 or total < 2:  # processes pay off only for slow (.xlsx) files
        for path in files:
            tick()
            done.append(check_submission(path))
        return done
    # spawn, never fork: the caller may be a GUI process with threads.
    context = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=min(workers, total), mp_context=context
    )
    try:
        pending = {pool.submit(check_submission, path): path for path in files}
        tick()
        while pending:
            finished, _ = concurrent.futures.wait(
                pending, timeout=0.2, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in finished:
                path = pending.pop(future)
                try:
                    done.append(future.result())
                except Exception as exc:  # the worker process died (out of memory, killed)
                    done.append(
                        SubmissionSummary(
                            path, error=f"“{path.name}”无法读取（{type(exc).__name__}）"
                        )
                    )
            tick()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return done


def default_workers() -> int:
    """Processes for a batch: up to 4 on a multi-core PC. Frozen builds too: both entry
    points call ``multiprocessing.freeze_support()`` first (packaging/check_bundle.sh runs a
    batch with two workers in the built bundle)."""
    return max(1, min(4, os.cpu_count() or 1))


def review_folder(
    folder: str | Path,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    exclude: Iterable[Path] = (),
    workers: int | None = None,
) -> BatchResult:
    """Check every submission in ``folder``; the result is sorted worst first.

    ``exclude``: files not to check (e.g. the summary being written into the folder).
    ``workers``: 1 checks in this process; n > 1 in n processes (a frozen app must call
    ``multiprocessing.freeze_support()`` at start-up); None decides: processes only when
    there are at least ``PARALLEL_MIN_XLSX`` workbooks, whose reading dominates.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ZwgkError(f"文件夹不存在：{folder}")
    folder = folder.resolve()
    started = time.perf_counter()
    files, ours = candidate_files(folder, exclude)
    result = BatchResult(folder)
    if ours:
        result.notes.append(
            f"已跳过本程序生成的审核意见或汇总表：{'、'.join(p.name for p in ours)}"
        )
    if not files:
        result.notes.append(f"文件夹中没有可审核的目录文件（.zwgk、.json，或{KINDS_TEXT}）")
    if workers is None:
        slow = sum(1 for p in files if p.suffix.lower() == ".xlsx")  # calamine formats are fast
        workers = default_workers() if slow >= PARALLEL_MIN_XLSX else 1
    result.submissions = _check_all(files, progress, cancel, workers)
    if progress is not None:
        progress(len(files), len(files))
    result.submissions.sort(key=SubmissionSummary.worst_key)
    units: dict[str, list[str]] = {}
    for s in result.submissions:
        if s.ok and s.unit:
            units.setdefault(fold(s.unit), []).append(s.file_name)
    for names in units.values():
        if len(names) > 1:
            result.notes.append(f"同一单位有多个文件：{'、'.join(names)}（请确认哪一份是最新提交）")
    result.seconds = time.perf_counter() - started
    return result
