"""Export figures (a script that prints numbers, not a timed test).

    python benchmarks/bench_export.py [SCENARIO] [--size 120x36] [--runs 3]

Exports every stop of the scenario (default: the bundled OpenStack one) in one
process and prints, per format, the total time and the time per frame: the
first run (layout and routing included, as ``flowviz export`` pays it) and the
best of the warm runs (the engine's cache hit, as the walkthrough's ``e`` pays
it). The baseline in the same run is the plain-text export of the same frames,
and the bare cost of the engine's frames alone. Goal: SVG of every frame ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from flowviz.diagram import engine
from flowviz.export.formats import export_stops, render_stops
from flowviz.export.selection import parse_size
from flowviz.scenario.loader import load_scenario

GOAL_SECONDS = 1.5


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=None)
    parser.add_argument("--size", default="120x36")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    size = parse_size(args.size)
    scenario = load_scenario(args.scenario)
    stops = scenario.stops
    n = len(stops)
    print(f"{scenario.meta.title}: {n} frames at {size[0]}x{size[1]}, {args.runs} warm runs")

    engine._CACHE.clear()  # a cold start, like one `flowviz export` process
    build = timed(lambda: engine.build_diagram(scenario, None, *size))
    diagram = engine.build_diagram(scenario, None, *size)
    frames = min(timed(lambda: [diagram.frame(s) for s in stops]) for _ in range(args.runs))
    print(f"  layout + routing (once)      {build * 1000:8.1f} ms")
    print(f"  engine frames only           {frames * 1000:8.1f} ms  "
          f"{frames / n * 1000:6.2f} ms/frame")

    print(f"  {'format':8} {'cold total':>11} {'warm total':>11} {'per frame':>10} "
          f"{'bytes/frame':>12} {'vs txt':>7}")
    baseline = 0.0
    for fmt in ("txt", "ansi", "md", "svg", "html"):
        engine._CACHE.clear()
        with tempfile.TemporaryDirectory() as folder:
            cold = timed(partial(export_stops, scenario, stops, fmt, Path(folder), size=size))
        warm = min(
            timed(partial(render_stops, scenario, stops, fmt, size=size))
            for _ in range(args.runs)
        )
        size_bytes = sum(len(r.data) for r in render_stops(scenario, stops, fmt, size=size))
        if fmt == "txt":
            baseline = warm
        ratio = warm / baseline if baseline else 1.0
        print(f"  {fmt:8} {cold * 1000:9.1f}ms {warm * 1000:9.1f}ms {warm / n * 1000:8.2f}ms "
              f"{size_bytes // n:12d} {ratio:6.1f}x")
        if fmt == "svg":
            verdict = "within" if cold <= GOAL_SECONDS else "OVER"
            print(f"           svg, cold and written: {verdict} the {GOAL_SECONDS} s goal")


if __name__ == "__main__":
    main()
