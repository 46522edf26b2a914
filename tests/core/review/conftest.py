"""Shared builders for the review tests: a real township catalog written as a .zwgk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from zwgk_desktop.core.catalog_factory import default_own_level, new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.storage import Document

UNIT = "甲镇人民政府"
DOMAINS = ["social-assistance", "elderly-care"]


def township_catalog(unit: str = UNIT, domains: list[str] | None = None) -> Catalog:
    catalog = new_catalog(  # as a township starts: the template items published at 乡级
        CatalogMeta(unit=unit, region="乙县", year="2026", contact="张三"),
        domains or DOMAINS,
        default_own_level(unit),
    )
    for domain in catalog.domains:
        if domain.not_involved:
            domain.note = "本镇无该领域职能，由县级部门公开"
    return catalog


def write_submission(path: Path, catalog: Catalog | None = None) -> Path:
    Document.create(path, catalog or township_catalog()).close()
    return path


@pytest.fixture
def make_catalog() -> Callable[..., Catalog]:
    """Builder of a fresh township catalog (a function, so a test can make several)."""
    return township_catalog


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "收件"
    folder.mkdir()
    return write_submission(folder / "甲镇.zwgk")


def write_hand_made_xlsx(path: Path, unit: str = "丙镇人民政府") -> Path:
    """A flat workbook as a clerk types it in Excel: title row, header, two items of 社会救助
    (the second with an empty 公开时限)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append([f"{unit}社会救助领域基层政务公开标准目录"])
    sheet.append(
        [
            "序号",
            "一级事项",
            "二级事项",
            "公开内容(要素)",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            "公开方式",
            "公开层级",
        ]
    )
    sheet.append(
        [
            1,
            "最低生活保障",
            "办事指南",
            "申请条件、申请材料、办理流程",
            "《社会救助暂行办法》",
            "制定或获取信息之日起10个工作日内",
            unit,
            "政府网站、便民服务站",
            "全社会",
            "主动",
            "乡级",
        ]
    )
    sheet.append(
        [
            2,
            "最低生活保障",
            "审核信息",
            "初审对象名单",
            "《社会救助暂行办法》",
            "",
            unit,
            "便民服务站",
            "全社会",
            "主动",
            "乡级",
        ]
    )
    book.save(path)
    return path


@pytest.fixture
def hand_made_xlsx() -> Callable[..., Path]:
    return write_hand_made_xlsx
