"""Build the published page (and the optional folder of pages) and write it atomically.

One HTML file with everything inline: the style sheet, the script and the catalog as JSON.
It needs no server and makes no request, so it works opened from disk and uploaded to a
portal's CMS as an attachment. Page-level text goes through ``html.escape``; cell text
travels as escaped JSON and is put on the page with ``textContent`` only.
"""

from __future__ import annotations

import contextlib
import html
import os
from collections.abc import Callable
from pathlib import Path

from zwgk_desktop import __version__
from zwgk_desktop.core.atomic import write_text_atomic
from zwgk_desktop.core.errors import ExportError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.os_reasons import os_reason
from zwgk_desktop.core.publish.assets import CSS, JS
from zwgk_desktop.core.publish.data import page_data, published_domains, script_json
from zwgk_desktop.core.titles import catalog_title, domain_title

INDEX_NAME = "index.html"
SEARCH_NAME = "search.html"
_FILTERS = (
    ("f-domain", "领域", "全部领域"),
    ("f-level1", "一级事项", "全部一级事项"),
    ("f-method", "公开方式", "全部公开方式"),
    ("f-audience", "公开对象", "全部公开对象"),
    ("f-level", "公开层级", "全部公开层级"),
    ("f-channel", "公开渠道", "全部公开渠道"),
)

Progress = Callable[[int, int], None]


def _meta_line(catalog: Catalog) -> str:
    meta = catalog.meta
    parts = [
        f"{label}：{value}"
        for label, value in (
            ("公开单位", meta.unit),
            ("行政区划", meta.region),
            ("年度/版本", meta.year),
            ("编制日期", meta.date),
        )
        if value
    ]
    return "　".join(html.escape(p) for p in parts)


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="政务公开标准目录编制工具 {html.escape(__version__)}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def _header(title: str, meta: str, back: str = "") -> str:
    link = f'<p class="meta"><a href="{html.escape(back)}">返回目录首页</a></p>' if back else ""
    line = f'<p class="meta">{meta}</p>' if meta else ""
    return f"<header>\n<h1>{html.escape(title)}</h1>\n{line}{link}\n</header>"


def _filters() -> str:
    fields = [
        '<div class="field wide"><label for="f-q">全文检索</label>'
        '<input type="search" id="f-q" name="q" autocomplete="off" '
        'placeholder="输入事项名称、公开内容等中的词语"></div>'
    ]
    for ident, label, everything in _FILTERS:
        fields.append(
            f'<div class="field"><label for="{ident}">{label}</label>'
            f'<select id="{ident}" name="{ident[2:]}"><option value="">{everything}</option>'
            "</select></div>"
        )
    fields.append(
        '<div class="field"><button type="reset" class="plain">清除检索条件</button></div>'
    )
    return (
        '<section aria-labelledby="search-title">\n'
        '<h2 id="search-title">按要素检索</h2>\n'
        '<form id="filters" class="filters" role="search" aria-label="按要素检索">'
        f"{''.join(fields)}</form>\n"
        '<p id="status" role="status" aria-live="polite"></p>\n'
        "<noscript><p>检索和事项表需要浏览器允许运行本页脚本。</p></noscript>\n"
        "</section>"
    )


def build_page(catalog: Catalog, title: str | None = None, back: str = "") -> str:
    """The whole page as one string (the catalog's domains with items, 按要素检索)."""
    title = title or catalog_title(catalog)
    body = (
        '<a class="skip" href="#results">跳到检索结果</a>\n'
        f"{_header(title, _meta_line(catalog), back)}\n<main>\n{_filters()}\n"
        '<div id="results" tabindex="-1"></div>\n'
        '<div id="more" class="more" hidden><button type="button" id="show-more"></button>'
        '<button type="button" id="show-all" class="plain"></button></div>\n'
        "</main>\n"
        f"<footer><p>{html.escape(title)}。本页由政务公开标准目录编制工具生成，"
        "可直接打开或作为附件发布。</p></footer>\n"
        f'<script type="application/json" id="zwgk-data">{script_json(page_data(catalog))}'
        f"</script>\n<script>{JS}</script>"
    )
    return _document(title, body)


def export_html(catalog: Catalog, path: str | os.PathLike[str]) -> int:
    """Write the page to ``path`` atomically; returns the number of items on it."""
    target = Path(path)
    _write(target, build_page(catalog))
    return sum(len(d.items) for d in published_domains(catalog))


def domain_page_name(n: int) -> str:
    """ASCII file names: portals' CMS often mangle Chinese ones."""
    return f"domain-{n:02d}.html"


def _index(catalog: Catalog) -> str:
    title = catalog_title(catalog)
    rows = []
    published = {id(d): n for n, d in enumerate(published_domains(catalog), start=1)}
    for n, domain in enumerate(catalog.domains, start=1):
        name = html.escape(domain.name)
        page = published.get(id(domain))
        if page is not None:
            name = f'<a href="{domain_page_name(page)}">{name}</a>'
            state = f"{len(domain.items)} 项"
        elif domain.not_involved:
            note = f"：{domain.note}" if domain.note else ""
            state = html.escape(f"未涉及{note}")
        else:
            state = "尚未编制"
        rows.append(f'<tr><td class="n">{n}</td><td>{name}</td><td>{state}</td></tr>')
    body = (
        '<a class="skip" href="#domains">跳到领域列表</a>\n'
        f"{_header(title, _meta_line(catalog))}\n<main>\n"
        f'<p><a href="{SEARCH_NAME}">按要素检索全部事项</a></p>\n'
        '<div class="table-wrap">'
        '<table id="domains"><caption>各领域公开事项标准目录</caption>'
        '<thead><tr><th scope="col">序号</th><th scope="col">领域</th>'
        '<th scope="col">事项</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>\n</main>"
    )
    return _document(title, body)


def export_site(
    catalog: Catalog, folder: str | os.PathLike[str], progress: Progress | None = None
) -> list[Path]:
    """Write ``index.html``, ``search.html`` (every domain) and one page per domain into
    ``folder`` (created if missing); each file is replaced atomically. Returns the files."""
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"无法创建文件夹“{target}”：{os_reason(exc)}") from exc
    domains = published_domains(catalog)
    written = [target / INDEX_NAME, target / SEARCH_NAME]
    _write(written[0], _index(catalog))
    _write(written[1], build_page(catalog, back=INDEX_NAME))
    for n, domain in enumerate(domains, start=1):
        if progress is not None:
            progress(n, len(domains))
        single = Catalog(meta=catalog.meta, domains=[domain])
        path = target / domain_page_name(n)
        _write(path, build_page(single, domain_title(catalog, domain), back=INDEX_NAME))
        written.append(path)
    return written


def _write(path: Path, text: str) -> None:
    """Atomic write, then the usual permissions of a new file (the temporary file was
    private): a page is meant to be read by a web server or a colleague."""
    write_text_atomic(path, text)
    with contextlib.suppress(OSError):  # e.g. a network share that ignores modes
        path.chmod(0o644)
