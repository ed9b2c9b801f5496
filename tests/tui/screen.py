"""What a learner sees: the walkthrough's whole screen as text, read from the compositor."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App[object]) -> list[str]:
    """Every row of the terminal as the app last composed it (plain text)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
