"""Review widget fixtures: a submission with a round-1 review and a township fix (round 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox

SA = "social-assistance"
EC = "elderly-care"


@pytest.fixture(autouse=True)
def quiet_messages() -> Iterator[None]:
    msgbox.set_test_mode(True)
    yield
    msgbox.set_test_mode(False)


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "收件"
    folder.mkdir()
    path = folder / "甲镇.zwgk"
    catalog = new_catalog(
        CatalogMeta(unit="甲镇人民政府", region="乙县", year="2026", contact="张三"), [SA, EC]
    )
    for domain in catalog.domains:
        if domain.not_involved:
            domain.note = "本镇无该领域职能"
    Document.create(path, catalog).close()
    return path


@pytest.fixture
def review(submission: Path) -> Iterator[ReviewSession]:
    session = ReviewSession.open_for_review(submission, "李审核")
    yield session
    session.close()


@pytest.fixture
def round2(submission: Path) -> Iterator[ReviewSession]:
    """Round 1 returned with a comment on 社会救助 row 2 公开时限; the township changed that
    time limit and deleted 养老服务's first item; round 2 is open."""
    with ReviewSession.open_for_review(submission, "李审核") as first:
        first.add_comment("请写明具体工作日", SA, 1, "time_limit", "时限过宽")
        first.return_for_changes()
    with Document.open(submission) as doc:
        doc.update_item(doc.items(SA)[1].id, "time_limit", "自收到申请之日起20个工作日内")
        doc.delete_items([doc.items(EC)[0].id])
    session = ReviewSession.open_for_review(submission, "李审核")
    yield session
    session.close()
