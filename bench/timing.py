"""Timing helpers shared by the benchmarks: medians and ratios, never absolute verdicts.

The machines are shared and noisy, so every benchmark measures a baseline in the same run
and reports ``ours / baseline``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_seconds(fn: Callable[[], Any], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(
    title: str, ours: float, baseline: float, baseline_name: str, target: float | None = None
) -> str:
    ratio = ours / baseline if baseline else float("inf")
    verdict = ""
    if target is not None:
        verdict = "  OK" if ratio <= target else f"  OVER TARGET ({target}x)"
    line = f"{title}: {ours * 1000:.2f} ms vs {baseline_name} {baseline * 1000:.2f} ms = {ratio:.2f}x{verdict}"
    print(line)
    return line


def paired_seconds(
    ours: Callable[[], Any], baseline: Callable[[], Any], repeat: int = 5
) -> tuple[float, float, float]:
    """Alternate the two runs and return (ours median, baseline median, median of the
    per-pair ratios): load that comes and goes on a shared machine hits both sides alike."""
    ours(), baseline()  # warm-up
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        ours()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        baseline()
        b.append(time.perf_counter() - start)
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)
