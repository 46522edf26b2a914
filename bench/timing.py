"""Timing helpers shared by the benchmarks: medians and ratios, never absolute verdicts.

The machines are shared and noisy, so every benchmark measures a baseline in the same run
and reports ``ours / baseline``.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Paired:
    """Alternated runs of ours and a baseline: medians and the median per-pair ratio.

    CPU time (``process_time``) is the verdict: on a shared two-core machine another
    process steals wall time from one side of a pair but not CPU time.
    """

    ours_wall: float
    base_wall: float
    ours_cpu: float
    base_cpu: float
    cpu_ratio: float
    wall_ratio: float


def paired_seconds(
    ours: Callable[[], Any],
    baseline: Callable[[], Any],
    repeat: int = 5,
    before_ours: Callable[[], Any] | None = None,
) -> Paired:
    """Alternate the two runs (after one warm-up each) and time both clocks.

    ``before_ours`` runs untimed before each run of ours: what the user does before the
    action (placing the cursor), not the action itself.
    """
    prepare = before_ours or (lambda: None)
    prepare(), ours(), baseline()
    walls: tuple[list[float], list[float]] = ([], [])
    cpus: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for side, fn in enumerate((ours, baseline)):
            if side == 0:
                prepare()
            gc.collect()  # neither side pays for the other's garbage
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            cpus[side].append(time.process_time() - cpu)
            walls[side].append(time.perf_counter() - wall)
    median = statistics.median
    return Paired(
        ours_wall=median(walls[0]),
        base_wall=median(walls[1]),
        ours_cpu=median(cpus[0]),
        base_cpu=median(cpus[1]),
        cpu_ratio=median(a / b for a, b in zip(cpus[0], cpus[1], strict=True)),
        wall_ratio=median(a / b for a, b in zip(walls[0], walls[1], strict=True)),
    )


def report_paired(
    title: str, timing: Paired, baseline_name: str, target: float | None = None
) -> str:
    """One line: CPU medians, the paired CPU ratio (the verdict) and the wall ratio."""
    ratio = timing.cpu_ratio
    verdict = ""
    if target is not None:
        verdict = "  OK" if ratio <= target else f"  OVER TARGET ({target}x)"
    line = (
        f"{title}: {timing.ours_cpu * 1000:.0f} ms CPU vs {baseline_name} "
        f"{timing.base_cpu * 1000:.0f} ms = {ratio:.2f}x{verdict} "
        f"(wall {timing.wall_ratio:.2f}x)"
    )
    print(line)
    return line
