"""Published page speed: export time as a ratio to our standard xlsx export (same run),
and, when Chromium is installed, the page's open and per-keystroke filter times.

    .venv/bin/python -m bench.bench_html [--items 16000] [--repeat 3]

Export: ``export_html`` against ``export_workbook(layout="standard")`` of the same
catalog, alternated (paired CPU ratio; target ≤ 1.5×). Browser: the page opened in headless
Chromium, then a word typed one character at a time into 全文检索; each keystroke's filter
and redraw over every row is timed inside the page (budget 200 ms).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from bench.catalog_gen import generate_catalog
from bench.timing import paired_seconds, report_paired
from zwgk_desktop.core.publish import export_html
from zwgk_desktop.core.xlsx import export_workbook

EXPORT_TARGET = 1.5
KEYSTROKE_BUDGET_MS = 200.0
WORD = "办理流程"


def browser_times(page: Path) -> tuple[float, list[float]] | None:
    """(load ms, per-keystroke ms) in headless Chromium, or None without Chromium."""
    from tests.browser.cdp import Browser, find_chromium

    executable = find_chromium()
    if executable is None:
        return None
    with Browser(executable) as browser:
        browser.open(page)
        load = browser.eval("performance.getEntriesByType('navigation')[0].loadEventEnd")
        keys = [
            browser.eval(
                "(() => { const q = document.getElementById('f-q'); const t0 = performance.now();"
                f" q.value += {json.dumps(char)}; q.dispatchEvent(new Event('input'));"
                " return performance.now() - t0; })()"
            )
            for char in WORD
        ]
    return load, keys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    catalog = generate_catalog(args.items)
    with tempfile.TemporaryDirectory() as folder:
        page, xlsx = Path(folder) / "page.html", Path(folder) / "catalog.xlsx"
        timing = paired_seconds(
            lambda: export_html(catalog, page),
            lambda: export_workbook(catalog, xlsx),
            repeat=args.repeat,
        )
        report_paired(f"html export {args.items}", timing, "standard xlsx export", EXPORT_TARGET)
        print(
            f"page size: {page.stat().st_size / 1e6:.1f} MB, xlsx {xlsx.stat().st_size / 1e6:.1f} MB"
        )
        measured = browser_times(page)
        if measured is None:
            print("browser: Chromium not installed, skipped")
            return
        load, keys = measured
        worst = max(keys)
        verdict = "OK" if statistics.median(keys) <= KEYSTROKE_BUDGET_MS else "OVER BUDGET"
        print(
            f"browser: load {load:.0f} ms; filter per keystroke median "
            f"{statistics.median(keys):.0f} ms, max {worst:.0f} ms "
            f"(budget {KEYSTROKE_BUDGET_MS:.0f} ms) {verdict}"
        )


if __name__ == "__main__":
    main()
