"""The speaker-notes terminal: follows a presenter live, and moves it too.

Run in a second terminal on the teacher's laptop (``flowviz notes``). It says
hello to the presenter of its session until it hears the presenter's state,
then shows the current stop and its speaker notes, a preview of the next stop,
the elapsed time and the clock. Its keys send commands: the presenter moves
and publishes, and this screen follows that state — the presenter is the only
one who decides where the talk stands, so two notes terminals never disagree.

The scenario comes from the presenter's state (a bundled id or a path), so the
notes always show the presenter's talk, whatever this terminal was started with.
That name is data from a socket: it is checked as the command line checks a
path and loaded off the UI thread (:mod:`flowviz.presenting.loading`).

``b`` here never blanks the projector (the teacher's own screen is not the
audience's); ``B`` does, deliberately.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from flowviz.errors import ScenarioError
from flowviz.presenting import DEFAULT_SESSION
from flowviz.presenting.loading import Loader, load_in_background
from flowviz.presenting.presenter import first_sentence, format_elapsed, typed_stop
from flowviz.presenting.sync import (
    Command,
    PresenterState,
    SyncEndpoint,
)
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.listening import (
    HELLO_SECONDS,
    WATCH_SECONDS,
    PresenterLeft,
    StateReceived,
    hello,
    listen,
    lost,
)
from flowviz.tui.navigation import position_label
from flowviz.tui.present_keys import MAX_TYPED, PHASE_BINDINGS, help_bindings, phase_check
from flowviz.tui.room_quiz import notes_quiz_text
from flowviz.tui.screens.help import HelpScreen
from flowviz.tui.talk import Clock
from flowviz.tui.text import data_text, one_line
from flowviz.tui.widgets.key_footer import KeyFooter


class NotesApp(App[int]):
    """Follow the presenter of ``session``: notes, next step, times; keys move it."""

    CSS_PATH = "notes.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,right,space", "send('next')", "Next", key_display="→",
                tooltip="Move the presenter to the next step"),
        Binding("pageup,left", "send('previous')", "Previous", key_display="←",
                tooltip="Move the presenter back one step"),
        Binding("enter", "enter", "Go", show=False,
                tooltip="Move the presenter to the typed step, or to the next one"),
        Binding("backspace", "rub_out_or_previous", "Previous", show=False,
                tooltip="Rub out a typed digit, or move the presenter back"),
        Binding("home", "send('first')", "First", show=False,
                tooltip="Move the presenter to the initial state"),
        Binding("end", "send('last')", "Last", show=False,
                tooltip="Move the presenter to the final state"),
        *(Binding(str(d), f"type_digit('{d}')", "Type a step number (then Enter)",
                  show=False) for d in range(10)),
        Binding("escape", "clear_typed", "Forget the typed number", show=False),
        Binding("B", "send('blank')", "Blank the projector", key_display="B",
                tooltip="Blank the projector's screen, or bring it back (b alone does nothing "
                "here: it is a phase letter after a number)"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
        Binding("q", "quit", "Quit", tooltip="Close the notes (the presenter goes on)"),
        # Last, so the footer keeps its order; only q is bound before them here.
        *PHASE_BINDINGS,
    ]

    state: reactive[PresenterState | None] = reactive(None, init=False, repaint=False)
    """The presenter's last state, or None before one was heard."""
    waiting: reactive[bool] = reactive(True, init=False, repaint=False)
    """True until a presenter is heard, and again when it falls silent."""
    typed: reactive[str] = reactive("", init=False, repaint=False)
    """A step number being typed, waiting for Enter."""

    def __init__(
        self,
        *,
        session: str = DEFAULT_SESSION,
        sync_folder: Path | None = None,
        loader: Callable[[str], Scenario] | None = None,
        clock: Clock = time.time,
        watch_seconds: float = WATCH_SECONDS,
    ) -> None:
        super().__init__()
        self.session = session
        self.sync_folder = sync_folder
        self.loader: Loader | None = loader
        """Loads the presenter's scenario from its reference (None: the checked loader)."""
        self.clock = clock
        self.watch_seconds = watch_seconds
        """How often the timer checks that the presenter still speaks (and ticks the clock)."""
        self.scenario: Scenario | None = None
        self.reference: str | None = None
        """The reference of the presenter's scenario last asked for (loaded, loading or not)."""
        self.loading = False
        """True while the presenter's scenario is being loaded."""
        self.problem: str | None = None
        """Why the presenter's scenario could not be loaded, if it could not."""
        self.presenter_quit = False
        """True when the presenter said goodbye (until it speaks again)."""
        self.last_heard: float | None = None
        self.endpoint: SyncEndpoint | None = None
        self._mounted = False
        self.title = "flowviz notes"
        self.sub_title = f"session {session}"

    @property
    def showing(self) -> bool:
        """The screen is composed and the app runs: widgets may be updated (a timer
        firing while the app shuts down finds its widgets already gone)."""
        return self._mounted and self.is_running

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield Static(id="current")
        with VerticalScroll(id="notes-scroll"):
            yield Static(id="notes")
        yield Static(id="next")
        yield Static(id="times")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._mounted = True
        self._show()
        self.set_interval(self.watch_seconds, self._tick)
        self.set_interval(HELLO_SECONDS, self._hello_if_waiting)
        self.endpoint = listen(self, self.session, self.sync_folder,
                               failure="Cannot listen for a presenter")

    def on_unmount(self) -> None:
        if self.endpoint is not None:
            self.endpoint.close()
            self.endpoint = None

    # -- what the presenter says -----------------------------------------------------

    @on(PresenterLeft)
    def _presenter_left(self) -> None:
        self.presenter_quit = True
        self.last_heard = None
        self.waiting = True
        self._show()

    @on(StateReceived)
    def _follow(self, event: StateReceived) -> None:
        state = event.state
        self.last_heard = self.clock()
        self.presenter_quit = False
        if state.scenario != self.reference:
            # Loaded in a worker: this handler returns at once, so keys keep working.
            self.reference = state.scenario
            self.scenario = None
            self.problem = None
            self.loading = True
            self.run_worker(self._load(state.scenario), group="load", exclusive=True,
                            exit_on_error=False)
        self.waiting = False
        self.state = state

    async def _load(self, reference: str) -> None:
        try:
            scenario = await load_in_background(reference, self.loader)
        except (ScenarioError, OSError, ValueError) as exc:
            if reference == self.reference:
                self.loading = False
                self.problem = f"Cannot load the presenter's scenario {reference}: {exc}"
                self._show()
            return
        if reference == self.reference:  # not replaced by another scenario meanwhile
            self.loading = False
            self.scenario = scenario
            self._show()

    def watch_state(self) -> None:
        self._show()

    def watch_waiting(self) -> None:
        self._show()

    def watch_typed(self) -> None:
        self._show_times()

    def _tick(self) -> None:
        if lost(self.last_heard, self.clock()):
            self.waiting = True
        self._show_times()

    def _hello_if_waiting(self) -> None:
        if self.waiting:
            hello(self.endpoint)

    # -- showing ---------------------------------------------------------------------

    @property
    def stop(self) -> Stop | None:
        """The presenter's current stop, once known."""
        if self.state is None or self.scenario is None:
            return None
        stops = self.scenario.stops
        return stops[min(self.state.stop, len(stops) - 1)]

    def _show(self) -> None:
        if not self.showing:
            return
        status = self.query_one("#status", Static)
        current = self.query_one("#current", Static)
        notes = self.query_one("#notes", Static)
        preview = self.query_one("#next", Static)
        stop = self.stop
        if self.waiting:
            if self.presenter_quit:
                message = (f"The presenter of session {self.session} has quit: "
                           "waiting for it to come back…")
            elif self.state is None:
                message = f"Waiting for a presenter in session {self.session}…"
            else:
                message = f"The presenter of session {self.session} is silent: waiting for it…"
            status.update(Text(message))
            status.set_class(True, "-waiting")
        else:
            loading = "Loading the presenter's scenario…" if self.loading else ""
            status.update(Text(self.problem or loading))
            status.set_class(False, "-waiting")
        status.display = self.waiting or self.problem is not None or self.loading
        if stop is None or self.scenario is None:
            for widget in (current, notes, preview):
                widget.update(Text(""))
            self._show_times()
            return
        position = position_label(self.scenario, stop)
        heading = Text()
        if position.casefold() != one_line(stop.title).casefold():
            heading.append(position + "  ", style="bold")
        heading.append_text(data_text(one_line(stop.title), "bold"))
        current.update(heading)
        if stop.notes.strip():
            notes.update(data_text(stop.notes.strip()))
        else:
            body = Text("No speaker notes for this stop. Its narration:\n\n", style="italic")
            body.append_text(data_text(stop.narration.strip()))
            notes.update(body)
        quiz = notes_quiz_text(self.scenario, self.state.quiz if self.state else None)
        upcoming = self._preview(stop)
        preview.update(upcoming if quiz is None else Text("\n").join([quiz, upcoming]))
        self._show_times()

    def _preview(self, stop: Stop) -> Text:
        assert self.scenario is not None
        stops = self.scenario.stops
        if stop.index + 1 >= len(stops):
            return Text("Next: nothing — this is the end.", style="italic")
        upcoming = stops[stop.index + 1]
        text = Text("Next: ", style="bold")
        text.append(position_label(self.scenario, upcoming) + " — ")
        text.append_text(data_text(one_line(upcoming.title), "bold"))
        sentence = first_sentence(upcoming.narration)
        if sentence:
            text.append("\n")
            text.append_text(data_text(sentence))
        return text

    def _show_times(self) -> None:
        if not self.showing:
            return
        now = self.clock()
        text = Text()
        if self.state is not None:
            text.append(f"Elapsed {format_elapsed(now - self.state.started)}", style="bold")
            text.append("   ")
        text.append(f"Clock {time.strftime('%H:%M', time.localtime(now))}")
        if self.state is not None and self.state.blanked:
            text.append("   SCREEN BLANKED", style="bold reverse")
        if self.typed:
            text.append(f"   go to {self.typed} ⏎", style="bold")
        self.query_one("#times", Static).update(text)

    # -- actions (one per binding) ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "quit" and len(self.screen_stack) > 1:
            return False  # under help, keys belong to the help screen
        if action == "type_phase":
            return phase_check(self.scenario, self.typed, parameters)
        return not (action == "clear_typed" and not self.typed)

    def send(self, command: Command) -> None:
        """Ask the presenter to move (it answers with its new state)."""
        if self.endpoint is not None:
            self.endpoint.command(command)

    def action_send(self, action: str) -> None:
        self.send(Command(action))

    def action_enter(self) -> None:
        if not self.typed:
            self.send(Command("next"))
            return
        typed, self.typed = self.typed, ""
        index = typed_stop(self.scenario, typed) if self.scenario is not None else None
        if index is None:
            self.notify(f"No step {typed} in this scenario.", severity="warning", markup=False,
                        timeout=2)
        else:
            self.send(Command("goto", index))

    def action_rub_out_or_previous(self) -> None:
        if self.typed:
            self.typed = self.typed[:-1]
        else:
            self.send(Command("previous"))

    def action_type_digit(self, digit: str) -> None:
        if len(self.typed) < MAX_TYPED and (self.typed.isdigit() or not self.typed):
            self.typed += digit

    def action_type_phase(self, letter: str) -> None:
        """Add a phase letter to the typed number ('6' then 'b': step 6b)."""
        self.typed += letter

    def action_clear_typed(self) -> None:
        self.typed = ""

    def action_help(self) -> None:
        if len(self.screen_stack) > 1:
            return
        self.push_screen(HelpScreen(help_bindings(self.BINDINGS, self.scenario)))
