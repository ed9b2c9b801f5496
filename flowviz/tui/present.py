"""Presenter mode: what a projector needs, and nothing else.

The diagram takes every row it can; under it the stop's title is a caption and
its narration a roomy, bold, centred block (a terminal cannot change its font
size, so "large" means weight, space and short centred lines); a one-row
progress line closes the screen. There is no footer: ``?`` lists the keys.

The App owns the current stop (:attr:`PresenterApp.stop_index`). A notes
terminal (:mod:`flowviz.tui.notes`) follows it over :mod:`flowviz.presenting.sync`: the
presenter publishes its state on every change and once a second, answers a
notes terminal's hello at once, and obeys its commands.
:class:`flowviz.tui.follower.FollowerApp` is the same screen driven *by* a
presenter instead.

One presenter per session: a second one refuses to start (its socket name is
held by a live process). A presenter keeps its place in a small file
(:mod:`flowviz.presenting.resume`), so one restarted with the same session and
scenario resumes at the same stop with its elapsed time.

Time is injectable (``clock``) so tests never wait on a wall clock.
"""

from __future__ import annotations

import asyncio
import string
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Static

from flowviz.presenting.presenter import (
    MAX_TYPED_DIGITS,
    all_phase_letters,
    format_elapsed,
    phase_letters,
    scenario_reference,
    typed_stop,
)
from flowviz.presenting.resume import (
    SAVE_EVERY_SECONDS,
    Place,
    forget_place,
    load_place,
    save_place,
)
from flowviz.presenting.sync import (
    HEARTBEAT_SECONDS,
    Command,
    PresenterState,
    SessionBusyError,
    SyncEndpoint,
    SyncMessage,
    valid_reference,
)
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.live_reload import WatchedApp
from flowviz.tui.navigation import position_label
from flowviz.tui.preferences import DARK_THEME, LIGHT_THEME, motion_reduced_by_environment
from flowviz.tui.screens.help import HelpScreen
from flowviz.tui.text import data_text, one_line
from flowviz.tui.widgets.diagram_view import DiagramView
from flowviz.tui.widgets.progress_line import ProgressLine

Clock = Callable[[], float]

MAX_TYPED = MAX_TYPED_DIGITS
"""Longest step number a presenter can type (a phase letter may follow)."""

MOVING_ACTIONS = frozenset({"next", "previous", "first", "last", "enter", "rub_out_or_previous",
                            "type_digit", "type_phase", "clear_typed", "toggle_blank",
                            "toggle_auto"})
"""Actions that move the talk: off in a follower (it mirrors a presenter) and under help."""

PHASE_BINDINGS: list[BindingType] = [
    Binding(letter, f"type_phase('{letter}')", "After a number, its phase letter (6 then b: 6b)",
            show=False) for letter in string.ascii_lowercase
]
"""Listed before every other binding: while a number is typed and the letter is one of
that step's phases, it is a phase letter (``6`` then ``b`` is 6b, not "blank");
otherwise the binding is off and the letter keeps its own meaning."""


def phase_check(scenario: Scenario | None, typed: str, parameters: tuple[object, ...]) -> bool:
    """Whether ``type_phase(letter)`` applies now: a number typed, and a phase of it."""
    return (scenario is not None and bool(parameters)
            and parameters[0] in phase_letters(scenario, typed))


def help_bindings(bindings: list[BindingType], scenario: Scenario | None) -> list[Binding]:
    """The bindings the help lists: phase letters only those the scenario uses."""
    used = all_phase_letters(scenario) if scenario is not None else frozenset()
    listed = [b for b in bindings if isinstance(b, Binding)]
    phases = [b for b in listed if b.action.startswith("type_phase(") and b.key in used]
    others = [b for b in listed if not b.action.startswith("type_phase(")]
    # Shown right after the digits they follow.
    digits = [i for i, b in enumerate(others) if b.action.startswith("type_digit(")]
    at = digits[-1] + 1 if digits else len(others)
    return others[:at] + phases + others[at:]


