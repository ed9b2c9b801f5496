"""The command palette: every key's action, every stop, view and service, by name.

The provider asks the app for its entries through :class:`PaletteSource`, so it
needs no import of the app (which imports it). Every name and help text comes
from the scenario or the bindings and is shown as plain text, never as markup:
a step title such as ``GET /v2/[project_id]`` must read as written.

:class:`SteadyPalette` is Textual's palette, steady under keys that arrive in one
burst (see its docstring for the two Textual 8.2 faults it works around).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.style import Style
from textual.widgets import Button, Input, OptionList

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


class SteadyPalette(CommandPalette):
    """Textual's command palette, made safe against keys that come faster than it.

    Two faults of Textual 8.2's palette, both found by a key soak (issue 12):

    - PgDn/PgUp before the list has been laid out (within a frame of Ctrl+P):
      ``OptionList._move_page`` looks the highlight up in a line map that is
      only filled once the list has a size (``KeyError``). Paging a list not
      yet on screen means nothing, so it is ignored until it is.
    - Enter Enter: the second Enter is queued for the palette's input before
      the first closes it, so the palette runs the command again and dismisses
      itself again, popping the screen below it (``ScreenStackError`` when that
      is the walkthrough). Once the palette has left the stack its selection
      handlers are skipped and its dismiss does nothing.
    """

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down") and \
                not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _ignore_once_closed(self, event: Message) -> None:
        if not self.is_active:
            event.prevent_default()  # keeps CommandPalette's own handlers from running

    def dismiss(self, result: None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete()  # already complete: nothing to wait for
        return super().dismiss(result)
