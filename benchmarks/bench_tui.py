"""Walkthrough performance figures: first frame, key → frame, peak memory.

Run: ``python benchmarks/bench_tui.py [SCENARIO] [--runs N]``. Prints figures; it is
not a test. Every measurement compares flowviz with a minimal Textual app
(a header, one line of text, a footer) started the same way in the same run:

* first full frame — from spawning a fresh interpreter to the first frame with
  the diagram drawn (headless, 120×36 and 80×24, with an empty and with a warm
  cache), median of N runs, as a ratio (goal ≤ 1.2×), and where flowviz's own
  time goes (importing the app, loading the scenario, laying it out; the rest
  is Python, Textual and the first paint);
* key press → new frame at 120×36 and 160×45 — median and p90 over many presses
  of → / ← with animation off (goal median ≤ 16 ms, p90 ≤ 25 ms);
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
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (120, 36)
PYCACHE = tempfile.mkdtemp(prefix="flowviz-bench-pycache-")
"""Bytecode of both children, written by the warm-up runs (not into the repository)."""

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
    t0 = time.monotonic()
    from flowviz.tui.app import create_app
    from flowviz.tui.widgets.diagram_view import DiagramView
    t1 = time.monotonic()
    from flowviz.scenario.loader import load_scenario
    loaded = load_scenario(scenario)
    t2 = time.monotonic()
    app = create_app(loaded, animate=False)
    def ready() -> bool:
        return app.query_one(DiagramView).frame is not None
    import flowviz.diagram.engine as engine
    real_build = engine._build
    spent = [0.0]
    def timed_build(*a, **k):
        start = time.monotonic()
        try:
            return real_build(*a, **k)
        finally:
            spent[0] += time.monotonic() - start
    engine._build = timed_build

async def pilot_run(pilot):
    while not ready():
        await pilot.pause()
    await pilot.pause()  # the frame with the diagram has been composed
    phases = {}
    if kind != "minimal":
        phases = {"import": t1 - t0, "load": t2 - t1, "layout": spent[0]}
    print(json.dumps({"t": time.monotonic(), "phases": phases,
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
    app.exit()

width, height = int(sys.argv[3]), int(sys.argv[4])
app.run(headless=True, size=(width, height), auto_pilot=pilot_run)
'''


def child(kind: str, scenario: str, size: tuple[int, int] = SIZE,
          cache: str | None = None) -> tuple[float, float, int, dict[str, float]]:
    """Seconds from spawn to first full frame, CPU seconds (user + sys) of the whole
    child, peak RSS in KiB, and (flowviz) seconds spent importing, loading the
    scenario and laying it out, of one fresh process.
    ``cache``: the cache folder (None: a new empty one each run).

    CPU time is less sensitive than wall time to other load on a shared machine;
    it covers the child's whole life (its exit too), so it is a companion figure,
    not the goal's."""
    import resource


    folder = cache or tempfile.mkdtemp(prefix="flowviz-bench-cache-")
    env = dict(os.environ, FLOWVIZ_NO_ANIMATION="1", PYTHONPATH=str(REPO),
               XDG_CACHE_HOME=folder, PYTHONPYCACHEPREFIX=PYCACHE)
    # Both apps start from bytecode, as an installed one does (pip compiles it, and
    # an editable install writes it on the first run): with PYTHONDONTWRITEBYTECODE
    # set in the caller's shell flowviz was compiled from source at every start
    # (~80 ms) while Textual, compiled by pip, was not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", CHILD, kind, scenario, *map(str, size)],
                         capture_output=True, text=True, env=env, check=True, cwd=REPO)
    line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
    data = json.loads(line)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return data["t"] - start, cpu, int(data["rss"]), data["phases"]


async def key_latency(scenario: str, presses: int,
                      size: tuple[int, int] = SIZE) -> list[float]:
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
    async with app.run_test(size=size) as pilot:
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
    parser.add_argument("scenario", nargs="?", default=str(REPO / "steps" / "openstack-vm-launch"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    warm = tempfile.mkdtemp(prefix="flowviz-bench-warm-")
    child("minimal", args.scenario)  # warm the file cache and .pyc files
    child("flowviz", args.scenario, cache=warm)
    print(f"scenario: {args.scenario}  ({args.runs} runs each, headless)")
    for size in ((120, 36), (80, 24)):
        for label, cache in (("empty cache", None), ("warm cache", warm)):
            first: dict[str, list[float]] = {"minimal": [], "flowviz": []}
            cpu: dict[str, list[float]] = {"minimal": [], "flowviz": []}
            rss: dict[str, list[int]] = {"minimal": [], "flowviz": []}
            phases: dict[str, list[float]] = {}
            for _ in range(args.runs):
                for kind in ("minimal", "flowviz"):  # interleaved: drift hits both alike
                    seconds, used, kib, spent = child(kind, args.scenario, size, cache)
                    first[kind].append(seconds)
                    cpu[kind].append(used)
                    rss[kind].append(kib)
                    for name, value in spent.items():
                        phases.setdefault(name, []).append(value)
            fm, ff = statistics.median(first["minimal"]), statistics.median(first["flowviz"])
            rm, rf = statistics.median(rss["minimal"]), statistics.median(rss["flowviz"])
            where = "  ".join(f"{name} {statistics.median(v) * 1000:5.1f} ms"
                              for name, v in phases.items())
            print(f"{size[0]}×{size[1]} {label:<11} first full frame  minimal {fm * 1000:6.1f} ms"
                  f"  flowviz {ff * 1000:6.1f} ms  ratio {ff / fm:.2f}× (goal ≤ 1.20×)"
                  f"  | flowviz's own: {where}")
            cm, cf = statistics.median(cpu["minimal"]), statistics.median(cpu["flowviz"])
            print(f"{'':<20} CPU (user+sys)   minimal {cm * 1000:6.1f} ms  flowviz {cf * 1000:6.1f}"
                  f" ms  ratio {cf / cm:.2f}× (whole process, less sensitive to load)")
            print(f"{'':<20} peak memory  minimal {rm / 1024:6.1f} MiB  flowviz {rf / 1024:6.1f}"
                  f" MiB  ratio {rf / rm:.2f}× (goal ≤ 1.50×)")
    for size in ((120, 36), (160, 45)):
        latencies = asyncio.run(key_latency(args.scenario, args.presses, size))
        ms = sorted(t * 1000 for t in latencies)
        p90 = ms[int(len(ms) * 0.9) - 1]
        print(f"{size[0]}×{size[1]} key → new frame  median {statistics.median(ms):5.1f} ms  "
              f"p90 {p90:5.1f} ms  max {ms[-1]:5.1f} ms  over {len(ms)} presses  "
              f"(goal median ≤ 16 ms, p90 ≤ 25 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
