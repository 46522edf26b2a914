"""The printed catalog as HTML for QTextDocument, laid out like the printed workbook.

Pure string building (no Qt) so it can be tested and reused: the same title as the workbook
(“XX镇XX领域基层政务公开标准目录”, from :mod:`zwgk_desktop.core.titles`), the workbook's
columns and two-row header (:func:`core.xlsx.columns.plan`), 9-point text in each domain's
own fitted column widths (:func:`core.xlsx.printfit.fit_widths`, turned into percentages),
√ marks, and the channel list as the workbook renders it (the full ■/□ list, or only the
ticked channels). Every value goes through ``html.escape``: catalog text comes from
received files and must never be markup. A :class:`PrintSection` can render any run of its
rows, so the painter can lay pages out item by item and never split one across a page break.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from zwgk_desktop.core.model import Catalog, Domain, Item
from zwgk_desktop.core.text import shorten
from zwgk_desktop.core.titles import catalog_title, domain_title
from zwgk_desktop.core.xlsx.columns import (
    PRINT_WIDTHS,
    PlanColumn,
    plan,
    total_units,
)
from zwgk_desktop.core.xlsx.glyphs import render_channels, render_mark
from zwgk_desktop.core.xlsx.printfit import fit_widths
from zwgk_desktop.core.xlsx.standard import FOOTER_UNIT_CHARS, header_label
from zwgk_desktop.core.xlsx.styles import BODY_SIZE

CHECK = "√"
CHANNEL_ON = "■"
CHANNEL_OFF = "□"
CONTINUED = "（续）"
FOOTER_DOMAIN_CHARS = 40
TITLE_FONT = "'SimHei', '黑体', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei'"
BODY_FONT = (
    "'FangSong', '仿宋', '仿宋_GB2312', 'SimSun', 'Noto Serif CJK SC', 'WenQuanYi Micro Hei'"
)

_STYLE = f"""
body {{ font-family: {BODY_FONT}; font-size: {BODY_SIZE}pt; }}
h1 {{ font-family: {TITLE_FONT}; font-size: 16pt; font-weight: bold; text-align: center; margin: 0 0 6px 0; }}
h2 {{ font-family: {TITLE_FONT}; font-size: 14pt; font-weight: bold; text-align: center; margin: 0 0 4px 0; }}
p.meta {{ font-size: 9pt; text-align: center; margin: 0 0 6px 0; }}
p.note {{ font-size: 10pt; margin: 8px 0; }}
table {{ border-collapse: collapse; }}
th {{ font-family: {TITLE_FONT}; font-size: {BODY_SIZE}pt; font-weight: bold; background-color: #eeeeee; }}
td.c {{ text-align: center; }}
p.gap {{ font-size: 6pt; margin: 0; }}
"""


__all__ = ["PrintSection", "catalog_title", "domain_title", "print_sections"]


# What one cell, label or title prints at most. The templates' longest text is 137
# characters; a received file may hold 32,767 in a cell (or a level name as long, which
# heads a column): Qt took minutes to lay such rows out, and a header taller than a page
# broke its page count. Longer text prints cut, saying how long it is.
PRINT_CELL_CHARS = 2000
PRINT_LABEL_CHARS = 40
PRINT_TITLE_CHARS = 120


def printed(value: str, limit: int = PRINT_CELL_CHARS) -> str:
    """``value`` as the printed catalog shows it: at most ``limit`` characters."""
    if len(value) <= limit:
        return value
    return f"{value[:limit]}……（共 {len(value):,} 字，只打印前 {limit:,} 字）"


def _text(value: str) -> str:
    return html.escape(printed(value)).replace("\r\n", "\n").replace("\n", "<br/>")


def channel_cell(item: Item, width: float = PRINT_WIDTHS["channels"], compact: bool = False) -> str:
    """The workbook's channel list for a column ``width`` units wide: ■ for each chosen
    standard channel, □ for the others (left out when ``compact``), then the item's own
    channels, packed into whole-name lines as the workbook packs them."""
    rendered = render_channels(item.channels, width, compact, float(BODY_SIZE))
    lines = printed(rendered).split("\n")
    return "<br/>".join(html.escape(line) for line in lines)


def print_columns(catalog: Catalog, domain: Domain, compact: bool = False) -> list[PlanColumn]:
    """The domain's columns with the workbook's widths, fitted to its own texts, so the
    PDF wraps as the printed workbook does."""
    columns = plan(domain, catalog.meta.levels, compact)
    return fit_widths(columns, domain.items, compact)


def _percents(columns: Sequence[PlanColumn]) -> list[float]:
    """Each column's share of the table in percent: its width plus the cell padding the
    workbook's columns carry, over the whole table."""
    total = total_units(list(columns))
    return [round(100 * total_units([c]) / total, 2) for c in columns]


def _th(label: str, width: float | None = None, rowspan: int = 1, colspan: int = 1) -> str:
    """A header cell; Qt's rich text takes column widths from cell ``width`` attributes."""
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if width is not None:
        attrs += f' width="{width}%"'
    return f"<th{attrs}>{_text(shorten(label, PRINT_LABEL_CHARS))}</th>"


def _header(columns: Sequence[PlanColumn]) -> str:
    """Two header rows as the workbook's: a column outside a group spans both, a group
    (公开事项, 公开对象 …) heads its sub-labels; labels broken as the workbook breaks them."""
    percents = _percents(columns)
    top: list[str] = []
    sub: list[str] = []
    c = 0
    while c < len(columns):
        column = columns[c]
        if not column.group:
            top.append(_th(header_label(column.label, column.width), percents[c], rowspan=2))
            c += 1
            continue
        end = c
        while end + 1 < len(columns) and columns[end + 1].group == column.group:
            end += 1
        top.append(_th(column.group, colspan=end - c + 1))
        sub += [
            _th(header_label(columns[k].label, columns[k].width), percents[k])
            for k in range(c, end + 1)
        ]
        c = end + 1
    return f"<thead><tr>{''.join(top)}</tr><tr>{''.join(sub)}</tr></thead>"


def _cell(column: PlanColumn, item: Item, compact: bool) -> str:
    if column.kind == "channels":
        return f"<td>{channel_cell(item, column.width, compact)}</td>"
    if column.kind == "mark":
        chosen = column.term in item.get(column.key)
        note = item.audience_note if column.term == "特定群体" else ""
        return f'<td class="c">{_text(render_mark(chosen, note))}</td>'
    if column.kind == "extra":
        return f"<td>{_text(item.extra.get(column.key, ''))}</td>"
    value = item.get(column.key)
    align = ' class="c"' if column.align == "center" else ""
    return f"<td{align}>{_text(value if isinstance(value, str) else '')}</td>"


def _row(
    n: int, item: Item, columns: Sequence[PlanColumn], level1_span: int | None, compact: bool
) -> str:
    cells = [f'<td class="c">{n}</td>']
    for column in columns[1:]:
        if column.key == "level1":
            if level1_span is None:  # inside a run of equal 一级事项: merged above
                continue
            span = f' rowspan="{level1_span}"' if level1_span > 1 else ""
            cells.append(f'<td class="c"{span}>{_text(item.level1)}</td>')
            continue
        cells.append(_cell(column, item, compact))
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


def domain_table(
    catalog: Catalog,
    domain: Domain,
    start: int = 0,
    end: int | None = None,
    compact: bool = False,
    columns: Sequence[PlanColumn] | None = None,
) -> str:
    """The table of items ``start``..``end`` (numbered as in the whole domain); a run of
    equal 一级事项 cut by the range is merged within it, so each page names its 一级事项."""
    if columns is None:
        columns = print_columns(catalog, domain, compact)
    items = domain.items[start:end]
    spans = _level1_spans(items)
    rows = "".join(
        _row(start + n, item, columns, spans[n - 1], compact)
        for n, item in enumerate(items, start=1)
    )
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3">'
        f"{_header(columns)}<tbody>{rows}</tbody></table>"
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
    return "　　".join(html.escape(shorten(p, PRINT_TITLE_CHARS)) for p in parts)


def domain_section(
    catalog: Catalog,
    domain: Domain,
    page_break: bool = False,
    start: int = 0,
    end: int | None = None,
    compact: bool = False,
    columns: Sequence[PlanColumn] | None = None,
    continued: bool = False,
    meta: bool = True,
) -> str:
    """Title, unit details (``meta``) and the table of items ``start``..``end``; a page
    that ``continued`` the domain from an earlier one says so after the title."""
    style = ' style="page-break-before: always"' if page_break else ""
    title = domain_title(catalog, domain) + (CONTINUED if continued else "")
    head = f"<h2{style}>{html.escape(shorten(title, PRINT_TITLE_CHARS))}</h2>"
    details = _meta_line(catalog) if meta else ""
    if details:
        head += f"<p class='meta'>{details}</p>"
    if domain.not_involved:
        note = domain.note or "（未填写说明）"
        return f"{head}<p class='note'>本单位未涉及该领域。说明：{_text(note)}</p>"
    if not domain.items:
        return f"{head}<p class='note'>该领域尚未编制公开事项。</p>"
    return head + domain_table(catalog, domain, start, end, compact, columns)


def _summary(catalog: Catalog) -> str:
    rows = []
    for n, domain in enumerate(catalog.domains, start=1):
        status = "未涉及" if domain.not_involved else f"{len(domain.items)} 项"
        note = _text(domain.note) if domain.not_involved else ""
        rows.append(
            f'<tr><td class="c">{n}</td><td>{html.escape(shorten(domain.name, PRINT_LABEL_CHARS))}</td>'
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
    title = f"<h1>{html.escape(shorten(catalog_title(catalog), PRINT_TITLE_CHARS))}</h1>"
    meta = _meta_line(catalog)
    return title + (f"<p class='meta'>{meta}</p>" if meta else "") + _summary(catalog)


@dataclass(frozen=True)
class PrintSection:
    """One printed section: the cover, or a domain.

    ``rows`` is the number of item rows; ``html(start, end)`` renders the title, the header
    and only the items in that range, so a painter can fit whole items to each page; ``body``
    is the same without the page around it, for pages that hold several domains.
    ``compact`` lists only the ticked channels.
    """

    catalog: Catalog
    domain: Domain | None = None  # None: the cover
    compact: bool = False

    @property
    def rows(self) -> int:
        if self.domain is None or self.domain.not_involved:
            return 0
        return len(self.domain.items)

    @property
    def footer(self) -> tuple[str, str]:
        """Left and right of the page footer: the unit and the domain (as in the workbook)."""
        unit = self.catalog.meta.unit[:FOOTER_UNIT_CHARS]
        return unit, self.domain.name[:FOOTER_DOMAIN_CHARS] if self.domain is not None else ""

    @cached_property
    def columns(self) -> list[PlanColumn]:
        """The domain's fitted columns, worked out once for all its pages."""
        if self.domain is None or not self.rows:
            return []
        return print_columns(self.catalog, self.domain, self.compact)

    def body(
        self, start: int = 0, end: int | None = None, continued: bool = False, meta: bool = True
    ) -> str:
        if self.domain is None:
            return _cover(self.catalog)
        return domain_section(
            self.catalog,
            self.domain,
            start=start,
            end=end,
            compact=self.compact,
            columns=self.columns or None,
            continued=continued,
            meta=meta,
        )

    def html(self, start: int = 0, end: int | None = None) -> str:
        return _wrap(self.body(start, end))


def page_html(parts: Sequence[str]) -> str:
    """One page of several sections' bodies (continuous flow), a little space between."""
    spaced = [parts[0]] + [f"<p class='gap'>&nbsp;</p>{part}" for part in parts[1:]]
    return _wrap("".join(spaced))


def footer_domains(names: Sequence[str]) -> str:
    """The right footer of a page: its domain(s), “养老服务、公共法律服务”, shortened when
    long (“养老服务、公共法律服务等 3 个领域”)."""
    names = list(dict.fromkeys(n for n in names if n))
    text = "、".join(names)
    if len(text) <= FOOTER_DOMAIN_CHARS:
        return text
    shown: list[str] = []
    for name in names:
        if len("、".join([*shown, name])) > FOOTER_DOMAIN_CHARS - 8:
            break
        shown.append(name)
    if not shown:
        return names[0][: FOOTER_DOMAIN_CHARS - 8] + f"…等 {len(names)} 个领域"
    return "、".join(shown) + f"等 {len(names)} 个领域"


def print_sections(
    catalog: Catalog, domain_id: str | None = None, compact: bool = False
) -> list[PrintSection]:
    """The cover and one section per involved domain, or just the domain ``domain_id``."""
    if domain_id is not None:
        domain = catalog.domain(domain_id)
        if domain is None:
            raise KeyError(domain_id)
        return [PrintSection(catalog, domain, compact)]
    return [PrintSection(catalog, compact=compact)] + [
        PrintSection(catalog, d, compact) for d in catalog.domains if not d.not_involved
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
