"""The command palette: every key's action, every stop, view and service, by name.

The provider asks the app for its entries through :class:`PaletteSource`, so it
needs no import of the app (which imports it). Every name and help text comes
from the scenario or the bindings and is shown as plain text, never as markup:
a step title such as ``GET /v2/[project_id]`` must read as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import NamedTuple, Protocol, cast

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from flowviz.scenario.model import Scenario
from flowviz.tui.text import one_line


class PaletteEntry(NamedTuple):
    """One command: its name, what it runs, and a line of help."""

    name: str
    callback: Callable[[], object]
    help: str


class PaletteSource(Protocol):
    """What an app offers the palette."""

    def palette_entries(self) -> list[PaletteEntry]:
        """Every command, in the order to list them."""
        ...


def scenario_entries(scenario: Scenario, go_to: Callable[[int], object],
                     switch_view: Callable[[str], object],
                     open_details: Callable[[str], object]) -> list[PaletteEntry]:
    """Go to each stop, switch to each view, open each service's details."""
    entries = [PaletteEntry(f"Go to {stop.label}: {one_line(stop.title)}",
                            partial(go_to, stop.index), "Jump to this stop")
               for stop in scenario.stops]
    entries += [PaletteEntry(f"Switch view: {one_line(view.title)}",
                             partial(switch_view, view.id), one_line(view.description))
                for view in scenario.views.values()]
    entries += [PaletteEntry(f"Service details: {one_line(service.label)}",
                             partial(open_details, service.id), one_line(service.role))
                for service in scenario.services.values()]
    return entries


def binding_entries(bindings: Iterable[BindingType], run_action: Callable[[str], object], *,
                    skip: tuple[str, ...] = (),
                    extra: Mapping[str, PaletteEntry | Sequence[PaletteEntry]] | None = None,
                    ) -> list[PaletteEntry]:
    """One entry per binding's action (named by its tooltip), in binding order; actions
    starting with one of ``skip`` are left out, and ``extra[action]`` (an entry or a
    list of them) follows its action."""
    entries: list[PaletteEntry] = []
    seen: set[str] = set()
    for binding in bindings:
        if (not isinstance(binding, Binding) or binding.action in seen
                or binding.action.startswith(skip)):
            continue
        seen.add(binding.action)
        keys = binding.key_display or binding.key.split(",")[0]
        entries.append(PaletteEntry(binding.tooltip or binding.description,
                                    partial(run_action, binding.action), f"key {keys}"))
        if extra and binding.action in extra:
            more = extra[binding.action]
            entries += [more] if isinstance(more, PaletteEntry) else list(more)
    return entries


def export_entries(export_all: Callable[[], object],
                   set_folder: Callable[[], object]) -> list[PaletteEntry]:
    """The exports with no key of their own: every step at once, and where files go."""
    return [PaletteEntry("Export all steps", export_all,
                         "Save every step as HTML, with an index.html player"),
            PaletteEntry("Set export folder…", set_folder,
                         "Choose the folder e and Export all steps save into")]


class WalkthroughCommands(Provider):
    """Everything the app can do, searchable by name."""

    def _entries(self) -> list[PaletteEntry]:
        return cast(PaletteSource, self.app).palette_entries()

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(Content(entry.name), entry.callback, text=entry.name,
                               help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(entry.name)
            if score > 0:
                yield Hit(score, _highlight(matcher.fuzzy_search.match(query, entry.name)[1],
                                            entry.name, matcher.match_style),
                          entry.callback, text=entry.name, help=escape(entry.help))


def _highlight(offsets: Sequence[int], name: str, style: Style) -> Content:
    """``name`` as plain text with the matched characters styled (Textual's own
    ``Matcher.highlight`` would parse the name as markup)."""
    content = Content(name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content