class StageDiagram(DiagramView):
    """The diagram centred on the stage.

    The engine's picture is often narrower (and shorter) than the canvas it was
    laid out for; on a projector it belongs in the middle, not against the left
    edge. The picture is padded when drawn, so the canvas the engine lays out
    for stays the widget's size (no feedback between the padding and the layout).
    """

    def margins(self) -> tuple[int, int]:
        """Blank columns left of the picture and rows above it."""
        frame = self.frame
        if frame is None:
            return 0, 0
        region = self.scrollable_content_region
        left = max(0, (region.width - frame.width) // 2)
        return left, max(0, (region.height - frame.height) // 2)

    def render_line(self, y: int) -> Strip:
        left, top = self.margins()
        width = self.scrollable_content_region.width
        if y < top:
            return Strip.blank(width, self.rich_style)
        strip = super().render_line(y - top)
        if left:
            strip = Strip.join([Strip.blank(left, self.rich_style), strip]).crop(0, width)
        return strip


class PresenterApp(WatchedApp):
    """Present a scenario full screen, stop by stop, with clicker keys."""

    CSS_PATH = "present.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        *PHASE_BINDINGS,
        Binding("pagedown,right,space", "next", "Next", key_display="→",
                tooltip="Next step (clicker: Page Down)"),
        Binding("pageup,left", "previous", "Previous", key_display="←",
                tooltip="Previous step (clicker: Page Up)"),
        Binding("enter", "enter", "Next, or go to the typed step",
                tooltip="Go to the typed step number, or the next step"),
        Binding("backspace", "rub_out_or_previous", "Previous, or rub out a typed digit",
                tooltip="Rub out a typed digit, or the previous step"),
        Binding("home", "first", "First", tooltip="Go to the initial state"),
        Binding("end", "last", "Last", tooltip="Go to the final state"),
        *(Binding(str(d), f"type_digit('{d}')", "Type a step number (then Enter)",
                  show=False) for d in range(10)),
        Binding("escape", "clear_typed", "Forget the typed number", show=False),
        Binding("b,full_stop", "toggle_blank", "Blank the screen",
                tooltip="Blank the screen; the same key brings it back"),
        Binding("t", "toggle_timer", "Elapsed time", tooltip="Show or hide the elapsed time"),
        Binding("n", "toggle_narration", "Narration",
                tooltip="Show or hide the narration (more room for the diagram)"),
        Binding("r", "reset_clock", "Restart the clock", show=False,
                tooltip="Start the elapsed time again from zero"),
        Binding("p", "toggle_auto", "Pause/resume auto-advance", show=False,
                tooltip="Pause or resume --auto"),
        Binding("l", "toggle_theme", "Light/dark theme", show=False,
                tooltip="Switch between the dark and the light theme"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
        Binding("q", "quit", "Quit", tooltip="Leave presenter mode"),
    ]

    stop_index: reactive[int] = reactive(0, init=False)
    """Where the talk stands: an index into ``scenario.stops``."""
    blanked: reactive[bool] = reactive(False, init=False)
    """True while the screen is blanked (the audience sees nothing)."""
    show_timer: reactive[bool] = reactive(False, init=False)
    """Whether the elapsed time shows beside the progress line."""
    show_narration: reactive[bool] = reactive(True, init=False)
    """Whether the narration shows under the title."""
    typed: reactive[str] = reactive("", init=False)
    """A step number being typed, waiting for Enter."""
    auto_paused: reactive[bool] = reactive(False, init=False)
    """True while ``--auto`` is paused with ``p``."""

    class CommandReceived(Message):
        """A notes terminal asked the presenter to move (or said hello)."""

        def __init__(self, command: Command) -> None:
            super().__init__()
            self.command = command

    def __init__(
        self,
        scenario: Scenario,
        *,
        start: int | None = None,
        session: str | None = None,
        sync_folder: Path | None = None,
        resume: bool = True,
        auto: float | None = None,
        loop: bool = False,
        show_timer: bool = False,
        animate: bool = True,
        clock: Clock = time.time,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.title = one_line(scenario.meta.title)
        self.reference = scenario_reference(scenario)
        """How notes terminals load this scenario (a bundled id or a path)."""
        self.session = session
        """The sync session published to; None publishes nothing."""
        self.sync_folder = sync_folder
        self.auto = auto if auto and auto > 0 else None
        self.loop = loop
        self.motion = animate and not motion_reduced_by_environment()
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
        self._auto_timer: Timer | None = None
        self._mounted = False
        self.set_reactive(PresenterApp.stop_index, self.validate_stop_index(start or 0))
        self.set_reactive(PresenterApp.show_timer, show_timer)

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="stage"):
            diagram = StageDiagram(self.scenario, color=not self.no_color, id="diagram")
            diagram.can_focus = False  # no scrolling here: every key is the App's
            yield diagram
            with Vertical(id="caption"):
                yield Static(id="position")
                yield Static(id="title")
                with Center(id="narration-box"):
                    yield Static(id="narration")
            with Horizontal(id="status"):
                yield ProgressLine(id="progress")
                yield Static(id="typed")
                yield Static(id="elapsed")
        yield Static(Text(""), id="blank")

    def on_mount(self) -> None:
        self._mounted = True
        self.query_one("#narration-box").display = self.show_narration
        self.query_one("#elapsed").display = self.show_timer
        self.query_one("#blank").display = False
        self._show_stop()
        self._show_elapsed()
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat)
        if self.auto is not None:
            self._auto_timer = self.set_interval(self.auto, self._auto_tick)
        self.start_sync()
        self.after_mount()

    def after_mount(self) -> None:
        """A subclass's start-up (Textual calls every class's ``on_mount``, so subclasses
        must not define their own)."""

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

    def watch_stop_index(self) -> None:
        self._show_stop()
        if self._auto_timer is not None:
            self._auto_timer.reset()  # each stop gets its full time, however we got there
        self.publish()

    def watch_blanked(self, blanked: bool) -> None:
        if self._mounted:
            self.query_one("#stage").display = not blanked
            self.query_one("#blank").display = blanked
        self.publish()

    def watch_show_timer(self, show: bool) -> None:
        if self._mounted:
            self._show_elapsed()
            self.query_one("#elapsed").display = show

    def watch_show_narration(self, show: bool) -> None:
        if self._mounted:
            self.query_one("#narration-box").display = show

    def watch_typed(self, typed: str) -> None:
        if self._mounted:
            self.query_one("#typed", Static).update(Text(f" go to {typed} ⏎ " if typed else ""))

    def _show_stop(self) -> None:
        if not self._mounted:
            return
        stop = self.stop
        position = position_label(self.scenario, stop)
        # A bookend's label ("Initial state") says what its title says: show one.
        same = position.casefold() == one_line(stop.title).casefold()
        self.query_one("#position", Static).update(Text("" if same else position))
        self.query_one("#position").display = not same
        self.query_one("#title", Static).update(data_text(one_line(stop.title)))
        self.query_one("#narration", Static).update(data_text(stop.narration.strip()))
        self.query_one(ProgressLine).set_progress(stop.index, len(self.scenario.stops))
        self.query_one(DiagramView).show(stop, view_id=None, animate=self.motion)

    def _show_elapsed(self) -> None:
        if self._mounted:
            self.query_one("#elapsed", Static).update(Text(f" {format_elapsed(self.elapsed)}"))

    def go_to(self, index: int) -> None:
        """Stand at stop ``index`` (clamped to the scenario)."""
        self.stop_index = index

    def state(self) -> PresenterState:
        """What notes terminals are told."""
        return PresenterState(stop=self.stop_index, started=self.started,
                              scenario=self.reference, blanked=self.blanked)

    def publish(self) -> None:
        """Tell every notes terminal of the session where we are (and keep the place)."""
        if self.endpoint is not None:
            self.endpoint.publish(self.state())
            self.save_place()

    def _heartbeat(self) -> None:
        self._show_elapsed()
        self.publish()

    def _auto_tick(self) -> None:
        """``--auto``: move on, and start again at the end with ``--loop``."""
        if self.auto_paused or self.blanked:
            return
        if self.stop_index < len(self.scenario.stops) - 1:
            self.stop_index += 1
        elif self.loop:
            self.stop_index = 0

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
            self.stop_index += 1
        elif command.action == "previous":
            self.stop_index -= 1
        elif command.action == "first":
            self.stop_index = 0
        elif command.action == "last":
            self.stop_index = len(self.scenario.stops) - 1
        elif command.action == "goto" and command.stop is not None:
            self.stop_index = self.validate_stop_index(command.stop)
        elif command.action == "blank":
            self.blanked = not self.blanked

    # -- actions (one per binding) ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MOVING_ACTIONS and len(self.screen_stack) > 1:
            return False
        if action == "toggle_auto" and self.auto is None:
            return False
        if action == "type_phase":
            return phase_check(self.scenario, self.typed, parameters)
        return not (action == "clear_typed" and not self.typed)

    def _unblank_instead(self) -> bool:
        """While blanked, the first move only brings the picture back (nothing is skipped)."""
        if self.blanked:
            self.blanked = False
            return True
        return False

    def action_next(self) -> None:
        """Go to the next stop."""
        if not self._unblank_instead():
            self.stop_index += 1

    def action_previous(self) -> None:
        """Go back one stop."""
        if not self._unblank_instead():
            self.stop_index -= 1

    def action_first(self) -> None:
        if not self._unblank_instead():
            self.stop_index = 0

    def action_last(self) -> None:
        if not self._unblank_instead():
            self.stop_index = len(self.scenario.stops) - 1

    def action_enter(self) -> None:
        """Go to the typed step, or on to the next stop when nothing was typed."""
        if not self.typed:
            self.action_next()
            return
        typed, self.typed = self.typed, ""
        index = typed_stop(self.scenario, typed)
        if index is None:
            self.notify(f"No step {typed} in this scenario.", severity="warning", markup=False,
                        timeout=2)
            return
        self.blanked = False
        self.stop_index = index

    def action_rub_out_or_previous(self) -> None:
        """Rub out a typed digit, or go back one stop."""
        if self.typed:
            self.typed = self.typed[:-1]
        else:
            self.action_previous()

    def action_type_digit(self, digit: str) -> None:
        if len(self.typed) < MAX_TYPED and (self.typed.isdigit() or not self.typed):
            self.typed += digit

    def action_type_phase(self, letter: str) -> None:
        """Add a phase letter to the typed number ('6' then 'b': step 6b)."""
        self.typed += letter

    def action_clear_typed(self) -> None:
        self.typed = ""

    def action_toggle_blank(self) -> None:
        """Blank the screen, or bring it back."""
        self.blanked = not self.blanked

    def action_toggle_timer(self) -> None:
        self.show_timer = not self.show_timer

    def action_toggle_narration(self) -> None:
        self.show_narration = not self.show_narration

    def action_reset_clock(self) -> None:
        self.started = self.clock()
        self._show_elapsed()
        self.publish()

    def action_toggle_auto(self) -> None:
        self.auto_paused = not self.auto_paused
        self.notify("Auto-advance paused" if self.auto_paused else "Auto-advance resumed",
                    timeout=2)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_help(self) -> None:
        if len(self.screen_stack) > 1:
            return
        self.push_screen(HelpScreen(help_bindings(self.BINDINGS, self.scenario)))

    # -- live reload (--watch) --------------------------------------------------------

    async def _reload_scenario(self, scenario: Scenario) -> None:
        """Show the edited scenario at the stop of the same label; the clock, the blank
        screen and the notes terminals carry on."""
        from flowviz.tui.live_reload import stop_index_for

        index = stop_index_for(scenario, self.stop)
        self.scenario = scenario
        self.title = one_line(scenario.meta.title)
        self._mounted = False
        self.set_reactive(PresenterApp.stop_index, index)
        await self.recompose()
        self._mounted = True
        self.query_one("#narration-box").display = self.show_narration
        self.query_one("#elapsed").display = self.show_timer
        self.query_one("#stage").display = not self.blanked
        self.query_one("#blank").display = self.blanked
        self._show_stop()
        self._show_elapsed()
        self.publish()
