"""The bottom row of keys, drawn as one widget.

Textual's Footer makes a widget per key (and rebuilds them all whenever the
screen's bindings change, which it signals at every focus change and after
every action): styling those dozen widgets was a sixth of the walkthrough's
start-up, and each rebuild kept the old keys' watchers alive (issue 12's soak).
This footer shows the same thing — each shown binding's key and description,
disabled ones dimmed, the command palette's key at the right — as one line of
text, redrawn only when what it shows changes. A click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget


class Hint(NamedTuple):
    """One key as shown: what to press, what it does, whether it does anything now."""

    key: str
    shown: str
    description: str
    enabled: bool
    tooltip: str


class KeyFooter(Widget, can_focus=False):
    """The screen's keys, one line, docked at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key", "key-footer--description", "key-footer--hover"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints: tuple[tuple[Hint, ...], Hint | None] = ((), None)
        self._spans: list[tuple[int, int, Hint]] = []
        """(start x, end x, hint) of each key as last drawn."""
        self._hover: Hint | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        if self.is_attached and self.hints() != self._hints:
            self.refresh()

    def hints(self) -> tuple[tuple[Hint, ...], Hint | None]:
        """The keys to show, in order, and the command palette's (or None)."""
        app = self.app
        bindings = self.screen.active_bindings
        seen: set[str] = set()
        shown: list[Hint] = []
        for _, binding, enabled, tooltip in bindings.values():
            if not binding.show or binding.action in seen:
                continue  # one entry per action, as Textual's Footer shows them
            seen.add(binding.action)
            shown.append(Hint(binding.key, app.get_key_display(binding), binding.description,
                              enabled, tooltip or binding.tooltip or binding.description))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in bindings:
            _, binding, enabled, tooltip = bindings[app.COMMAND_PALETTE_BINDING]
            palette = Hint(binding.key, app.get_key_display(binding), binding.description,
                           enabled, tooltip or binding.tooltip or binding.description)
        return tuple(shown), palette

    def render(self) -> Text:
        self._hints = hints, palette = self.hints()
        width = self.size.width
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style("key-footer--description",
                                                          partial=True)
        hover_style = self.get_component_rich_style("key-footer--hover", partial=True)
        pieces = [(hint, f" {hint.shown} ", f"{hint.description} " if hint.description else "")
                  for hint in hints]
        tail = None
        if palette is not None:
            tail = (palette, f"{palette.shown} ", f"{palette.description} ")
        room = width - (len(tail[1]) + len(tail[2]) + 1 if tail else 0)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []

        def add(hint: Hint, key: str, description: str) -> None:
            start = text.cell_len
            extra = hover_style if hint == self._hover else None
            dim = "dim" if not hint.enabled else None
            text.append(key, key_style + extra if extra else key_style)
            text.append(description, description_style + extra if extra else description_style)
            if dim:
                text.stylize(dim, len(text) - len(key) - len(description))
            self._spans.append((start, text.cell_len, hint))

        for hint, key, description in pieces:
            # Whole keys only: one that would be cut at the edge is left out.
            if text.cell_len + cell_len(key + description) > room:
                break
            add(hint, key, description)
        if tail is not None and width - text.cell_len >= cell_len(tail[1] + tail[2]) + 1:
            text.append(" " * (width - text.cell_len - cell_len(tail[1] + tail[2]) - 1))
            text.append("▏", "dim")
            add(*tail)
        return text

    def _hint_at(self, x: int) -> Hint | None:
        return next((hint for start, end, hint in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hint = self._hint_at(event.x)
        if hint is None:
            return
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hint = self._hint_at(event.x)
        if hint != self._hover:
            self._hover = hint
            self.tooltip = hint.tooltip if hint is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
