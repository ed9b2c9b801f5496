"""A modal screen that closes once, however fast the keys come."""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class OnceModal(ModalScreen[ResultType]):
    """A modal screen whose second :meth:`dismiss` does nothing.

    Keys that arrive in one burst (Enter Enter) are all queued for the screen's
    widgets before the first one closes it, so its handlers can run again after
    it has left the stack. Textual's ``Screen.dismiss`` then pops whatever screen
    is on top: the walkthrough itself (``ScreenStackError``) or another modal.
    Its CSS (here, parsed when the first modal opens) centres the screen's body.
    """

    DEFAULT_CSS = """
    OnceModal {
        align: center middle;
    }
    OnceModal .modal-body {
        width: 80%;
        max-width: 90;
        height: 80%;
        background: $surface;
        border: round $accent;
        padding: 0 1;
    }
    """

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete()  # already complete: nothing to wait for
        return super().dismiss(result)
