"""The command palette's entries: every key's action, every stop, view and service.

Built without Textual's palette machinery (:mod:`flowviz.tui.commands` holds the
provider, imported only when the palette opens), so the first paint needs none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import NamedTuple, Protocol

from textual.binding import Binding, BindingType

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
