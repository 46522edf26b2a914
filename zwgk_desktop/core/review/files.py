"""Where a submission's review file lives: ``XX镇.zwgk`` → ``XX镇.审核.zwgkr`` beside it.

Apart from the store so that asking "is there a review file?" (every time a catalog is
opened) does not load the review code.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".zwgkr"
REVIEW_TAG = ".审核"
CATALOG_TARGET = ""  # statuses row of the whole catalog


def review_path_for(submission: str | Path) -> Path:
    """``XX镇.zwgk`` → ``XX镇.审核.zwgkr`` in the same folder."""
    submission = Path(submission)
    return submission.with_name(f"{submission.stem}{REVIEW_TAG}{SUFFIX}")


def find_review_file(submission: str | Path) -> Path | None:
    """The review file beside ``submission`` if there is one (township side)."""
    path = review_path_for(submission)
    return path if path.is_file() else None
