"""The register loader: strict checks that name file and key, and basis rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.errors import TemplateError
from zwgk_desktop.core.sources import (
    BasisRef,
    RegisterError,
    bundled_register,
    load_register,
    render_basis,
)
from zwgk_desktop.core.sources.register import parse_date, parse_register
from zwgk_desktop.core.templates import load_template

HEAD = 'schema_version = 1\nchecked = "2026-12-06"\n'
LAW = """
[[source]]
key = "budget-law"
title = "中华人民共和国预算法"
short = ["预算法"]
kind = "法律"
issuer = "全国人民代表大会"
adopted = "1994-03-22"
revised = "2018-12-29"
effective = "1995-01-01"
status = "现行有效"
checked = "2026-12-06"
checked_at = "https://example.org/budget-law"
verified = true
"""
RULES = """
[[source]]
key = "local-budget-disclosure-rules-2016"
title = "地方预决算公开操作规程"
numbers = ["财预〔2016〕143号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
verified = false
note = "not found in a public text"
"""
OLD = """
[[source]]
key = "old-regs"
title = "中华人民共和国预算法实施条例"
numbers = ["国务院令第186号"]
kind = "行政法规"
status = "被替代"
version = "1995"
replaced_by = "budget-law"
replaced_from = "2020-10-01"
checked = "2026-12-06"
verified = false
"""


def _register(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_a_good_register_loads_and_renders(tmp_path: Path) -> None:
    register = load_register(_register(tmp_path, LAW + RULES + OLD))
    assert len(register) == 3
    assert register.checked == "2026-12-06"
    assert register["budget-law"].short == ("预算法",)
    assert register["old-regs"].display_title == "《中华人民共和国预算法实施条例》（1995年版）"
    refs = [
        BasisRef(source="budget-law", articles="第十四条"),
        BasisRef(source="local-budget-disclosure-rules-2016"),
        BasisRef(text="本级人民代表大会批准的预算"),
    ]
    assert render_basis(refs, register) == (
        "《中华人民共和国预算法》第十四条、《地方预决算公开操作规程》（财预〔2016〕143号）、"
        "本级人民代表大会批准的预算"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (LAW.replace('kind = "法律"', 'kind = "法律"\ncolour = "red"'), r"budget-law.*colour"),
        (LAW.replace('adopted = "1994-03-22"', 'adopted = "1994-13-22"'), r"budget-law.*adopted"),
        (LAW.replace('adopted = "1994-03-22"', "adopted = 1994-03-22"), r"budget-law.*带引号"),
        (LAW + LAW, r"budget-law.*key 重复"),
        (OLD, r"old-regs.*replaced_by“budget-law”"),
        (LAW.replace('status = "现行有效"', 'status = "有效"'), r"budget-law.*status"),
        (LAW.replace('kind = "法律"', 'kind = "法典"'), r"budget-law.*kind"),
        (LAW.replace('key = "budget-law"', 'key = "Budget Law"'), r"Budget Law.*小写"),
        (LAW.replace('checked_at = "https://example.org/budget-law"\n', ""), r"checked_at"),
        (LAW.replace("verified = true\n", ""), r"budget-law.*缺少 verified"),
        (LAW.replace('title = "中华人民共和国预算法"', 'title = "《预算法》"'), r"书名号"),
        (RULES + RULES.replace('key = "local-budget-disclosure-rules-2016"', 'key = "x"'), "重复"),
        (OLD.replace('version = "1995"', 'version = "95"'), r"version"),
    ],
)
def test_a_bad_register_names_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(RegisterError, match=message) as info:
        load_register(_register(tmp_path, body))
    assert "sources.toml" in str(info.value)


def test_bad_top_level_and_bad_files(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="schema_version"):
        parse_register('checked = "2026-12-06"\n', Path("x.toml"))
    with pytest.raises(RegisterError, match="未知键"):
        parse_register(HEAD + "extra = 1\n", Path("x.toml"))
    with pytest.raises(RegisterError, match="TOML"):
        parse_register("[[source\n", Path("x.toml"))
    binary = tmp_path / "bad.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(RegisterError, match="UTF-8"):
        load_register(binary)
    with pytest.raises(RegisterError, match="无法读取"):
        load_register(tmp_path / "missing.toml")


def test_partial_dates() -> None:
    assert str(parse_date("2022-06")) == "2022-06-01"
    assert str(parse_date("2022-06", end=True)) == "2022-06-30"
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("2022/06/01")


def test_the_bundled_register_loads() -> None:
    register = bundled_register()
    assert register.checked
    assert register.bundled
    for source in register.sources.values():
        assert not source.replaced_by or source.replaced_by in register


TEMPLATE = """id = "x"
name = "测试"
order = 1
guideline_title = "测试领域基层政务公开标准指引"
guideline_date = "2019-05"
checked = "2026-12-06"
notes = ["核对说明"]
[[items]]
level1 = "政府预算"
level2 = "公开表格"
basis = [{source = "budget-law", articles = "第十四条"}, {source = "local-budget-disclosure-rules-2016"}]
[[items]]
level1 = "政府预算"
level2 = "旧写法"
basis = "《中华人民共和国预算法》"
"""


def test_templates_render_list_basis_from_the_register_next_to_them(tmp_path: Path) -> None:
    _register(tmp_path, LAW + RULES)
    template_path = tmp_path / "01-x.toml"
    template_path.write_text(TEMPLATE, encoding="utf-8")
    template = load_template(template_path)
    assert template.items[0].basis == (
        "《中华人民共和国预算法》第十四条、《地方预决算公开操作规程》（财预〔2016〕143号）"
    )
    assert template.items[1].basis == "《中华人民共和国预算法》"  # the old string form still loads
    assert template.basis_refs[0][0] == BasisRef(source="budget-law", articles="第十四条")
    assert template.basis_refs[1] == ()
    assert template.guideline_date == "2019-05"
    assert template.notes == ("核对说明",)


@pytest.mark.parametrize(
    ("basis", "message"),
    [
        ('[{source = "no-such-law"}]', "no-such-law"),
        ("[]", "非空"),
        ('[{source = "budget-law", text = "x"}]', "只须写一个"),
        ('[{source = "budget-law", page = "1"}]', "page"),
        ('[{text = "x", articles = "第一条"}]', "articles"),
    ],
)
def test_template_references_must_resolve(tmp_path: Path, basis: str, message: str) -> None:
    _register(tmp_path, LAW + RULES)
    template_path = tmp_path / "01-x.toml"
    template_path.write_text(
        f'id = "x"\nname = "x"\norder = 1\n[[items]]\nlevel1 = "a"\nbasis = {basis}\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=message) as info:
        load_template(template_path)
    assert "01-x.toml 第1个事项" in str(info.value)


def test_template_domain_keys_are_checked(tmp_path: Path) -> None:
    _register(tmp_path, LAW)
    template_path = tmp_path / "01-x.toml"
    template_path.write_text(
        'id = "x"\nname = "x"\norder = 1\nguideline_date = "2019-5-1"\n[[items]]\nlevel1 = "a"\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="guideline_date"):
        load_template(template_path)
    template_path.write_text(
        'id = "x"\nname = "x"\norder = 1\nnotes = "one"\n[[items]]\nlevel1 = "a"\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="notes"):
        load_template(template_path)
