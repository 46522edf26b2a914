"""The catalog as a web page to publish: one self-contained HTML file with 按要素检索.

from zwgk_desktop.core.publish import export_html, export_site
export_html(catalog, "目录.html")        # one page, every domain
export_site(catalog, "site/")            # index.html + one page per domain
"""

from __future__ import annotations

from zwgk_desktop.core.publish.page import build_page, export_html, export_site, page_data

__all__ = ["build_page", "export_html", "export_site", "page_data"]
