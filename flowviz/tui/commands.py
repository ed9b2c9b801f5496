"""The command palette: every key's action, every stop, view and service, by name.

The provider asks the app for its entries through :class:`PaletteSource`, so it
needs no import of the app (which imports it). Every name and help text comes
from the scenario or the bindings and is shown as plain text, never as markup:
a step title such as ``GET /v2/[project_id]`` must read as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from flowviz.tui.palette import PaletteEntry, PaletteSource


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
