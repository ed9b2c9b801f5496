"""A start with empty caches gets a head start: a child process checks the scenario and
draws the first frame while Textual is imported. What it stores must be exactly what
the walkthrough itself would show, on scenarios it has never seen, or the app would
show a wrong picture (or none) for a moment."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from flowviz.commands import head_start
from flowviz.diagram import start_cache
from flowviz.errors import ScenarioError
from flowviz.scenario.loader import from_cache, load_scenario, read_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import FlowvizApp, create_app
from flowviz.tui.arrangement import arrange
from flowviz.tui.first_frame import first_frame
from flowviz.tui.widgets.diagram_view import DiagramView
from tests.generated import write_scenario
from tests.tui.screen import settle

SIZES = [(80, 24), (100, 30), (120, 36), (160, 45)]


def hint_shown(app: FlowvizApp) -> bool:
    return bool(app.query_one("#small-hint").display)


async def check_predictions(scenario: Scenario, sizes: list[tuple[int, int]]) -> int:
    """At each size: the canvas the arrangement predicts is the diagram view's, and the
    frame worked out without the app is the one the app draws. Returns how many sizes
    had a frame to store."""
    app = create_app(scenario, animate=False)
    stored = 0
    async with app.run_test(size=sizes[0]) as pilot:
        for width, height in sizes:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            view = app.query_one(DiagramView)
            fit = arrange(scenario, app.view_id, width, height)
            predicted = first_frame(scenario, app.view_id, app.stop_index, width, height,
                                    color=view.color, fit=fit)
            if not hint_shown(app):
                assert fit.diagram_canvas(width, height) == tuple(view.size), (width, height)
            if predicted is None:
                continue
            stored += 1
            assert not hint_shown(app), (width, height)
            assert predicted.canvas == tuple(view.size)
            assert view.frame is not None and view.ready
            assert predicted.frame.width == view.frame.width
            assert len(predicted.frame.lines) == len(view.frame.lines)
            for mine, shown in zip(predicted.frame.lines, view.frame.lines, strict=True):
                assert start_cache._same(mine, shown), (width, height, shown.plain)
    return stored


async def test_the_bundled_scenario_is_predicted_at_the_usual_sizes() -> None:
    scenario = load_scenario("openstack-vm-launch")
    assert await check_predictions(scenario, SIZES) == len(SIZES)


@pytest.mark.parametrize(("seed", "hosts", "services"), [(3, 2, 10), (11, 5, 22), (29, 8, 40)])
async def test_scenarios_never_seen_are_predicted_or_left_to_the_app(
        tmp_path: Path, seed: int, hosts: int, services: int) -> None:
    scenario = write_scenario(tmp_path, seed, hosts=hosts, services=services)
    await check_predictions(scenario, [(80, 24), (120, 36)])


def test_the_walkthroughs_slot_is_the_diagram_views() -> None:
    view = DiagramView(load_scenario("openstack-vm-launch"))
    assert view._start_slot() == start_cache.WALKTHROUGH_SLOT


HEAD_START = """
import json, shutil, sys
from flowviz.commands import head_start
from flowviz.errors import ScenarioError
head_start._forkable = lambda: True  # as in a terminal (the tests run without one)
shutil.get_terminal_size = lambda: (120, 36)
args = head_start.argparse.Namespace(scenario=sys.argv[1], view=None, step=None)
start = head_start.begin(args)
forked = start.child is not None
try:
    start.scenario()
    problems = None
except ScenarioError as exc:
    problems = [str(p) for p in exc.problems]
print(json.dumps({"forked": forked, "problems": problems}))
"""


def start_in_a_new_process(scenario: Path) -> dict[str, object]:
    """``flowviz walk``'s start up to the app, in a process of its own as the command
    runs it (forking here would copy the test runner's threads, and their locks)."""
    done = subprocess.run([sys.executable, "-c", HEAD_START, str(scenario)], check=True,
                          capture_output=True, text=True, timeout=60)
    result: dict[str, object] = json.loads(done.stdout)
    return result


async def test_an_empty_cache_start_is_prepared_once_then_drawn_at_once(
        tmp_path: Path, held_layouts: threading.Event) -> None:
    folder = tmp_path / "own"
    write_scenario(folder, 5, hosts=4, services=14)
    clear_cache()
    assert start_in_a_new_process(folder) == {"forked": True, "problems": None}
    scenario = from_cache(read_scenario(folder))
    assert scenario is not None  # the child's check, kept
    key = start_cache.start_key(scenario, next(iter(scenario.views), None), 120, 36)
    assert key is not None and start_cache.complete(key, start_cache.WALKTHROUGH_SLOT)
    # Warm: nothing to prepare, no fork.
    assert start_in_a_new_process(folder) == {"forked": False, "problems": None}

    app = create_app(scenario, animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(DiagramView)
        await pilot.pause()
        shown = view.frame
        assert isinstance(shown, start_cache.CachedFrame)  # the child's, before any layout
        held_layouts.set()
        await settle(pilot)
        assert view.ready and view.frame is not shown
        assert [line.plain for line in view.frame.lines] == [
            line.plain for line in shown.lines]


def test_a_scenario_with_errors_reports_them_as_a_load_does(
        tmp_path: Path, example_text: str) -> None:
    broken = tmp_path / "scenario.yaml"
    broken.write_text(example_text.replace("host: web", "host: nowhere", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as loaded:
        load_scenario(broken)
    assert start_in_a_new_process(broken) == {
        "forked": True, "problems": [str(p) for p in loaded.value.problems]}


def clear_cache() -> None:
    folder = start_cache.cache_files.folder("start")
    assert folder is not None
    shutil.rmtree(folder.parent, ignore_errors=True)
    start_cache.forget()


def test_without_a_terminal_nothing_is_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(head_start.os, "fork", lambda: pytest.fail("forked"))
    args = argparse.Namespace(scenario="openstack-vm-launch", view=None, step=None)
    start = head_start.begin(args)  # stdout is not a tty here
    assert start.child is None
    assert start.scenario().meta.id == "openstack-vm-launch"
