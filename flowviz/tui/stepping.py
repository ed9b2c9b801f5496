"""Where the walkthrough stands, and the keys that move it: the base of the app.

:class:`SteppingApp` owns the current stop (:attr:`~SteppingApp.stop_index`, a
reactive), the view drawn, the step number being typed (``6`` ``b`` Enter: step 6b) and
autoplay. It draws nothing: :class:`flowviz.tui.app.FlowvizApp` builds the
screen on it and says what a change shows (its ``watch_*`` methods and
:meth:`~SteppingApp.status_changed`).
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.timer import Timer

from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.live_reload import WatchedApp
from flowviz.tui.navigation import find_stop

PLAY_SPEEDS: tuple[float, ...] = (10.0, 6.0, 4.0, 2.5, 1.5, 1.0)
"""Seconds per stop while autoplaying, slowest first; + and - move along it."""
DEFAULT_PLAY_SPEED = 2

MAX_TYPED = 4
"""Longest step number a learner can type ('12b')."""


class SteppingApp(WatchedApp):
    """A scenario, the stop it stands at, and the actions that move it."""

    stop_index: reactive[int] = reactive(0, init=False, repaint=False)
    """Where the walkthrough stands: an index into ``scenario.stops``."""
    typed: reactive[str] = reactive("", init=False, repaint=False)
    """A step number being typed, waiting for Enter."""
    playing: reactive[bool] = reactive(False, init=False, repaint=False)
    """True while autoplay moves on by itself."""
    view_id: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The view being drawn (None: the engine's default)."""

    def __init__(self, scenario: Scenario, *, start: int = 0, view: str | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.play_speed = DEFAULT_PLAY_SPEED
        """An index into :data:`PLAY_SPEEDS`."""
        self._play_timer: Timer | None = None
        self.set_reactive(SteppingApp.stop_index, self.validate_stop_index(start))
        views = list(scenario.views)
        self.set_reactive(SteppingApp.view_id, view if view is not None else
                          (views[0] if views else None))

    @property
    def stop(self) -> Stop:
        """The stop the walkthrough stands at."""
        return self.scenario.stops[self.stop_index]

    def validate_stop_index(self, index: int) -> int:
        return max(0, min(index, len(self.scenario.stops) - 1))

    def go_to(self, index: int) -> None:
        """Stand at stop ``index`` (clamped to the scenario)."""
        self.stop_index = index

    def status_changed(self) -> None:
        """The typed number or the play state changed (the header says them)."""

    def watch_typed(self) -> None:
        self.status_changed()

    def watch_playing(self, playing: bool) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None
        if playing:
            self._play_timer = self.set_interval(PLAY_SPEEDS[self.play_speed], self._play_tick)
        self.status_changed()

    # -- moving ----------------------------------------------------------------------

    def action_next(self) -> None:
        """Go to the next stop."""
        self.stop_index += 1

    def action_previous(self) -> None:
        """Go back one stop."""
        self.stop_index -= 1

    def action_first(self) -> None:
        self.stop_index = 0

    def action_last(self) -> None:
        self.stop_index = len(self.scenario.stops) - 1

    # -- a typed step number ---------------------------------------------------------

    def action_type_digit(self, digit: str) -> None:
        """Add a digit to the step number being typed."""
        if len(self.typed) < MAX_TYPED:
            self.typed += digit

    def action_type_phase(self, letter: str) -> None:
        """Add a phase letter to the typed number ('6' then 'b': step 6b)."""
        if len(self.typed) < MAX_TYPED:
            self.typed += letter

    def action_jump(self) -> None:
        """Go to the typed step, if there is one."""
        typed, self.typed = self.typed, ""
        index = find_stop(self.scenario, typed)
        if index is None:
            self.notify(f"No step {typed} in this scenario.", severity="warning", markup=False)
        else:
            self.go_to(index)

    def action_clear_typed(self) -> None:
        self.typed = ""

    # -- autoplay --------------------------------------------------------------------

    def action_toggle_play(self) -> None:
        """Start or pause autoplay."""
        if not self.playing and self.stop_index == len(self.scenario.stops) - 1:
            self.stop_index = 0  # playing from the end starts over
        self.playing = not self.playing

    def _play_tick(self) -> None:
        if self.stop_index >= len(self.scenario.stops) - 1:
            self.playing = False
        else:
            self.stop_index += 1

    def _set_speed(self, speed: int) -> None:
        self.play_speed = max(0, min(speed, len(PLAY_SPEEDS) - 1))
        if self.playing:
            self.watch_playing(True)  # restart the timer at the new pace
        self.notify(f"Autoplay: {PLAY_SPEEDS[self.play_speed]:g} s per step", timeout=2)

    def action_faster(self) -> None:
        self._set_speed(self.play_speed + 1)

    def action_slower(self) -> None:
        self._set_speed(self.play_speed - 1)
