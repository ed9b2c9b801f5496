"""Textual's Footer, without the keys it leaves behind.

The Footer rebuilds its keys whenever the screen's bindings change (every time
a screen such as the step list opens or closes), and each new key binds the
Footer's ``compact`` reactive (``data_bind``). Textual forgets the watchers of
closed widgets only when the watched value changes, which ``compact`` never
does: every rebuild kept the old keys alive, a dozen widgets each, and memory
rose with every ``s`` Escape (issue 12's soak: about 2 MB per 1,000 keys).
After each rebuild this Footer drops the watchers of keys already closed.
Textual 8.2 keeps them in the private ``__watchers`` attribute; if that changes,
nothing is dropped and nothing breaks.
"""

from __future__ import annotations

from textual.widgets import Footer

WATCHERS = "__watchers"
"""Where Textual keeps the watchers of a node's reactives (textual/reactive.py)."""


class SteadyFooter(Footer):
    """A Footer whose rebuilds leave no closed keys behind."""

    async def recompose(self) -> None:
        await super().recompose()
        drop_closed_watchers(self)


def drop_closed_watchers(node: object) -> None:
    """Forget the watchers of ``node``'s reactives that belong to closed widgets."""
    watchers = getattr(node, WATCHERS, None)
    if not isinstance(watchers, dict):
        return
    for name, entries in watchers.items():
        if isinstance(entries, list):
            watchers[name] = [entry for entry in entries
                              if not getattr(entry[0], "_closing", False)]
