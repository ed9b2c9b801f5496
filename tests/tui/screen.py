"""What a learner sees: the walkthrough's whole screen as text, read from the compositor."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot


def screen_text(app: App[object]) -> list[str]:
    """Every row of the terminal as the app last composed it (plain text)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the diagram on screen is the one for the view's size: a resize
    reaches the diagram's widget a refresh after the app's, and its layout then runs
    in a worker (bounded: a few seconds on a loaded machine)."""
    from flowviz.tui.widgets.diagram_view import DiagramView

    view = pilot.app.query_one(DiagramView)
    for _ in range(200):
        await pilot.pause()
        if view.ready:
            return
        await pilot.app.workers.wait_for_complete()
    raise AssertionError(
        f"the diagram was not laid out for {view.size}: pending {view.layout_pending}, "
        f"wanted {view._wanted}, built for {view._built_for}, "
        f"diagram {view.diagram is not None}, stored frame {view._start is not None}")
