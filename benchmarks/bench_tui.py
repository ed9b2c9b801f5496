"""Walkthrough performance figures: first frame, key → frame, peak memory.

Run: ``python benchmarks/bench_tui.py [SCENARIO] [--runs N]``. Prints figures; it is
not a test. Each app runs in a pseudo-terminal of the given size, as in a user's
terminal (:mod:`terminal_run`), and every figure is set beside a minimal Textual
app (a header, one line of text, a footer) started the same way in the same run:

* first full frame — from spawning a fresh interpreter to the first frame with
  the diagram drawn written to the terminal (120×36 and 80×24, with an empty and
  with a warm cache), median of N runs, as a ratio (goal ≤ 1.2×; the best run
  of each is printed too, as it moves less with other load), and where
  flowviz's own time goes: importing (the command line, the app and Textual),
  loading the scenario, and the first paint (from ``app.run()`` to that frame,
  of which laying the diagram out, in a thread);
* key press → new frame at 120×36 and 160×45 — from → or ← written to the
  terminal to the frame of the new stop written back, median and p90 over many
  presses at a reader's pace, animation off (goal median ≤ 16 ms, p90 ≤ 25 ms);
* peak memory — ``ru_maxrss`` of each child at its first frame (goal ≤ 1.5×).

The "empty cache" runs give each start a new empty cache folder (``XDG_CACHE_HOME``),
as on a first run or after the scenario changed; "warm" share one folder that an
earlier run filled, as on every later start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from terminal_run import REPO, first_frame, key_latencies

PYCACHE = tempfile.mkdtemp(prefix="flowviz-bench-pycache-")
"""Bytecode of both children, written by the warm-up runs (not into the repository)."""


def environment(cache: str | None) -> dict[str, str]:
    """The children's environment; ``cache``: the cache folder (None: a new empty one)."""
    folder = cache or tempfile.mkdtemp(prefix="flowviz-bench-cache-")
    env = dict(os.environ, FLOWVIZ_NO_ANIMATION="1", PYTHONPATH=str(REPO),
               XDG_CACHE_HOME=folder, PYTHONPYCACHEPREFIX=PYCACHE)
    # Both apps start from bytecode, as an installed one does (pip compiles it, and
    # an editable install writes it on the first run): with PYTHONDONTWRITEBYTECODE
    # set in the caller's shell flowviz was compiled from source at every start
    # (~80 ms) while Textual, compiled by pip, was not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(REPO / "steps" / "openstack-vm-launch"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    from flowviz.scenario.loader import load_scenario

    stops = len(load_scenario(args.scenario).stops)
    warm = tempfile.mkdtemp(prefix="flowviz-bench-warm-")
    for size in ((120, 36), (80, 24)):  # warm the file cache, the .pyc files and `warm`
        first_frame("minimal", args.scenario, size, environment(warm))
        first_frame("flowviz", args.scenario, size, environment(warm))
    print(f"scenario: {args.scenario}  ({args.runs} runs each, in a pseudo-terminal)")
    for size in ((120, 36), (80, 24)):
        for label, cache in (("empty cache", None), ("warm cache", warm)):
            runs: dict[str, list[dict[str, object]]] = {"minimal": [], "flowviz": []}
            for _ in range(args.runs):
                for kind in ("minimal", "flowviz"):  # interleaved: drift hits both alike
                    runs[kind].append(first_frame(kind, args.scenario, size, environment(cache)))

            def median(kind: str, key: str, runs: dict[str, list[dict[str, object]]] = runs
                       ) -> float:
                return statistics.median(float(r[key]) for r in runs[kind])  # type: ignore[arg-type]

            fm, ff = median("minimal", "seconds"), median("flowviz", "seconds")
            bm = min(float(r["seconds"]) for r in runs["minimal"])  # type: ignore[arg-type]
            bf = min(float(r["seconds"]) for r in runs["flowviz"])  # type: ignore[arg-type]
            phases = [r["phases"] for r in runs["flowviz"]]
            where = "  ".join(f"{label} {ms(statistics.median(p[name] for p in phases))}"
                              for name, label in (("import", "import"), ("load", "load"),
                                                  ("app", "first paint"),
                                                  ("layout", "of which layout")))  # type: ignore[index]
            print(f"{size[0]}×{size[1]} {label:<11}  first full frame  minimal {ms(fm)}  "
                  f"flowviz {ms(ff)}  ratio {ff / fm:.2f}× (goal ≤ 1.20×)  "
                  f"| best of each: {ms(bm)} vs {ms(bf)}, {bf / bm:.2f}×")
            print(f"{'':<20}  flowviz's time: {where}  (first paint: from app.run() to that"
                  " frame; the layout runs in a thread meanwhile, 0 when the start cache has it)")
            cm, cf = median("minimal", "cpu"), median("flowviz", "cpu")
            print(f"{'':<20}  CPU (user+sys)    minimal {ms(cm)}  flowviz {ms(cf)}  "
                  f"ratio {cf / cm:.2f}× (to that frame; less sensitive to other load)")
            rm, rf = median("minimal", "rss") / 1024, median("flowviz", "rss") / 1024
            print(f"{'':<20}  peak memory       minimal {rm:6.1f} MiB  flowviz {rf:6.1f} MiB  "
                  f"ratio {rf / rm:.2f}× (goal ≤ 1.50×)")
    for size in ((120, 36), (160, 45)):
        times = key_latencies(args.scenario, size, environment(warm), args.presses, stops)
        latencies = sorted(t * 1000 for t in times)
        p90 = latencies[max(0, int(len(latencies) * 0.9) - 1)]
        print(f"{size[0]}×{size[1]} key → new frame  median {statistics.median(latencies):5.1f} ms"
              f"  p90 {p90:5.1f} ms  max {latencies[-1]:5.1f} ms  over {len(latencies)} presses"
              "  (goal median ≤ 16 ms, p90 ≤ 25 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
