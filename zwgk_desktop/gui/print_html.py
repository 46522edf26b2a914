"""The printed catalog as HTML for QTextDocument, laid out like a published standard catalog.

Pure string building (no Qt) so it can be tested and reused: the same title as the workbook
(“XX镇XX领域基层政务公开标准目录”, from :mod:`zwgk_desktop.core.titles`), a two-row header (公开事项 一级/二级, 公开对象, 公开方式, 公开层级 groups), √ marks,
channels as ■/□ over the 13 standard ones plus the item's own channels. Every value goes
through ``html.escape``: catalog text comes from received files and must never be markup.
A :class:`PrintSection` can render any run of its rows, so the painter can lay pages out
item by item and never split one across a page break.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from zwgk_desktop.core.model import Catalog, Domain, Item
from zwgk_desktop.core.titles import catalog_title, domain_title
from zwgk_desktop.core.vocab import AUDIENCE, CHANNELS, METHOD

CHECK = "√"
CHANNEL_ON = "■"
CHANNEL_OFF = "□"
TITLE_FONT = "'SimHei', '黑体', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei'"
BODY_FONT = (
    "'FangSong', '仿宋', '仿宋_GB2312', 'SimSun', 'Noto Serif CJK SC', 'WenQuanYi Micro Hei'"
)

# Relative column widths (percent of the table) of the fixed columns; the choice columns
# share what is left. Tuned for landscape A4 so long texts get the room.
_WIDTHS = {
    "seq": 3,
    "level1": 7,
    "level2": 9,
    "content": 15,
    "basis": 14,
    "time_limit": 9,
    "subject": 6,
    "channels": 14,
}

_STYLE = f"""
body {{ font-family: {BODY_FONT}; font-size: 8pt; }}
h1 {{ font-family: {TITLE_FONT}; font-size: 16pt; font-weight: bold; text-align: center; margin: 0 0 6px 0; }}
h2 {{ font-family: {TITLE_FONT}; font-size: 14pt; font-weight: bold; text-align: center; margin: 0 0 4px 0; }}
p.meta {{ font-size: 9pt; text-align: center; margin: 0 0 6px 0; }}
p.note {{ font-size: 10pt; margin: 8px 0; }}
table {{ border-collapse: collapse; }}
th {{ font-family: {TITLE_FONT}; font-size: 8pt; font-weight: bold; background-color: #eeeeee; }}
td.c {{ text-align: center; }}
"""


__all__ = ["PrintSection", "catalog_title", "domain_title", "print_sections"]


def _text(value: str) -> str:
    return html.escape(value).replace("\r\n", "\n").replace("\n", "<br/>")


def _mark(on: bool) -> str:
    return CHECK if on else ""


def channel_cell(item: Item) -> str:
    """■ for each chosen standard channel, □ for the others, then the item's own channels."""
    chosen = set(item.channels)
    parts = [f"{CHANNEL_ON if term in chosen else CHANNEL_OFF}{term}" for term in CHANNELS.terms]
    parts += [f"{CHANNEL_ON}{term}" for term in item.channels if term not in CHANNELS.terms]
    return "&nbsp; ".join(html.escape(p) for p in parts)


def domain_levels(catalog: Catalog, domain: Domain) -> list[str]:
    """The catalog's level columns plus any other level an item of the domain uses."""
    levels = list(catalog.meta.levels)
    for item in domain.items:
        for term in item.level:
            if term not in levels:
                levels.append(term)
    return levels


def _mark_width(levels: Sequence[str]) -> float:
    """Width of one √ column; 特定群体 (which may hold “√(申请人)”) gets two shares."""
    shares = len(AUDIENCE.terms) + len(METHOD.terms) + len(levels) + 1
    return round((100 - sum(_WIDTHS.values())) / shares, 2)


def _th(
    label: str, key: str | None = None, width: int | None = None, rowspan: int = 1, colspan: int = 1
) -> str:
    """A header cell; Qt's rich text takes column widths from cell ``width`` attributes."""
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if width is None and key is not None:
        width = _WIDTHS[key]
    if width is not None:
        attrs += f' width="{width}%"'
    return f"<th{attrs}>{html.escape(label)}</th>"


def _header(levels: Sequence[str]) -> str:
    mark = _mark_width(levels)
    top = [
        _th("序号", "seq", rowspan=2),
        _th("公开事项", colspan=2),
        _th("公开内容(要素)", "content", rowspan=2),
        _th("公开依据", "basis", rowspan=2),
        _th("公开时限", "time_limit", rowspan=2),
        _th("公开主体", "subject", rowspan=2),
        _th("公开渠道和载体", "channels", rowspan=2),
        _th("公开对象", colspan=len(AUDIENCE.terms)),
        _th("公开方式", colspan=len(METHOD.terms)),
    ]
    sub = [_th("一级事项", "level1"), _th("二级事项", "level2")]
    sub += [_th(t, width=mark * 2 if t == "特定群体" else mark) for t in AUDIENCE.terms]
    sub += [_th(t, width=mark) for t in METHOD.terms]
    if levels:
        top.append(_th("公开层级", colspan=len(levels)))
        sub += [_th(t, width=mark) for t in levels]
    return f"<thead><tr>{''.join(top)}</tr><tr>{''.join(sub)}</tr></thead>"


def _row(n: int, item: Item, levels: Sequence[str], level1_span: int | None) -> str:
    cells = [f'<td class="c">{n}</td>']
    if level1_span is not None:  # first row of a run of equal 一级事项: one merged cell
        span = f' rowspan="{level1_span}"' if level1_span > 1 else ""
        cells.append(f"<td{span}>{_text(item.level1)}</td>")
    cells += [
        f"<td>{_text(getattr(item, key))}</td>"
        for key in ("level2", "content", "basis", "time_limit", "subject")
    ]
    cells.append(f"<td>{channel_cell(item)}</td>")
    audience = set(item.audience)
    cells.append(f'<td class="c">{_mark("全社会" in audience)}</td>')
    note = f"({_text(item.audience_note)})" if item.audience_note else ""
    special = CHECK + note if "特定群体" in audience else note
    cells.append(f'<td class="c">{special}</td>')
    cells += [f'<td class="c">{_mark(t in item.method)}</td>' for t in METHOD.terms]
    cells += [f'<td class="c">{_mark(t in item.level)}</td>' for t in levels]
    return f"<tr>{''.join(cells)}</tr>"


def _level1_spans(items: Sequence[Item]) -> list[int | None]:
    """Row span of each run of equal, non-empty 一级事项 (None for rows inside a run)."""
    spans: list[int | None] = []
    start = 0
    while start < len(items):
        end = start + 1
        name = items[start].level1
        while name and end < len(items) and items[end].level1 == name:
            end += 1
        spans.append(end - start)
        spans.extend([None] * (end - start - 1))
        start = end
    return spans


def domain_table(catalog: Catalog, domain: Domain, start: int = 0, end: int | None = None) -> str:
    """The table of items ``start``..``end`` (numbered as in the whole domain); a run of
    equal 一级事项 cut by the range is merged within it, so each page names its 一级事项."""
    levels = domain_levels(catalog, domain)
    items = domain.items[start:end]
    spans = _level1_spans(items)
    rows = "".join(
        _row(start + n, item, levels, spans[n - 1]) for n, item in enumerate(items, start=1)
    )
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3">'
        f"{_header(levels)}<tbody>{rows}</tbody></table>"
    )


def _meta_line(catalog: Catalog) -> str:
    meta = catalog.meta
    parts = []
    if meta.region:
        parts.append(f"行政区划：{meta.region}")
    if meta.year:
        parts.append(f"年度：{meta.year}")
    if meta.date:
        parts.append(f"编制日期：{meta.date}")
    if meta.contact:
        parts.append(f"联系人：{meta.contact}")
    return "　　".join(html.escape(p) for p in parts)


def domain_section(
    catalog: Catalog,
    domain: Domain,
    page_break: bool = False,
    start: int = 0,
    end: int | None = None,
) -> str:
    style = ' style="page-break-before: always"' if page_break else ""
    head = f"<h2{style}>{html.escape(domain_title(catalog, domain))}</h2>"
    meta = _meta_line(catalog)
    if meta:
        head += f"<p class='meta'>{meta}</p>"
    if domain.not_involved:
        note = domain.note or "（未填写说明）"
        return f"{head}<p class='note'>本单位未涉及该领域。说明：{_text(note)}</p>"
    if not domain.items:
        return f"{head}<p class='note'>该领域尚未编制公开事项。</p>"
    return head + domain_table(catalog, domain, start, end)


def _summary(catalog: Catalog) -> str:
    rows = []
    for n, domain in enumerate(catalog.domains, start=1):
        status = "未涉及" if domain.not_involved else f"{len(domain.items)} 项"
        note = _text(domain.note) if domain.not_involved else ""
        rows.append(
            f'<tr><td class="c">{n}</td><td>{html.escape(domain.name)}</td>'
            f'<td class="c">{status}</td><td>{note}</td></tr>'
        )
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3">'
        f"<thead><tr>{_th('序号', width=5)}{_th('领域', width=20)}{_th('事项数', width=10)}{_th('未涉及说明', width=65)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _wrap(body: str) -> str:
    return f"<html><head><meta charset='utf-8'/><style>{_STYLE}</style></head><body>{body}</body></html>"


def _cover(catalog: Catalog) -> str:
    title = f"<h1>{html.escape(catalog_title(catalog))}</h1>"
    meta = _meta_line(catalog)
    return title + (f"<p class='meta'>{meta}</p>" if meta else "") + _summary(catalog)


@dataclass(frozen=True)
class PrintSection:
    """One printed section (the cover, or a domain) that starts on a new page.

    ``rows`` is the number of item rows; ``html(start, end)`` renders the title, the header
    and only the items in that range, so a painter can fit whole items to each page.
    """

    catalog: Catalog
    domain: Domain | None = None  # None: the cover

    @property
    def rows(self) -> int:
        if self.domain is None or self.domain.not_involved:
            return 0
        return len(self.domain.items)

    @property
    def footer(self) -> tuple[str, str]:
        """Left and right of the page footer: the unit and the domain (as in the workbook)."""
        unit = self.catalog.meta.unit[:60]
        return unit, self.domain.name[:40] if self.domain is not None else ""

    def html(self, start: int = 0, end: int | None = None) -> str:
        if self.domain is None:
            return _wrap(_cover(self.catalog))
        return _wrap(domain_section(self.catalog, self.domain, start=start, end=end))


def print_sections(catalog: Catalog, domain_id: str | None = None) -> list[PrintSection]:
    """The cover and one section per involved domain, or just the domain ``domain_id``."""
    if domain_id is not None:
        domain = catalog.domain(domain_id)
        if domain is None:
            raise KeyError(domain_id)
        return [PrintSection(catalog, domain)]
    return [PrintSection(catalog)] + [
        PrintSection(catalog, d) for d in catalog.domains if not d.not_involved
    ]


def catalog_sections(catalog: Catalog, domain_id: str | None = None) -> list[str]:
    """One HTML document per printed section, each starting on a new page.

    The whole catalog is a cover (title, unit details, the table of domains with 未涉及说明)
    followed by one section per involved domain; with ``domain_id`` just that domain.
    Separate documents keep each layout small and let a long print be cancelled between
    domains.
    """
    if domain_id is not None:
        domain = catalog.domain(domain_id)
        if domain is None:
            raise KeyError(domain_id)
        return [_wrap(domain_section(catalog, domain))]
    sections = [_wrap(_cover(catalog))]
    sections += [_wrap(domain_section(catalog, d)) for d in catalog.domains if not d.not_involved]
    return sections


def catalog_html(catalog: Catalog, domain_id: str | None = None) -> str:
    """Everything as one document (page breaks between sections), e.g. for a quick look."""
    if domain_id is not None:
        return catalog_sections(catalog, domain_id)[0]
    parts = [_cover(catalog)]
    parts += [
        domain_section(catalog, d, page_break=True) for d in catalog.domains if not d.not_involved
    ]
    return _wrap("".join(parts))


def document_title(catalog: Catalog, domain_id: str | None = None) -> str:
    """The title used for the PDF file name and metadata."""
    if domain_id is not None:
        domain = catalog.domain(domain_id)
        if domain is not None:
            return domain_title(catalog, domain)
    return catalog_title(catalog)
