"""Deterministic generator of realistic catalogs for benchmarks and load tests.

26 domains (the bundled templates), items spread evenly, Chinese text of the lengths seen
in published catalogs (公开内容 20–200 characters, 依据 20–150), channel sets of 2–7 of the
13 standard channels. The same ``(n_items, seed)`` always gives the same catalog.

    from bench.catalog_gen import generate_catalog
    catalog = generate_catalog(16_000)
"""

from __future__ import annotations

import random

from zwgk_desktop.core.model import Catalog, CatalogMeta, Item
from zwgk_desktop.core.templates import all_templates
from zwgk_desktop.core.vocab import CHANNELS

SIZES = {"small": 800, "medium": 16_000, "large": 100_000}

_PHRASES = (
    "申请条件",
    "申请材料",
    "办理流程",
    "办理时限",
    "收费依据及标准",
    "咨询电话",
    "监督投诉渠道",
    "政策文件名称",
    "文号",
    "发布机关",
    "发布日期",
    "正文",
    "审核结果",
    "公示名单",
    "补助标准",
    "资金分配结果",
    "项目名称",
    "建设地点",
    "实施单位",
    "联系方式",
    "办理地点",
    "办公时间",
    "法律依据",
    "处理结果",
    "救济渠道",
    "服务对象",
    "服务内容",
    "实施进度",
    "验收结果",
)
_LAWS = (
    "《中华人民共和国政府信息公开条例》（国务院令第711号）",
    "《社会救助暂行办法》（国务院令第649号）",
    "《中华人民共和国预算法》",
    "《中华人民共和国城乡规划法》",
    "《中华人民共和国土地管理法》",
    "《中华人民共和国就业促进法》",
    "《国务院办公厅关于推进重大建设项目批准和实施领域政府信息公开的意见》（国办发〔2017〕94号）",
    "《地方预决算公开操作规程》（财预〔2016〕143号）",
    "《中华人民共和国食品安全法》",
)
_TIMES = (
    "信息形成或者变更之日起20个工作日内",
    "制定或获取信息之日起10个工作日内",
    "实时公开",
    "及时公开",
    "长期公开",
    "自收到申请之日起20个工作日内",
)


def _text(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(rng.choice(_PHRASES))
    return "、".join(parts)[:target].rstrip("、") + "。"


def _basis(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    laws: list[str] = []
    while sum(len(x) for x in laws) < target:
        laws.append(rng.choice(_LAWS))
    return "、".join(dict.fromkeys(laws))


def generate_catalog(n_items: int, seed: int = 0, unit: str = "示范镇人民政府") -> Catalog:
    """A catalog of ``n_items`` items over the 26 domains, reproducible from ``seed``."""
    rng = random.Random(seed)
    templates = all_templates()
    catalog = Catalog(
        meta=CatalogMeta(unit=unit, region="示范县", year="2026", contact="张三 0000-1234567")
    )
    per_domain = [n_items // len(templates)] * len(templates)
    for i in range(n_items % len(templates)):
        per_domain[i] += 1
    for template, count in zip(templates, per_domain, strict=True):
        domain = template.instantiate(unit)
        base = domain.items
        items: list[Item] = []
        for n in range(count):
            proto = base[n % len(base)] if base else Item(level1="一级事项", level2="二级事项")
            item = proto.copy()
            item.template_ref = ""
            if n >= len(base):
                item.level2 = f"{proto.level2}（{n // max(len(base), 1) + 1}）"
            item.content = _text(rng, 20, 200)
            item.basis = _basis(rng, 20, 150)
            item.time_limit = rng.choice(_TIMES)
            item.subject = unit
            item.channels = CHANNELS.sort(rng.sample(CHANNELS.terms[:12], rng.randint(2, 7)))
            item.audience = item.audience or ["全社会"]
            item.method = item.method or ["主动"]
            item.level = item.level or ["乡级"]
            items.append(item)
        domain.items = items
        catalog.domains.append(domain)
    return catalog
