"""The bundled templates: all 26 load, every field is known and filled, names resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.errors import TemplateError
from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import UNIT_PLACEHOLDER
from zwgk_desktop.core.resources import catalogs_dir
from zwgk_desktop.core.templates import all_templates, find_template, load_template
from zwgk_desktop.core.text import fold

TEMPLATE_FILES = sorted(p for p in catalogs_dir().glob("*.toml") if p.name != "sources.toml")


def test_there_are_26_pilot_domains_in_order() -> None:
    templates = all_templates()
    assert len(templates) == 26
    assert [t.order for t in templates] == list(range(1, 27))
    assert len({t.name for t in templates}) == 26


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_template_is_complete(path: Path) -> None:
    template = load_template(path)
    assert path.name.startswith(f"{template.order:02d}-{template.id}")
    assert len(template.items) >= 8, "each domain needs at least 8 starter items"
    pairs = set()
    for n, item in enumerate(template.items, start=1):
        for spec in FIELDS:
            if spec.required:
                assert item.get(spec.key), f"{path.name} item {n}: {spec.label} is empty"
        assert item.subject == UNIT_PLACEHOLDER
        if "特定群体" in item.audience:
            assert item.audience_note, f"{path.name} item {n}: 特定群体 without a note"
        pair = (fold(item.level1), fold(item.level2))
        assert pair not in pairs, f"{path.name} item {n}: duplicate {pair}"
        pairs.add(pair)
        assert "《" in item.basis, f"{path.name} item {n}: 依据 should cite a title in 《》"
        assert "492号" not in item.basis


def test_find_template_by_id_name_and_alias() -> None:
    assert find_template("social-assistance").name == "社会救助"
    assert find_template("社会救助").id == "social-assistance"
    assert find_template("社会救助及福利").id == "social-assistance"
    assert find_template("社會救助").id == "social-assistance"  # traditional characters
    assert find_template("不存在的领域") is None


def test_instantiate_replaces_the_unit_placeholder() -> None:
    template = find_template("社会救助")
    domain = template.instantiate("甲镇人民政府")
    assert all(item.subject == "甲镇人民政府" for item in domain.items)
    assert domain.items[0].template_ref == "social-assistance/1"
    assert template.item_by_ref("social-assistance/1") is template.items[0]
    assert template.items[0].subject == UNIT_PLACEHOLDER  # the template itself is untouched


def test_malformed_templates_fail_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "01-bad.toml"
    bad.write_text(
        'id = "x"\nname = "x"\norder = 1\n[[items]]\nlevel1 = "a"\ncolour = "red"\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="colour"):
        load_template(bad)
    bad.write_text(
        'id = "x"\nname = "x"\norder = 1\n[[items]]\naudience = ["大家"]\n', encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="大家"):
        load_template(bad)
    bad.write_text(
        'id = "x"\nname = "x"\norder = 1\n[[items]]\nchannels = ["政府门户网站"]\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="规范名称"):
        load_template(bad)
