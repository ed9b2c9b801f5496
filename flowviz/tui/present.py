"""Presenter mode: what a projector needs, and nothing else.

The diagram takes every row it can; under it the stop's title is a caption and
its narration a roomy, bold, centred block (a terminal cannot change its font
size, so "large" means weight, space and short centred lines); a one-row
progress line closes the screen. There is no footer: ``?`` lists the keys.

Where the talk stands, the notes terminals' channel and resuming a restarted
presenter are the base's (:class:`flowviz.tui.talk.TalkApp`); this module is the
stage and its keys (:mod:`flowviz.tui.present_keys`).
:class:`flowviz.tui.follower.FollowerApp` is the same screen driven *by* a
presenter instead.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from flowviz.presenting.presenter import format_elapsed, typed_stop
from flowviz.presenting.room_quiz import RoomQuiz
from flowviz.presenting.sync import HEARTBEAT_SECONDS
from flowviz.scenario.model import Scenario
from flowviz.tui.navigation import position_label
from flowviz.tui.preferences import DARK_THEME, LIGHT_THEME, motion_reduced_by_environment
from flowviz.tui.present_keys import (
    MAX_TYPED,
    MOVING_ACTIONS,
    PRESENTER_BINDINGS,
    help_bindings,
    phase_check,
)
from flowviz.tui.room_quiz import answer_text, choices_text
from flowviz.tui.screens.help import HelpScreen
from flowviz.tui.stage_fit import StageFit, stage_fit
from flowviz.tui.talk import Clock, TalkApp
from flowviz.tui.text import data_text, one_line
from flowviz.tui.widgets.diagram_view import DiagramView
from flowviz.tui.widgets.progress_line import ProgressLine
from flowviz.tui.widgets.stage_diagram import StageDiagram


class PresenterApp(TalkApp):
    """Present a scenario full screen, stop by stop, with clicker keys."""

    CSS_PATH = "present.tcss"

    BINDINGS: ClassVar[list[BindingType]] = PRESENTER_BINDINGS

    show_timer: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether the elapsed time shows beside the progress line."""
    show_narration: reactive[bool] = reactive(True, init=False, repaint=False)
    """Whether the narration shows under the title."""
    typed: reactive[str] = reactive("", init=False, repaint=False)
    """A step number being typed, waiting for Enter."""
    auto_paused: reactive[bool] = reactive(False, init=False, repaint=False)
    """True while ``--auto`` is paused with ``p``."""

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
        quiz: bool = False,
        quiz_seed: int = 0,
        clock: Clock = time.time,
    ) -> None:
        super().__init__(scenario, start=start, session=session, sync_folder=sync_folder,
                         resume=resume, clock=clock)
        self.quiz_seed = quiz_seed
        """Which questions ``z`` asks (``--seed``, as ``flowviz quiz --seed``)."""
        if quiz:
            self.set_reactive(TalkApp.quiz, RoomQuiz(quiz_seed))
        self.auto = auto if auto and auto > 0 else None
        self.loop = loop
        self.motion = animate and not motion_reduced_by_environment()
        self._auto_timer: Timer | None = None
        self._mounted = False
        self.narration_folded = False
        """The narration waits behind ``n``: with it the diagram would lose names."""
        self.narration_forced = False
        """The presenter asked for the narration (``n``) while it was folded."""
        self._fit: tuple[Scenario, tuple[int, int, bool, bool], StageFit] | None = None
        """The stage's fit, for the scenario and (size, narration wanted, forced) it is for."""
        self.set_reactive(PresenterApp.show_timer, show_timer)

    @property
    def showing(self) -> bool:
        """The screen is composed and the app runs: widgets may be updated (a timer
        firing while the app shuts down finds its widgets already gone)."""
        return self._mounted and self.is_running

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
                yield Static(Text(" n: narration "), id="fold-hint")
                yield Static(id="elapsed")
        yield Static(Text(""), id="blank")

    def on_mount(self) -> None:
        self._mounted = True
        self._fit_stage()
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

    # -- state -----------------------------------------------------------------------

    def watch_stop_index(self) -> None:
        self._show_stop()
        if self._auto_timer is not None:
            self._auto_timer.reset()  # each stop gets its full time, however we got there
        self.publish()

    def watch_quiz(self) -> None:
        self._fit_stage()  # the choices may need rows the narration had
        self.publish()

    def watch_blanked(self, blanked: bool) -> None:
        if self.showing:
            self.query_one("#stage").display = not blanked
            self.query_one("#blank").display = blanked
        self.publish()

    def watch_show_timer(self, show: bool) -> None:
        if self.showing:
            self._show_elapsed()
            self.query_one("#elapsed").display = show

    def watch_show_narration(self) -> None:
        self._fit_stage()

    def watch_typed(self, typed: str) -> None:
        if self.showing:
            self.query_one("#typed", Static).update(Text(f" go to {typed} ⏎ " if typed else ""))

    def _show_stop(self) -> None:
        if not self.showing:
            return
        stop = self.stop
        self._show_caption()
        self.query_one(ProgressLine).set_progress(stop.index, len(self.scenario.stops))
        self.query_one(DiagramView).show(stop, view_id=None, animate=self.motion)

    def _show_caption(self) -> None:
        """The stop's title and narration, or the room's question over the picture."""
        if not self.showing:
            return
        stop = self.stop
        position = position_label(self.scenario, stop)
        title = data_text(one_line(stop.title))
        narration = data_text(stop.narration.strip())
        question = self.quiz.question(self.scenario) if self.quiz is not None else None
        if question is not None and self.quiz is not None and self.quiz.waiting_for_answer:
            asked = self.scenario.stops[question.stop_index]
            position = f"Quiz: what happens at {position_label(self.scenario, asked)}?"
            title, narration = data_text(question.text), choices_text(question)
        elif question is not None and question.stop_index == stop.index:
            shown = Text() if self.narration_folded else narration
            position, narration = "", answer_text(question, shown)
        # A bookend's label ("Initial state") says what its title says: show one.
        same = not position or position.casefold() == title.plain.casefold()
        self.query_one("#position", Static).update(Text("" if same else position))
        self.query_one("#position").display = not same and not self.screen.has_class("-compact")
        self.query_one("#title", Static).update(title)
        self.query_one("#narration", Static).update(narration)

    def _show_elapsed(self) -> None:
        if self.showing:
            self.query_one("#elapsed", Static).update(Text(f" {format_elapsed(self.elapsed)}"))

    def _heartbeat(self) -> None:
        self._show_elapsed()
        self.publish()

    def _auto_tick(self) -> None:
        """``--auto``: move on, and start again at the end with ``--loop``."""
        if self.auto_paused or self.blanked:
            return
        if self.stop_index < len(self.scenario.stops) - 1 or (
                self.quiz is not None and self.quiz.waiting_for_answer):
            self.step_forward()
        elif self.loop:
            self.go_to(0)

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
        """Go to the next stop (during a quiz: its question, then the answer)."""
        if not self._unblank_instead():
            self.step_forward()

    def action_previous(self) -> None:
        """Go back one stop (during a quiz: take back an unrevealed question first)."""
        if not self._unblank_instead():
            self.step_back()

    def action_first(self) -> None:
        if not self._unblank_instead():
            self.go_to(0)

    def action_last(self) -> None:
        if not self._unblank_instead():
            self.go_to(len(self.scenario.stops) - 1)

    def action_toggle_quiz(self) -> None:
        """Start or stop quizzing the room (*next* asks, then reveals)."""
        self.quiz = RoomQuiz(self.quiz_seed) if self.quiz is None else None
        self.notify("Quiz on" if self.quiz else "Quiz off", timeout=2, markup=False)

    def action_reveal(self) -> None:
        """Reveal the answer of the question on screen (and show its step)."""
        if self.quiz is not None and self.quiz.waiting_for_answer:
            self.step_forward()

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
        self.go_to(index)

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
        """Hide or show the narration (folded for the diagram's sake: show it anyway)."""
        if self.narration_folded:
            self.narration_forced = True
            self._fit_stage()
        else:
            self.narration_forced = False
            self.show_narration = not self.show_narration

    def on_resize(self) -> None:
        self._fit_stage()

    def _fit_stage(self) -> None:
        """Give the caption one height for this size, folding the narration when it
        would cost the diagram its names (:func:`flowviz.tui.stage_fit.stage_fit`)."""
        if not self.showing:
            return
        width, height = self.size
        # Worked out once per size and choice (it wraps every stop's text and ranks
        # three canvases), not at every step of a quiz.
        key = (width, height, self.show_narration, self.narration_forced)
        if self._fit is None or self._fit[0] is not self.scenario or self._fit[1] != key:
            self._fit = (self.scenario, key,
                         stage_fit(self.scenario, width, height, narration=self.show_narration,
                                   may_fold=not self.narration_forced))
        fit = self._fit[2]
        self.narration_folded = fit.narration_folded
        self.screen.set_class(fit.compact, "-compact")
        self._show_caption()
        rows, narration = fit.caption_rows, self.show_narration and not fit.narration_folded
        question = self.quiz.question(self.scenario) if self.quiz is not None else None
        if question is not None and self.quiz is not None and not narration:
            # The choices, then the answer, are what the room reads: shown even with
            # the narration folded (the answer alone, without the narration).
            lines = len(question.choices) if self.quiz.waiting_for_answer else 1
            rows = min(height // 2, rows + lines + 2)
            narration = True
        self.query_one("#caption").styles.height = rows
        self.query_one("#narration-box").display = narration
        self.query_one("#fold-hint").display = fit.narration_folded

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
        self.set_reactive(TalkApp.stop_index, index)
        await self.recompose()
        self._mounted = True
        self._fit_stage()
        self.query_one("#elapsed").display = self.show_timer
        self.query_one("#stage").display = not self.blanked
        self.query_one("#blank").display = self.blanked
        self._show_stop()
        self._show_elapsed()
        self.publish()
