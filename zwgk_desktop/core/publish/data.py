"""The data a published page carries: rows of plain strings and the filter choices.

Rows are arrays (not objects) to keep a 16,000-item page small; :data:`ROW_FIELDS` names
the positions for the page's script and for tests. The JSON is embedded in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` written as
``\\u003c`` … so no cell text can end the element or start markup.
"""

from __future__ import annotations

import json
from typing import Any

from zwgk_desktop.core.model import Catalog, Domain
from zwgk_desktop.core.titles import domain_title
from zwgk_desktop.core.vocab import AUDIENCE, CHANNELS, LEVEL, METHOD

ROW_FIELDS = (
    "domain",  # index into ``domains``
    "level1",
    "level2",
    "content",
    "basis",
    "time_limit",
    "subject",
    "channels",  # list
    "audience",  # list
    "audience_note",
    "method",  # list
    "level",  # list
)
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _ordered(terms: tuple[str, ...], used: set[str]) -> list[str]:
    """The vocabulary's terms that occur, in vocabulary order, then the others sorted."""
    return [t for t in terms if t in used] + sorted(used - set(terms))


def published_domains(catalog: Catalog) -> list[Domain]:
    """Domains shown on the page: those with items (未涉及 ones are listed on the index)."""
    return [d for d in catalog.domains if d.items and not d.not_involved]


def page_data(catalog: Catalog) -> dict[str, Any]:
    """Everything the page's script needs: domains, rows and the choices of each filter."""
    domains = published_domains(catalog)
    rows: list[list[Any]] = []
    level1: list[list[str]] = []
    channels: set[str] = set()
    audience: set[str] = set()
    method: set[str] = set()
    level: set[str] = set()
    for index, domain in enumerate(domains):
        names: list[str] = []
        for item in domain.items:
            rows.append(
                [
                    index,
                    item.level1,
                    item.level2,
                    item.content,
                    item.basis,
                    item.time_limit,
                    item.subject,
                    list(item.channels),
                    list(item.audience),
                    item.audience_note,
                    list(item.method),
                    list(item.level),
                ]
            )
            if item.level1 and item.level1 not in names:
                names.append(item.level1)
            channels.update(item.channels)
            audience.update(item.audience)
            method.update(item.method)
            level.update(item.level)
        level1.append(names)
    return {
        "domains": [
            {"name": d.name, "title": domain_title(catalog, d), "level1": level1[n]}
            for n, d in enumerate(domains)
        ],
        "rows": rows,
        "choices": {
            "channels": _ordered(CHANNELS.terms, channels),
            "audience": _ordered(AUDIENCE.terms, audience),
            "method": _ordered(METHOD.terms, method),
            "level": _ordered(LEVEL.terms, level),
        },
    }


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
