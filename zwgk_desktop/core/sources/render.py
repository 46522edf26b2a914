"""Template 公开依据 as references to the register, rendered to the text clerks see.

A reference is ``{source = "key", articles = "第十四条"}`` or, rarely, free text
``{text = "…"}``. Laws render as 《title》+articles; other documents with a number as
《title》（number）+articles; parts are joined with "、" (how catalogs write them).
"""

from __future__ import annotations

from dataclasses import dataclass

from zwgk_desktop.core.sources.register import Register


@dataclass(frozen=True)
class BasisRef:
    """One part of a template item's 公开依据."""

    source: str = ""
    articles: str = ""
    text: str = ""


def parse_refs(raw: object, where: str, register: Register) -> tuple[BasisRef, ...]:
    """Check a TOML ``basis`` list; every source key must resolve. Raises ValueError(message)."""
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{where}: basis 应为非空的引用列表")
    refs: list[BasisRef] = []
    for n, part in enumerate(raw, start=1):
        here = f"{where} basis 第{n}项"
        if not isinstance(part, dict):
            raise ValueError(f'{here}: 应为 {{source = "…"}} 或 {{text = "…"}}')
        unknown = set(part) - {"source", "articles", "text"}
        if unknown:
            raise ValueError(f"{here}: 未知键 {sorted(unknown)}")
        if not all(isinstance(v, str) for v in part.values()):
            raise ValueError(f"{here}: 取值应为文本")
        source = part.get("source", "").strip()
        text = part.get("text", "").strip()
        articles = part.get("articles", "").strip()
        if bool(source) == bool(text):
            raise ValueError(f"{here}: source 与 text 须且只须写一个")
        if text and articles:
            raise ValueError(f"{here}: text 不能带 articles")
        if source and source not in register:
            raise ValueError(f"{here}: 登记册中没有 key“{source}”")
        refs.append(BasisRef(source=source, articles=articles, text=text))
    return tuple(refs)


def render_ref(ref: BasisRef, register: Register) -> str:
    if ref.text:
        return ref.text
    return register[ref.source].citation() + ref.articles


def render_basis(refs: tuple[BasisRef, ...] | list[BasisRef], register: Register) -> str:
    """The 公开依据 text of a list of references, e.g. 《…预算法》第十四条、《…》（财预〔2016〕143号）."""
    return "、".join(render_ref(ref, register) for ref in refs)
