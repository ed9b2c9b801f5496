"""Pilot tests: ``y`` toggles the walkthrough's diagram to the step's sequence diagram,
with the neighbouring stops' messages dimmed around the step's own where they fit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from flowviz.diagram.sequence import HEADER_ROWS
from flowviz.diagram.sequence_checks import sequence_violations
from flowviz.diagram.sequence_paint import sequence_frame
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import FlowvizApp
from flowviz.tui.widgets.diagram_view import DiagramView
from tests.tui.screen import screen_text

AppFactory = Callable[..., FlowvizApp]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_y_toggles_the_sequence_view_and_back(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(DiagramView)
        topology = view.frame.plain() if view.frame else ""
        await pilot.press("y")
        await settle(pilot)
        assert view.sequence
        assert view.frame is not None
        stop = app.scenario.stops[app.stop_index]
        expected = sequence_frame(app.scenario, stop, view.size.width, view.size.height,
                                  color=view.color, neighbours=True)
        assert view.frame.plain() == expected.plain()
        assert (view.frame.width, view.frame.height) == (view.size.width, view.size.height)
        assert "①" in view.frame.plain()
        # The next step is drawn as a sequence too, from the cache key that has the flag.
        await pilot.press("right")
        await settle(pilot)
        stop = app.scenario.stops[app.stop_index]
        assert view.frame.plain() == sequence_frame(
            app.scenario, stop, view.size.width, view.size.height, neighbours=True).plain()
        await pilot.press("left", "y")
        await settle(pilot)
        assert not view.sequence
        assert view.frame is not None and view.frame.plain() == topology


async def test_sequence_view_follows_a_resize(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        view = app.query_one(DiagramView)
        assert view.frame is not None
        assert (view.frame.width, view.frame.height) == (view.size.width, view.size.height)


async def test_z_opens_the_quiz_at_the_current_step_and_a_missed_step_is_one_key_away(
        make_app: AppFactory) -> None:
    from flowviz.tui.quiz import QuizScreen

    app = make_app(step="4")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first = screen.run.questions[0]
        assert first.stop_index == app.stop_index
        for question in screen.run.questions:
            await pilot.press(str((question.answer + 1) % len(question.choices) + 1), "enter")
        assert screen.run.score == 0
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuizScreen)
        assert app.stop_index == first.stop_index


# -- the neighbours' messages, for context ---------------------------------------------


@pytest.fixture(scope="module")
def openstack() -> Scenario:
    return load_scenario("openstack-vm-launch")


def diagram_rows(app: FlowvizApp) -> list[str]:
    """The rows of the screen the diagram takes, as the learner sees them."""
    region = app.query_one(DiagramView).region
    return [row[region.x:region.right] for row in screen_text(app)[region.y:region.bottom]]


def dividers(rows: list[str]) -> list[str]:
    """The divider rows below the lifelines' header (a neighbour's ┈┈, the stop's ──)."""
    return [row.strip() for row in rows[HEADER_ROWS:] if row.startswith(("┈┈ ", "── "))]


def assert_hard_rules(app: FlowvizApp) -> None:
    view = app.query_one(DiagramView)
    stop = app.scenario.stops[app.stop_index]
    width, height = view.size.width, view.size.height
    assert sequence_violations(app.scenario, stop, width, height, color=view.color,
                               neighbours=True) == []
    drawn = sequence_frame(app.scenario, stop, width, height, color=view.color,
                           neighbours=True)
    assert diagram_rows(app) == [line.plain for line in drawn.lines]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_middle_stop_shows_its_neighbours_dimmed_around_it(
        make_app: AppFactory, openstack: Scenario, size: tuple[int, int]) -> None:
    app = make_app(scenario=openstack, step="6")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.scenario.stops[app.stop_index].label == "Step 6a"
        rows = diagram_rows(app)
        above, current, below = dividers(rows)
        assert above.startswith("┈┈ 5") and "Process API request" in above
        assert current.startswith("── 6a: Publish provisioning request to queue")
        assert below.startswith("┈┈ 6b: Pick up provisioning request")
        # The neighbours' messages carry no numbers; the stop's own have theirs.
        start, end = (next(i for i, row in enumerate(rows) if row.strip() == text)
                      for text in (current, below))
        assert not any("①" in row for row in rows[:start])
        assert "╌" in rows[end + 2] and "①" not in rows[end + 1]  # the next's first, faint
        own = "\n".join(rows[start:end])
        assert "①" in own and "②" in own and "╌" not in own
        assert "INSERT INTO instances" in "\n".join(rows[:start])
        assert "deliver run_instance" in "\n".join(rows[end:])
        assert_hard_rules(app)


async def test_the_first_and_last_stops_have_no_phantom_neighbour(
        make_app: AppFactory, openstack: Scenario) -> None:
    app = make_app(scenario=openstack)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.stop_index == 0
        assert [d[:5] for d in dividers(diagram_rows(app))] == ["┈┈ 1:"]
        assert_hard_rules(app)
        # At 80 columns the last stop's five lifelines leave no room for step 15's.
        await pilot.resize_terminal(120, 36)
        await pilot.press("end")
        await settle(pilot)
        assert app.stop_index == len(openstack.stops) - 1
        found = dividers(diagram_rows(app))
        assert len(found) == 2 and found[0].startswith("┈┈ 15")
        assert found[1].startswith("── Final state")
        assert_hard_rules(app)


async def test_on_a_short_canvas_the_stop_keeps_every_message(
        make_app: AppFactory, openstack: Scenario) -> None:
    app = make_app(scenario=openstack, step="6")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        # Ten rows: the stop's two messages, then the previous stop's last one only.
        await pilot.resize_terminal(100, 14)
        await settle(pilot)
        rows = diagram_rows(app)
        assert len(rows) == 10
        assert [d[:18] for d in dividers(rows)] == ["┈┈ 5 (last 1 of 3)", "── 6a: Publish pro"]
        text = "\n".join(rows)
        assert "①" in text and "②" in text and "▷" in text and "▶" in text
        assert_hard_rules(app)
        # Eight rows: the stop's own fill them; no neighbour at all.
        await pilot.resize_terminal(80, 12)
        await settle(pilot)
        rows = diagram_rows(app)
        assert len(rows) == 8 and dividers(rows) == []
        text = "\n".join(rows)
        assert "①" in text and "②" in text and "more message" not in text
        assert_hard_rules(app)
