"""The talk: where a presentation stands, and the channel notes terminals follow.

:class:`TalkApp` is the presenter's base. It owns the current stop
(:attr:`~TalkApp.stop_index`), whether the room's screen is blanked and the
talk's clock, publishes them over :mod:`flowviz.presenting.sync` (at once on a
change, :meth:`TalkApp.publish`; the presenter also every second), answers a
notes terminal's hello, obeys its commands, and keeps its place in a small
file (:mod:`flowviz.presenting.resume`) so a restarted presenter resumes.
:class:`flowviz.tui.present.PresenterApp` builds the stage on it.

One presenter per session: a second one refuses to start (its socket name is
held by a live process). Time is injectable (``clock``) so tests never wait on
a wall clock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.message import Message
from textual.reactive import reactive

from flowviz.presenting.presenter import format_elapsed, scenario_reference
from flowviz.presenting.resume import (
    SAVE_EVERY_SECONDS,
    Place,
    forget_place,
    load_place,
    save_place,
)
from flowviz.presenting.room_quiz import RoomQuiz, backward, forward
from flowviz.presenting.sync import (
    Command,
    PresenterState,
    SessionBusyError,
    SyncEndpoint,
    SyncMessage,
    valid_reference,
)
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.commands import SteadyPalette
from flowviz.tui.live_reload import WatchedApp
from flowviz.tui.navigation import position_label
from flowviz.tui.text import one_line

Clock = Callable[[], float]


class TalkApp(WatchedApp):
    """A scenario presented stop by stop, followed by notes terminals of ``session``."""

    stop_index: reactive[int] = reactive(0, init=False, repaint=False)
    """Where the talk stands: an index into ``scenario.stops``."""
    blanked: reactive[bool] = reactive(False, init=False, repaint=False)
    """True while the screen is blanked (the audience sees nothing)."""
    quiz: reactive[RoomQuiz | None] = reactive(None, init=False, repaint=False)
    """The quiz for the room, when on: *next* asks, then reveals (``z``)."""

    class CommandReceived(Message):
        """A notes terminal asked the presenter to move (or said hello)."""

        def __init__(self, command: Command) -> None:
            super().__init__()
            self.command = command

    def __init__(self, scenario: Scenario, *, start: int | None = None,
                 session: str | None = None, sync_folder: Path | None = None,
                 resume: bool = True, clock: Clock = time.time) -> None:
        super().__init__()
        self.scenario = scenario
        self.title = one_line(scenario.meta.title)
        self.reference = scenario_reference(scenario)
        """How notes terminals load this scenario (a bundled id or a path)."""
        self.session = session
        """The sync session published to; None publishes nothing."""
        self.sync_folder = sync_folder
        self.clock = clock
        self.started = clock()
        """When the talk's clock started (``clock()`` time)."""
        self.start_given = start is not None
        """True when the stop to start at was asked (``--step``): it wins over a saved place."""
        self.resume = resume
        """Whether a saved place of this session is resumed (``--fresh``: no, it is forgotten)."""
        self.endpoint: SyncEndpoint | None = None
        self._saved: tuple[int, float] | None = None
        """The stop and start time last saved, and when (to save again only when needed)."""
        self._saved_at = 0.0
        self.set_reactive(TalkApp.stop_index, self.validate_stop_index(start or 0))

    def start_sync(self) -> None:
        """Bind this side's socket and listen (the presenter publishes at once)."""
        if self.session is None:
            return
        try:
            self.endpoint = SyncEndpoint("presenter", self.session, self._received,
                                         folder=self.sync_folder)
        except SessionBusyError as exc:
            # Two presenters would make the notes flap between them: the first one keeps
            # the session (``flowviz present`` checks this before starting, too).
            self.exit(1, return_code=1, message=Text(f"flowviz: error: {exc}"))
            return
        except OSError as exc:
            self.notify(f"Notes terminals cannot follow: {exc}", severity="warning",
                        markup=False)
            return
        if not valid_reference(self.reference):
            self.notify("Notes terminals cannot follow: the scenario's path is too long.",
                        severity="warning", markup=False)
        self._resume()
        self.endpoint.attach(asyncio.get_running_loop())
        self.publish()

    def _resume(self) -> None:
        """Carry on where this session's presenter stood, if it stood in this scenario."""
        assert self.endpoint is not None and self.session is not None
        folder = self.endpoint.folder
        if not self.resume:
            forget_place(folder, self.session)
            return
        place = load_place(folder, self.session, now=self.clock())
        if place is None or place.scenario != self.reference:
            return
        if place.stop >= len(self.scenario.stops):
            return  # the scenario changed under the saved place: start afresh
        self.started = place.started
        if not self.start_given:
            self.stop_index = place.stop
        self._show_elapsed()
        where = position_label(self.scenario, self.stop)
        self.notify(f"Resumed at {where}, {format_elapsed(self.elapsed)} in "
                    "(Home: the start, r: restart the clock, --fresh: start over).",
                    markup=False, timeout=4)

    def save_place(self, *, force: bool = False) -> None:
        """Write where the talk stands, when it changed or every few seconds."""
        if self.endpoint is None or self.endpoint.role != "presenter" or self.session is None:
            return
        now = self.clock()
        current = (self.stop_index, self.started)
        if not force and current == self._saved and now - self._saved_at < SAVE_EVERY_SECONDS:
            return
        place = Place(self.reference, self.stop_index, self.started, now)
        if save_place(self.endpoint.folder, self.session, place):
            self._saved, self._saved_at = current, now

    def on_unmount(self) -> None:
        if self.endpoint is not None:
            if self.endpoint.role == "presenter":  # a follower's endpoint only listens
                self.save_place(force=True)
                self.endpoint.farewell()
            self.endpoint.close()
            self.endpoint = None

    # -- state -----------------------------------------------------------------------

    @property
    def stop(self) -> Stop:
        """The stop the talk stands at."""
        return self.scenario.stops[self.stop_index]

    @property
    def elapsed(self) -> float:
        """Seconds since the clock started."""
        return self.clock() - self.started

    def validate_stop_index(self, index: int) -> int:
        return max(0, min(index, len(self.scenario.stops) - 1))

    def go_to(self, index: int) -> None:
        """Stand at stop ``index`` (clamped to the scenario); a question on screen goes."""
        self._drop_question()
        self.stop_index = self.validate_stop_index(index)

    def step_forward(self) -> None:
        """*Next*: the next stop, or during a quiz its question first, then the answer."""
        if self.quiz is None:
            self.stop_index = self.validate_stop_index(self.stop_index + 1)
            return
        self.quiz, index = forward(self.quiz, self.scenario, self.stop_index)
        self.stop_index = index

    def step_back(self) -> None:
        """*Previous*: back one stop, or during a quiz take back an unrevealed question."""
        if self.quiz is None:
            self.stop_index = self.validate_stop_index(self.stop_index - 1)
            return
        self.quiz, index = backward(self.quiz, self.stop_index)
        self.stop_index = index

    def _drop_question(self) -> None:
        if self.quiz is not None:
            self.quiz = RoomQuiz(self.quiz.seed)

    def state(self) -> PresenterState:
        """What notes terminals are told."""
        return PresenterState(stop=self.stop_index, started=self.started,
                              scenario=self.reference, blanked=self.blanked, quiz=self.quiz)

    def publish(self) -> None:
        """Tell every notes terminal of the session where we are (and keep the place)."""
        if self.endpoint is not None:
            self.endpoint.publish(self.state())
            self.save_place()

    def _show_elapsed(self) -> None:
        """Show the elapsed time (the stage has a place for it)."""

    # -- what notes terminals ask ----------------------------------------------------

    def _received(self, message: SyncMessage) -> None:
        if isinstance(message, Command):
            self.post_message(self.CommandReceived(message))

    @on(CommandReceived)
    def _obey(self, event: CommandReceived) -> None:
        command = event.command
        if command.action == "hello":
            self.publish()
        elif command.action == "next":
            self.step_forward()
        elif command.action == "previous":
            self.step_back()
        elif command.action == "first":
            self.go_to(0)
        elif command.action == "last":
            self.go_to(len(self.scenario.stops) - 1)
        elif command.action == "goto" and command.stop is not None:
            self.go_to(command.stop)
        elif command.action == "blank":
            self.blanked = not self.blanked

    def action_command_palette(self) -> None:
        """Open the palette (Textual's, made steady under fast keys: SteadyPalette)."""
        if self.use_command_palette and not isinstance(self.screen, SteadyPalette):
            self.push_screen(SteadyPalette(id="--command-palette"))
