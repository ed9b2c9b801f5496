"""Walkthrough performance figures: first frame, key → frame, peak memory.

Run: ``python benchmarks/bench_tui.py [SCENARIO] [--runs N]``. Prints figures; it is
not a test. Every measurement compares flowviz with a minimal Textual app
(a header, one line of text, a footer) started the same way in the same run:

* first full frame — from spawning a fresh interpreter to the first frame with
  the diagram drawn (headless, 120×36), median of N runs, as a ratio (goal ≤ 1.2×);
* key press → new frame at 120×36 — median over many presses of → / ← with
  animation off (goal ≤ 16 ms);
* peak memory — ``ru_maxrss`` of each child after its first frame (goal ≤ 1.5×).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (120, 36)

CHILD = r'''
import sys, time, resource, json, asyncio
kind, scenario = sys.argv[1], sys.argv[2]
if kind == "minimal":
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    app = Minimal()
    def ready() -> bool:
        return True
else:
    from flowviz.scenario.loader import load_scenario
    from flowviz.tui.app import create_app
    from flowviz.tui.widgets.diagram_view import DiagramView
    app = create_app(load_scenario(scenario), animate=False)
    def ready() -> bool:
        return app.query_one(DiagramView).frame is not None

async def pilot_run(pilot):
    while not ready():
        await pilot.pause()
    await pilot.pause()  # the frame with the diagram has been composed
    print(json.dumps({"t": time.monotonic(),
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
    app.exit()

app.run(headless=True, size=(120, 36), auto_pilot=pilot_run)
'''


def child(kind: str, scenario: str) -> tuple[float, int]:
    """Seconds from spawn to first full frame, and peak RSS in KiB, of one fresh process."""
    env = dict(os.environ, FLOWVIZ_NO_ANIMATION="1", PYTHONPATH=str(REPO))
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", CHILD, kind, scenario], capture_output=True,
                         text=True, env=env, check=True, cwd=REPO)
    line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
    data = json.loads(line)
    return data["t"] - start, int(data["rss"])


async def key_latency(scenario: str, presses: int) -> list[float]:
    """Seconds from a key event reaching the app to the next frame being composed.

    The key goes through the real binding dispatch (a posted ``Key`` event); the
    frame is done when ``call_after_refresh`` fires, i.e. after the screen has
    been composed with the new stop. Pilot's own settling sleeps are left out.
    """
    from textual import events

    from flowviz.scenario.loader import load_scenario
    from flowviz.tui.app import create_app
    from flowviz.tui.widgets.diagram_view import DiagramView

    app = create_app(load_scenario(scenario), animate=False)
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        while app.query_one(DiagramView).frame is None:
            await pilot.pause()
        await pilot.pause()
        last = len(app.scenario.stops) - 1
        key = "right"
        for _ in range(presses):
            if app.stop_index == last:
                key = "left"
            elif app.stop_index == 0:
                key = "right"
            drawn = asyncio.Event()
            before = app.stop_index
            start = time.perf_counter()
            app.post_message(events.Key(key, None))
            deadline = time.perf_counter() + 5
            while app.stop_index == before and time.perf_counter() < deadline:
                await asyncio.sleep(0)
            app.screen.call_after_refresh(drawn.set)
            await drawn.wait()
            times.append(time.perf_counter() - start)
            # A learner presses keys at human pace (≥ 0.1 s apart); the view uses
            # that pause to get the neighbouring stops ready.
            await asyncio.sleep(0.1)
            await pilot.pause()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(REPO / "steps" / "web-request"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()

    first: dict[str, list[float]] = {"minimal": [], "flowviz": []}
    rss: dict[str, list[int]] = {"minimal": [], "flowviz": []}
    child("minimal", args.scenario)  # warm the file cache and .pyc files
    child("flowviz", args.scenario)
    for _ in range(args.runs):
        for kind in ("minimal", "flowviz"):  # interleaved, so drift hits both alike
            seconds, kib = child(kind, args.scenario)
            first[kind].append(seconds)
            rss[kind].append(kib)
    fm, ff = statistics.median(first["minimal"]), statistics.median(first["flowviz"])
    rm, rf = statistics.median(rss["minimal"]), statistics.median(rss["flowviz"])
    print(f"scenario: {args.scenario}  ({args.runs} runs each, headless {SIZE[0]}×{SIZE[1]})")
    print(f"first full frame   minimal {fm * 1000:7.1f} ms   flowviz {ff * 1000:7.1f} ms   "
          f"ratio {ff / fm:.2f}×  (goal ≤ 1.20×)")
    print(f"peak memory (RSS)  minimal {rm / 1024:7.1f} MiB  flowviz {rf / 1024:7.1f} MiB  "
          f"ratio {rf / rm:.2f}×  (goal ≤ 1.50×)")

    latencies = asyncio.run(key_latency(args.scenario, args.presses))
    ms = sorted(t * 1000 for t in latencies)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(f"key → new frame    median {statistics.median(ms):5.1f} ms   p90 {p90:5.1f} ms   "
          f"max {ms[-1]:5.1f} ms  over {len(ms)} presses  (goal median ≤ 16 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
