"""替换: the outdated citation is rewritten in place, the rest of the cell kept as written."""

from __future__ import annotations

from datetime import date

import pytest

from zwgk_desktop.core.sources import Register
from zwgk_desktop.core.sources.outdated import outdated_citations
from zwgk_desktop.core.sources.replace import replace_citation

DAY = date(2026, 12, 6)
REGS_711 = "《中华人民共和国政府信息公开条例》（国务院令第711号）"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "《中华人民共和国政府信息公开条例》（国务院令第492号）第二十条、《社会救助暂行办法》",
            f"{REGS_711}第二十条、《社会救助暂行办法》",
        ),
        ("1.《政府信息公开条例》(国令第４９２号);2.其他", f"1.{REGS_711};2.其他"),
        ("中华人民共和国政府信息公开条例（2008年版）", REGS_711),
        ("2008年版《政府信息公开条例》", REGS_711),
        (
            "依据民发[2012]220号文件",
            "依据《最低生活保障审核确认办法》（民发〔2021〕57号）文件",
        ),
        (
            "《最低生活保障审核审批办法（试行）》（民发〔2012〕220号）、《社会救助暂行办法》",
            "《最低生活保障审核确认办法》（民发〔2021〕57号）、《社会救助暂行办法》",
        ),
        (
            "《就业补助资金管理办法》（财社〔2017〕164号）",
            "《就业补助资金管理办法》（财社〔2023〕181号）",
        ),
        ("《危险化学品安全管理条例》（国务院令第591号）", "《中华人民共和国危险化学品安全法》"),
        ("八五普法规划", "《中华人民共和国法治宣传教育法》"),
    ],
)
def test_replace_in_place(register: Register, cell: str, expected: str) -> None:
    [citation] = outdated_citations(cell, register, DAY)
    new = replace_citation(cell, citation)
    assert new == expected
    assert outdated_citations(new, register, DAY) == ()


def test_no_replacement_gives_none(register: Register) -> None:
    [citation] = outdated_citations("国办发〔2016〕104号", register, DAY)
    assert citation.current is None
    assert replace_citation("国办发〔2016〕104号", citation) is None
