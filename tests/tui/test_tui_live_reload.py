"""``--watch``: the walkthrough and the presenter reload an edited scenario in place.

The apps are built with ``interval=None`` (no poll timer) and the test calls
``live_reload.check()`` by hand after rewriting a file, so nothing waits on a clock.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.live_reload import PROBLEMS_TITLE, LiveReload
from flowviz.tui.present import PresenterApp
from flowviz.tui.widgets.header import StepHeader

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "steps" / "web-request"
STEP_2 = """  - number: 2
    title: The proxy forwards the request
"""
STEP_2_IN_TWO_PHASES = STEP_2 + """    notes: Two slides now.
    phases:
      - label: a
        title: The proxy reads the [bold]request[/bold]
        narration: nginx reads the request.
        services: [proxy, app]
        messages:
          - {from: proxy, to: app, type: http, wire: "GET /orders"}
      - label: b
        title: The proxy passes it on
        narration: nginx passes it on.
        services: [proxy, app]
        messages:
          - {from: proxy, to: app, type: http, wire: "GET /orders"}
"""


def copy_example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE_DIR, tmp_path / "web")
    return tmp_path / "web" / "scenario.yaml"


def phased(text: str) -> str:
    """``text`` with step 2 drawn as phases 2a and 2b: every later stop moves one on."""
    start, end = text.index(STEP_2), text.index("  - number: 3\n")
    return text[:start] + STEP_2_IN_TWO_PHASES + text[end:]


async def reload_now(pilot: Pilot[Any], live: LiveReload) -> None:
    """Run one check to its end: the worker, the swap it hands the app, the layout."""
    worker = live.check()
    assert worker is not None
    await worker.wait()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def problems_shown(app: App[int]) -> list[str]:
    return [n.message for n in app._notifications if n.title == PROBLEMS_TITLE]


async def test_walkthrough_reloads_at_the_same_step_and_keeps_the_last_good_one(
        tmp_path: Path) -> None:
    file = copy_example(tmp_path)
    text = file.read_text()
    app = create_app(load_scenario(file.parent), step="3", animate=False)
    live = app.enable_live_reload(file.parent, interval=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("right")  # the learner moved on: step 4, the 5th stop
        assert (app.stop.label, app.stop_index) == ("Step 4", 4)

        # Step 2 becomes 2a and 2b: step 4 is now the 6th stop, and still on screen.
        file.write_text(phased(text))
        await reload_now(pilot, live)
        assert (app.stop.label, app.stop_index) == ("Step 4", 5)
        assert "Step 4" in str(app.query_one(StepHeader).render())
        await pilot.press("left", "left", "left")
        assert app.stop.label == "Step 2a"
        assert app.stop.title == "The proxy reads the [bold]request[/bold]"  # data, not markup

        # A broken edit: the last good scenario stays, the problems say where.
        good = app.scenario
        file.write_text(text.replace("steps:", "steps: [", 1))
        await reload_now(pilot, live)
        assert app.scenario is good and app.stop.label == "Step 2a"
        [shown] = problems_shown(app)
        assert shown.startswith(f"{file}:") and shown.split(":")[1].isdigit()
        assert not any(n.markup for n in app._notifications)

        # Fixed: reloaded (2a is gone: its step, 2, is shown), the problems are gone.
        file.write_text(text)
        await reload_now(pilot, live)
        assert app.scenario is not good and app.stop.label == "Step 2"
        assert problems_shown(app) == []


async def test_presenter_reloads_at_the_same_step(tmp_path: Path) -> None:
    file = copy_example(tmp_path)
    app = PresenterApp(load_scenario(file.parent), start=4, animate=False)
    live = app.enable_live_reload(file.parent, interval=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("b")  # blanked: stays blanked across the reload
        assert app.stop.label == "Step 4"
        file.write_text(phased(file.read_text()))
        await reload_now(pilot, live)
        assert (app.stop.label, app.stop_index) == ("Step 4", 5)
        assert app.blanked and not app.query_one("#stage").display
        await pilot.press("b", "left", "left", "left")
        assert app.stop.title == "The proxy reads the [bold]request[/bold]"
