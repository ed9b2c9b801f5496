"""The presenter's screen driven *by* a presenter: ``flowviz present --follow``.

A second screen, or what ``flowviz serve --follow`` shows in a browser: it
listens on the sync channel as a notes terminal does and mirrors whatever the
presenter shows, read-only. A scenario the presenter names is checked and
loaded off the UI thread (:mod:`flowviz.presenting.loading`), so keys (``q``)
always answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Static

from flowviz.errors import ScenarioError
from flowviz.presenting.loading import Loader, load_in_background
from flowviz.presenting.sync import (
    PresenterState,
)
from flowviz.scenario.model import Scenario
from flowviz.tui.listening import (
    HELLO_SECONDS,
    WATCH_SECONDS,
    PresenterLeft,
    StateReceived,
    hello,
    listen,
    lost,
)
from flowviz.tui.present import PresenterApp
from flowviz.tui.present_keys import MOVING_ACTIONS
from flowviz.tui.talk import Clock
from flowviz.tui.text import one_line


class FollowerApp(PresenterApp):
    """The presenter's screen, mirroring a presenter of ``session`` (read-only).

    For a second screen, or a browser through ``flowviz serve --follow``: it
    listens as a notes terminal does, says hello until it hears a presenter,
    and loads whatever scenario the presenter shows. Its keys only change what
    this screen shows (narration, timer, theme); they never move the talk.
    """

    waiting: reactive[bool] = reactive(True, init=False, repaint=False)
    """True until a presenter is heard, and again when it falls silent."""

    def __init__(self, scenario: Scenario, *, session: str, sync_folder: Path | None = None,
                 loader: Callable[[str], Scenario] | None = None, animate: bool = True,
                 clock: Clock = time.time, watch_seconds: float = WATCH_SECONDS) -> None:
        super().__init__(scenario, session=session, sync_folder=sync_folder, animate=animate,
                         clock=clock)
        self.loader: Loader | None = loader
        """Loads the presenter's scenario when it is not the one shown (None: checked load)."""
        self.watch_seconds = watch_seconds
        self.last_heard: float | None = None
        self.latest: PresenterState | None = None
        """The presenter's last state (applied once its scenario is loaded)."""
        self.wanted: str | None = None
        """The scenario reference last asked for (loaded, loading or refused)."""

    def compose(self) -> ComposeResult:
        yield Static(id="waiting")
        yield from super().compose()

    def after_mount(self) -> None:
        self.set_interval(HELLO_SECONDS, self._hello_if_waiting)
        self.set_interval(self.watch_seconds, self._watch)
        self._show_waiting()

    def start_sync(self) -> None:
        assert self.session is not None
        self.endpoint = listen(self, self.session, self.sync_folder,
                               failure="Cannot follow a presenter")

    def publish(self) -> None:
        """A follower publishes nothing."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MOVING_ACTIONS or action == "reset_clock":
            return False
        return super().check_action(action, parameters)

    @on(PresenterLeft)
    def _presenter_left(self) -> None:
        self.last_heard = None
        self.waiting = True

    @on(StateReceived)
    def _mirror(self, event: StateReceived) -> None:
        state = event.state
        self.last_heard = self.clock()
        self.waiting = False
        self.latest = state
        if state.scenario == self.reference:
            self._apply(state)
        elif state.scenario != self.wanted:
            # Loaded in a worker: this handler returns at once, so keys keep working.
            self.wanted = state.scenario
            self.run_worker(self._switch_to(state.scenario), group="load", exclusive=True,
                            exit_on_error=False)

    async def _switch_to(self, reference: str) -> None:
        """Load the presenter's scenario off the UI thread, then show it."""
        try:
            scenario = await load_in_background(reference, self.loader)
        except (ScenarioError, OSError, ValueError) as exc:
            self.notify(f"Cannot load the presenter's scenario: {exc}", severity="error",
                        markup=False)
            return
        if reference != self.wanted:
            return  # the presenter moved on to another scenario meanwhile
        self.scenario = scenario
        self.reference = reference
        self.title = one_line(scenario.meta.title)
        self._mounted = False
        await self.recompose()
        latest = self.latest
        stop = latest.stop if latest is not None and latest.scenario == reference else 0
        self.set_reactive(PresenterApp.stop_index, self.validate_stop_index(stop))
        self.on_mount_again()
        if latest is not None and latest.scenario == reference:
            self._apply(latest)

    def _apply(self, state: PresenterState) -> None:
        self.started = state.started
        self.stop_index = self.validate_stop_index(state.stop)
        self.blanked = state.blanked
        self.quiz = state.quiz
        self._show_elapsed()

    def on_mount_again(self) -> None:
        """Show the freshly composed screen (after the presenter changed scenario)."""
        self._mounted = True
        self._fit_stage()
        self.query_one("#elapsed").display = self.show_timer
        self.query_one("#blank").display = False
        self._show_stop()
        self._show_waiting()

    def _watch(self) -> None:
        """Timer: a presenter silent for a while is gone (no key press needed to see it)."""
        if lost(self.last_heard, self.clock()):
            self.waiting = True

    def _hello_if_waiting(self) -> None:
        self._watch()
        if self.waiting:
            hello(self.endpoint)

    def watch_waiting(self) -> None:
        self._show_waiting()

    def _show_waiting(self) -> None:
        if not self.showing:
            return
        banner = self.query_one("#waiting", Static)
        banner.update(Text(f"Waiting for a presenter in session {self.session}…"))
        banner.display = self.waiting
