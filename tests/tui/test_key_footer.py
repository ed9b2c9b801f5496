"""The footer of keys: what it shows on screen, and a click on a key presses it."""

from __future__ import annotations

import pytest

from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.screens.step_list import StepListScreen
from flowviz.tui.widgets.key_footer import KeyFooter
from tests.tui.screen import screen_text, settle


@pytest.mark.parametrize("width", [80, 120])
async def test_footer_shows_whole_keys_only(width: int) -> None:
    app = create_app(load_scenario(None), animate=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        row = screen_text(app)[-1]
        assert row.startswith(" → Next  ← Previous")
        shown = [hint.description for _, _, hint in app.query_one(KeyFooter)._spans]
        assert "Next" in shown and len(shown) >= 4
        for description in shown:  # every key drawn is drawn whole
            assert f" {description}" in row
        if width == 120:
            assert row.rstrip().endswith("^p palette")


async def test_click_on_a_key_presses_it() -> None:
    app = create_app(load_scenario(None), animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        row = screen_text(app)[-1]
        await pilot.click(KeyFooter, offset=(row.index("Next"), 0))
        await pilot.pause()
        assert app.stop_index == 1
        await pilot.click(KeyFooter, offset=(row.index("Steps"), 0))
        await pilot.pause()
        assert isinstance(app.screen, StepListScreen)


async def test_footer_follows_the_bindings() -> None:
    """With the step list open the walkthrough's step keys go from the footer, and come back."""
    app = create_app(load_scenario(None), animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = screen_text(app)[-1]
        await pilot.press("s")
        await pilot.pause()
        assert screen_text(app)[-1] != before  # the step list's keys, not the walkthrough's
        await pilot.press("escape")
        await pilot.pause()
        assert screen_text(app)[-1] == before
