"""``zwgk domains [--json]``: the bundled domain templates."""

from __future__ import annotations

import argparse
from typing import Any

from zwgk_desktop.cli.output import print_json
from zwgk_desktop.core.templates import all_templates


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "domains", help="列出26个试点领域及其模板事项数", description="列出内置的领域模板。"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    templates = all_templates()
    if args.json:
        print_json(
            [
                {
                    "id": t.id,
                    "name": t.name,
                    "aliases": list(t.aliases),
                    "items": len(t.items),
                    "order": t.order,
                    "department": t.department,
                    "guideline": t.guideline,
                }
                for t in templates
            ]
        )
        return 0
    width = max((len(t.id) for t in templates), default=10)
    for t in templates:
        aliases = f"（又称：{'、'.join(t.aliases)}）" if t.aliases else ""
        print(f"{t.order:>2}  {t.id:<{width}}  {t.name}  {len(t.items)}项{aliases}")
    return 0
