"""The 10,000-key soak of issue 12, outside the test suite: memory per 1,000 keys.

Run: ``python benchmarks/soak_keys.py [SCENARIO] [--keys N]``. Drives the
walkthrough (animation off) with Pilot through the key mix of
``tests/tui/soak.py`` and prints, per 1,000 keys, the time taken, the memory
Python holds (tracemalloc) and the process's peak RSS; then presses End and q
and says whether the app answered. It prints figures; it is not a test
(``tests/tui/test_tui_soak.py`` is the bounded one).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "tui"))

from soak import burst, key_mix  # noqa: E402

from flowviz.scenario.loader import load_scenario  # noqa: E402
from flowviz.tui.app import create_app  # noqa: E402

BATCH = 50
"""Keys per ``pilot.press`` call."""


def _mb(n: float) -> str:
    return f"{n / 1e6:7.2f} MB"


async def soak(scenario_id: str, keys: int) -> None:
    """Drive ``keys`` presses through the app and print the figures."""
    app = create_app(load_scenario(scenario_id), animate=False)
    tracemalloc.start()
    start = time.monotonic()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        batch: list[str] = []
        done = 0
        mark = time.monotonic()
        first: int | None = None

        async def flush() -> None:
            if batch:
                burst(app, batch)
                batch.clear()
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()

        for item in key_mix(keys):
            if isinstance(item, tuple):
                await flush()
                await pilot.resize_terminal(*item)
                continue
            batch.append(item)
            done += 1
            if len(batch) == BATCH:
                await flush()
            if done % 1000 == 0:
                await flush()
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
                gc.collect()
                current, _ = tracemalloc.get_traced_memory()
                first = current if first is None else first
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
                print(f"{done:6d} keys  {time.monotonic() - mark:5.1f} s  traced {_mb(current)}"
                      f"  (+{_mb(current - first)} since 1,000)  peak RSS {_mb(rss)}",
                      flush=True)
                mark = time.monotonic()
        await flush()
        while len(app.screen_stack) > 1:
            await pilot.press("escape")
        await pilot.press("end")
        last = app.stop_index == len(app.scenario.stops) - 1
        await pilot.press("q")
    print(f"End answered: {last}; q answered: {not app.is_running};"
          f" {time.monotonic() - start:.1f} s in all;"
          f" tracemalloc peak {_mb(tracemalloc.get_traced_memory()[1])}")


def main() -> None:
    """Parse the arguments and run the soak."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="openstack-vm-launch")
    parser.add_argument("--keys", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(soak(args.scenario, args.keys))


if __name__ == "__main__":
    main()
