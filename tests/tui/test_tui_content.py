"""The panel shows scenario text literally; --step parsing; the pure panel builders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from flowviz.errors import UserError
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import FlowvizApp, create_app
from flowviz.tui.navigation import find_stop, position_label, resolve_step
from flowviz.tui.text import data_text, visible
from flowviz.tui.widgets.header import StepHeader
from flowviz.tui.widgets.side_panel import SidePanel, services_text, state_text, wire_text
from tests.tui.screen import screen_text


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages run and the diagram's layout worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()

HOSTILE = "[bold]not bold[/bold] \x1b[2J and [link=http://x]y[/link]"


def test_visible_replaces_control_characters() -> None:
    assert visible("a\x1b[2Jb") == "a␛[2Jb"
    assert data_text("[bold]x[/bold]").plain == "[bold]x[/bold]"
    assert not data_text("[bold]x[/bold]").spans


@pytest.fixture
def hostile(example_text: str, write_scenario: Callable[[str], Path]) -> Scenario:
    """The example with markup and an escape sequence in a narration and a wire line."""
    text = example_text.replace(
        "The browser opens a connection to the web server and sends a GET",
        '"[bold]not bold[/bold] \\e[2J and [link=http://x]y[/link]"',
        1,
    ).replace('wire: "GET /orders HTTP/1.1"', 'wire: "[red]GET[/red] \\e[2J"', 1)
    # The replaced narration was a folded block; keep YAML valid by making it one line.
    text = text.replace(
        '      "[bold]not bold[/bold] \\e[2J and [link=http://x]y[/link]"\n'
        "      request for the page. nginx receives it first.\n",
        '      "[bold]not bold[/bold] \\e[2J and [link=http://x]y[/link]"\n',
    )
    text = text.replace(
        "narration: >-\n      \"[bold]", "narration:\n      \"[bold]"
    )
    return load_scenario(write_scenario(text))


async def test_markup_and_escapes_show_literally(hostile: Scenario) -> None:
    stop = hostile.stop_for_step(1)
    assert stop.narration == HOSTILE
    app = create_app(hostile, step="1", animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        panel = app.query_one(SidePanel)
        narration = panel.sections["narration"]
        assert str(narration) == "[bold]not bold[/bold] ␛[2J and [link=http://x]y[/link]"
        assert not narration.spans  # no markup was interpreted
        assert "[bold]not bold[/bold]" in "\n".join(screen_text(app))
        wire = panel.sections["wire"].plain
        assert "[red]GET[/red] ␛[2J" in wire
        assert "\x1b" not in wire


def test_wire_text_lists_each_message(example: Scenario) -> None:
    stop = example.stop_for_step(4)
    plain = wire_text(example, stop).plain
    assert "QUEUE  App server → Job queue" in plain
    assert "enqueue send_receipt(order=42)" in plain
    assert plain.count("HTTP/1.1 200 OK") == 2
    assert "Nothing on the wire" in wire_text(example, example.stops[0]).plain


def test_new_services_are_marked(example: Scenario) -> None:
    stop = example.stop_for_step(4)
    plain = services_text(example, stop).plain
    assert "Job queue (new)" in plain
    assert "App server (new)" not in plain


def test_state_marks_changed_fields(example: Scenario) -> None:
    # The web example has no state; an empty state says so.
    assert "Nothing yet" in state_text(example, example.stops[0]).plain


def test_find_stop(example: Scenario) -> None:
    last = len(example.stops) - 1
    assert find_stop(example, "initial") == 0
    assert find_stop(example, "final") == last
    assert find_stop(example, "3") == example.stop_for_step(3).index
    assert find_stop(example, "42") is None
    assert position_label(example, example.stop_for_step(3)) == "Step 3 of 5"
    assert position_label(example, example.stops[0]) == "Initial state"


def test_bad_step_and_view_are_user_errors(example: Scenario) -> None:
    with pytest.raises(UserError, match="no such step"):
        resolve_step(example, "99")
    with pytest.raises(UserError, match="no such view"):
        create_app(example, view="nope")


async def test_header_shows_title_and_position(example: Scenario) -> None:
    app: FlowvizApp = create_app(example, step="final", animate=False)
    async with app.run_test(size=(120, 36)):
        header = str(app.query_one(StepHeader).render())
        assert "How a web page is served" in header
        assert "Final state" in header
