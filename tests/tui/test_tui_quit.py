"""Quitting never waits for a layout (issue 12: q waited 135 s for the layout thread).

Each test holds the layout on an event that is only set when the test is over, so
a layout that quitting waited for would hang the test, not slow it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flowviz.tui import engine
from flowviz.tui.app import FlowvizApp
from flowviz.tui.widgets.diagram_view import DiagramView

AppFactory = Callable[..., FlowvizApp]

REPO = Path(__file__).resolve().parents[2]


class HeldLayout:
    """Stands in for the engine's layout: it blocks until :attr:`release` is set, then
    fails (its result is never wanted: the app has quit by then)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, *args: Any) -> Any:
        self.threads.append(threading.current_thread())
        self.entered.set()
        self.release.wait()
        raise RuntimeError("the held layout was never meant to finish")


@pytest.fixture
def held_layout(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldLayout]:
    held = HeldLayout()
    monkeypatch.setattr(engine, "build", held)
    yield held
    held.release.set()


async def test_q_quits_while_a_layout_runs(make_app: AppFactory,
                                           held_layout: HeldLayout) -> None:
    app = make_app()
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(1000):  # a bound, should the layout ever start elsewhere
                if held_layout.entered.is_set():
                    break
                await pilot.pause()
            assert held_layout.entered.is_set()
            assert app.query_one(DiagramView).layout_pending
            await pilot.press("q")
        # run_test has returned: the app is gone and the layout still runs. Neither
        # asyncio.run's shutdown (it joins the loop's executor threads, where Textual's
        # thread workers run) nor the interpreter's exit (it joins every non-daemon
        # thread) may wait for it.
        assert not app.is_running
        (thread,) = held_layout.threads
        assert thread.is_alive()
        assert thread.daemon
    finally:
        # Here, not in the fixture: the test's event loop is closed (joining its
        # executor) before fixtures are torn down.
        held_layout.release.set()


QUIT_DURING_LAYOUT = """
import threading
from flowviz.scenario.loader import load_scenario
from flowviz.tui import engine
from flowviz.tui.app import create_app

entered = threading.Event()

def held(*args):
    entered.set()
    threading.Event().wait()  # a layout that never ends

engine.build = held

async def press_q(pilot):
    while not entered.is_set():
        await pilot.pause()
    await pilot.press("q")

app = create_app(load_scenario("web-request"), animate=False)
app.run(headless=True, size=(120, 36), auto_pilot=press_q)
print("exited")
"""


def test_the_process_ends_while_a_layout_runs() -> None:
    # The way the CLI runs the app (App.run, then the interpreter's exit). The
    # timeout only keeps a regression from hanging the suite.
    result = subprocess.run([sys.executable, "-c", QUIT_DURING_LAYOUT], capture_output=True,
                            text=True, cwd=REPO, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "exited"
