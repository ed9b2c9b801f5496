"""Command palette entries: go to a step, switch view, details, theme, motion, export."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from flowviz.tui.text import one_line

if TYPE_CHECKING:
    from flowviz.tui.app import FlowvizApp


class WalkthroughCommands(Provider):
    """Everything the walkthrough can do, searchable by name."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: FlowvizApp = self.app  # type: ignore[assignment]
        scenario = app.scenario
        commands: list[tuple[str, Callable[[], object], str]] = []
        for stop in scenario.stops:
            commands.append((f"Go to {stop.label}: {one_line(stop.title)}",
                             partial(app.go_to, stop.index), "Jump to this stop"))
        for view in scenario.views.values():
            commands.append((f"Switch view: {one_line(view.title)}",
                             partial(app.switch_view, view.id), one_line(view.description)))
        for service in scenario.services.values():
            commands.append((f"Service details: {one_line(service.label)}",
                             partial(app.open_service_details, service.id),
                             one_line(service.role)))
        commands.append(("Toggle dark / light theme", app.action_toggle_theme,
                         "Switch between the dark and the light theme"))
        commands.append(("Toggle motion (reduced motion)", app.action_toggle_motion,
                         "Animate messages along their links, or not"))
        commands.append(("Export this step", app.action_export,
                         "Save the current step as SVG (key e)"))
        commands.append(("Export all steps", app.action_export_all,
                         "Save every step as HTML, with an index.html player"))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
