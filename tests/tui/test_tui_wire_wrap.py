"""The side panel's wire text wraps at punctuation, never inside a ``{placeholder}``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot

from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.widgets.side_panel import SidePanel, wire_text
from flowviz.tui.wrapping import PunctuationWrap, wrap_lines
from tests.tui.screen import screen_text, settle

CUT_PLACEHOLDER = re.compile(r"\{[A-Za-z_]*$|^\s*[A-Za-z_]*\}")
"""A line ending inside ``{image_id}``, or one starting with the rest of it."""


def rendered(text: Text, width: int) -> list[str]:
    console = Console(width=width, record=True, file=None, color_system=None,
                      force_terminal=False, legacy_windows=False)
    with console.capture():
        console.print(PunctuationWrap(text))
    return console.export_text().rstrip("\n").split("\n")


@pytest.mark.parametrize("width", [24, 28, 31, 38])
def test_openstack_wire_text_never_breaks_inside_a_placeholder(width: int) -> None:
    scenario = load_scenario(None)
    for stop in scenario.stops:
        lines = rendered(wire_text(scenario, stop, color=False), width)
        assert all(cell_len(line) <= width for line in lines)
        cut = [line for line in lines if CUT_PLACEHOLDER.search(line.rstrip())]
        assert not cut, (stop.label, cut)


def test_wrap_keeps_the_indent_and_every_character() -> None:
    text = Text("  POST /v2.1/{project_id}/servers?image={image_id}&flavor={flavor_id}")
    lines = wrap_lines(text, 20)
    assert [line.plain for line in lines] == [
        "  POST /v2.1/",
        "  {project_id}/",
        "  servers?image=",
        "  {image_id}&flavor=",
        "  {flavor_id}",
    ]
    # A token wider than the line is cut, as a last resort.
    assert [line.plain for line in wrap_lines(Text("abcdefghij"), 4)] == ["abcd", "efgh", "ij"]


async def test_the_panel_shows_the_wire_wrapped_at_punctuation() -> None:
    """On screen, each wrapped line of the wire text is a row of the side panel."""
    scenario = load_scenario(None)
    stop = next(s for s in scenario.stops if "{image_id}" in str(s.messages))
    app = create_app(scenario, step=stop.label.split()[-1], animate=False)
    pilot: Pilot[Any]
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        panel = app.query_one(SidePanel)
        lines = wrap_lines(wire_text(scenario, app.stop), panel._text_width())
        assert "{image_id}" in "\n".join(line.plain for line in lines)
        region = panel.content_region
        rows = [row[region.x:region.right].rstrip()
                for row in screen_text(app)[region.y:region.bottom]]
        shown = [line.plain.rstrip() for line in lines]
        start = rows.index(shown[0])
        assert rows[start:start + len(shown)] == shown
