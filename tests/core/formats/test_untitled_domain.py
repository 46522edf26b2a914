"""A table no title names (a CSV, a bare sheet): its items may still name its domain."""

from __future__ import annotations

from pathlib import Path

from tests.core.formats.writers import write_csv
from zwgk_desktop.core.xlsx import read_workbook
from zwgk_desktop.core.xlsx.domainmatch import domain_from_items

HEADER = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"]


def _rows(pairs: list[tuple[str, str]]) -> list[list[str]]:
    return [HEADER] + [
        [str(n), level1, level2, "内容", "《社会救助暂行办法》", "20个工作日内", "甲镇人民政府"]
        for n, (level1, level2) in enumerate(pairs, start=1)
    ]


def test_items_of_one_template_name_the_domain(tmp_path: Path) -> None:
    rows = _rows([("最低生活保障", "办事指南"), ("特困人员救助供养", "审核审批信息")])
    result = read_workbook(write_csv(tmp_path / "导出数据.csv", rows, "gb18030"))
    domain = result.catalog.domains[0]
    assert (domain.id, domain.name) == ("social-assistance", "社会救助")
    said = [n.message for n in result.notes if "按事项名称" in n.message]
    assert said and "“最低生活保障”" in said[0] and "“社会救助”领域" in said[0]


def test_names_shared_by_many_templates_say_nothing(tmp_path: Path) -> None:
    rows = _rows([("政策文件", "办事指南"), ("政策文件", "政策解读"), ("监管", "行政处罚决定")])
    result = read_workbook(write_csv(tmp_path / "导出数据.csv", rows))
    domain = result.catalog.domains[0]
    assert not domain.pilot and domain.name == "导出数据"
    assert any("按工作表名" in n.message for n in result.notes)


def test_one_matching_item_or_no_clear_winner_is_no_guess() -> None:
    from zwgk_desktop.core.model import Item
    from zwgk_desktop.core.xlsx.domainmatch import _item_names

    own: dict[str, list[str]] = {}  # template id -> names only it uses
    for name, template in _item_names().items():
        own.setdefault(template.id, []).append(name)
    a, b = "social-assistance", "elderly-care"
    assert len(own[a]) >= 3 and len(own[b]) >= 2

    def items(*names: str) -> list[Item]:
        return [Item(level1=name, level2="办事指南") for name in names]

    assert domain_from_items(items(own[a][0])) is None  # one could be a coincidence
    assert domain_from_items(items(*own[a][:2], *own[b][:2])) is None  # a tie
    guess = domain_from_items(items(*own[a][:3], own[b][0]))  # 3 against 1: clear
    assert guess is not None and guess[0].id == a and len(guess[1]) == 3
    assert domain_from_items([]) is None
