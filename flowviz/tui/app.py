"""The walkthrough app: a learner steps through a scenario's stops.

The App owns where the walkthrough stands (:attr:`FlowvizApp.stop_index`, a
reactive) and which view is drawn; widgets only show what they are given and
post messages saying what happened (``StepBar.StepClicked``,
``DiagramView.ServiceClicked``). Every key is a binding with a description, so
the Footer, the help screen and the command palette explain themselves.

Start-up is kept light: nothing heavy is imported or built before the first
paint; the diagram is laid out just after it (``call_after_refresh``).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Static

from flowviz.errors import UserError
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.commands import SteadyPalette
from flowviz.tui.live_reload import WatchedApp
from flowviz.tui.navigation import find_stop, resolve_step
from flowviz.tui.palette import (
    PaletteEntry,
    binding_entries,
    export_entries,
    scenario_entries,
)
from flowviz.tui.screens.help import HelpScreen
from flowviz.tui.screens.service_details import ServiceDetailsScreen
from flowviz.tui.screens.step_list import StepListScreen
from flowviz.tui.text import one_line
from flowviz.tui.widgets.diagram_view import DiagramView
from flowviz.tui.widgets.header import StepHeader
from flowviz.tui.widgets.legend_bar import LegendBar
from flowviz.tui.widgets.side_panel import SidePanel
from flowviz.tui.widgets.step_bar import StepBar

if TYPE_CHECKING:
    from textual.command import Provider


NO_ANIMATION_ENV = "FLOWVIZ_NO_ANIMATION"
"""Set to 1 (or any value but '', '0') to turn motion off, like --no-animation."""

NO_EXPORT_ENV = "FLOWVIZ_NO_EXPORT"
"""Set (non-empty) by ``flowviz serve``: a browser may not write files on the server."""

PLAY_SPEEDS: tuple[float, ...] = (10.0, 6.0, 4.0, 2.5, 1.5, 1.0)
"""Seconds per stop while autoplaying, slowest first; + and - move along it."""
DEFAULT_PLAY_SPEED = 2

PANEL_COLUMNS = (32, 42)
"""The side panel's width (border and padding included) below and from 110 columns."""
CHROME_ROWS = 4
"""Rows that are not the diagram's or the panel's: header, legend, step bar, footer."""
NO_LEGEND_BELOW_ROWS = 30
"""With the panel below, terminals shorter than this drop the legend's row."""

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"

MAX_TYPED = 4
"""Longest step number a learner can type ('12b')."""

PALETTE_SKIPS = ("type_digit", "type_phase", "jump", "clear_typed")
"""Binding actions the palette leaves out: they only make sense as typed keys."""

NAVIGATION_ACTIONS = frozenset({
    "next", "previous", "first", "last", "type_digit", "type_phase", "jump", "clear_typed",
    "step_list", "cycle_view", "toggle_play", "faster", "slower", "help", "toggle_panel",
    "scroll_panel", "toggle_wiring", "counterpart", "toggle_sequence", "quiz",
})
"""Actions that act on the walkthrough screen, off while a modal screen is open."""


def _walkthrough_commands() -> type[Provider]:
    """The palette's provider, imported only when the palette opens (Textual's palette
    machinery is not needed for the first paint)."""
    from flowviz.tui.commands import WalkthroughCommands

    return WalkthroughCommands


def motion_reduced_by_environment() -> bool:
    """True when ``FLOWVIZ_NO_ANIMATION`` asks for no motion."""
    return os.environ.get(NO_ANIMATION_ENV, "").strip() not in ("", "0")


class FlowvizApp(WatchedApp):
    """Step through a scenario: header, diagram, side panel, legend, step bar, footer."""

    CSS_PATH = "app.tcss"
    # Ours list Textual's system commands too; imported when the palette first opens.
    COMMANDS = {lambda: _walkthrough_commands()}  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l,space,pagedown", "next", "Next", key_display="→",
                tooltip="Go to the next step"),
        Binding("left,h,backspace,pageup", "previous", "Previous", key_display="←",
                tooltip="Go back one step"),
        Binding("home,g", "first", "First", show=False, tooltip="Go to the initial state"),
        Binding("end,G", "last", "Last", show=False, tooltip="Go to the final state"),
        *(Binding(str(d), f"type_digit('{d}')", "Type a step number", show=False)
          for d in range(10)),
        # While a number is being typed every letter is a phase letter ('6' 'b': 6b; an
        # unknown one such as 6c is said, not guessed); otherwise these bindings are off
        # (check_action) and the letter keeps its own meaning below.
        *(Binding(letter, f"type_phase('{letter}')", "Type a phase letter after the number",
                  show=False, priority=True, key_display="a–z")
          for letter in "abcdefghijklmnopqrstuvwxyz"),
        Binding("enter", "jump", "Go to the typed step", show=False),
        Binding("escape", "clear_typed", "Forget the typed number", show=False),
        Binding("s", "step_list", "Steps", tooltip="Pick a step from a list"),
        Binding("c", "counterpart", "Then/now",
                tooltip="The same step in the other era's scenario (c again: back)"),
        Binding("v", "cycle_view", "View",
                tooltip="Next view: topology, projects, communication types …"),
        Binding("p", "toggle_play", "Play/Pause", tooltip="Start or pause autoplay"),
        Binding("plus,equals_sign", "faster", "Faster autoplay", show=False),
        Binding("minus", "slower", "Slower autoplay", show=False),
        Binding("m", "toggle_motion", "Motion on/off", show=False),
        Binding("t", "toggle_theme", "Dark/light theme", show=False),
        Binding("i", "toggle_panel", "Show/hide the side panel", show=False),
        Binding("j", "scroll_panel(1)", "Scroll text", key_display="j/k",
                tooltip="Scroll the side panel's text down (k: up)"),
        Binding("k", "scroll_panel(-1)", "Scroll the side panel up", show=False),
        Binding("w", "toggle_wiring", "Idle wiring", show=False,
                tooltip="Show or hide the permanent links the step does not use, faintly"),
        Binding("y", "toggle_sequence", "Sequence", show=False,
                tooltip="Draw this step as a sequence diagram (who says what, in order), "
                        "or back as the deployment"),
        Binding("z", "quiz", "Quiz", show=False,
                tooltip="Predict each step from here before it is shown, then a score"),
        Binding("e", "export", "Export this step", show=False,
                tooltip="Save this step as an SVG file"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
        Binding("q", "quit", "Quit", tooltip="Leave flowviz"),
    ]

    stop_index: reactive[int] = reactive(0, init=False)
    """Where the walkthrough stands: an index into ``scenario.stops``."""
    view_id: reactive[str | None] = reactive(None, init=False)
    """The view being drawn (None: the engine's default)."""
    typed: reactive[str] = reactive("", init=False)
    """A step number being typed, waiting for Enter."""
    playing: reactive[bool] = reactive(False, init=False)
    """True while autoplay moves on by itself."""

    def __init__(self, scenario: Scenario, *, start: int = 0, view: str | None = None,
                 animate: bool = True) -> None:
        super().__init__()
        self.scenario = scenario
        self.title = one_line(scenario.meta.title)
        self.motion = animate and not motion_reduced_by_environment()
        """Whether messages travel their links when a step begins."""
        self.play_speed = DEFAULT_PLAY_SPEED
        self._play_timer: Timer | None = None
        self._diagram_ready = False
        self._screen_built = False
        self.panel_folded = False
        """True when the terminal is too small for the diagram and the panel together."""
        self._came_from: tuple[Scenario, int, str | None, Scenario, int] | None = None
        """Where ``c`` jumped from (scenario, stop, view) and to (scenario, stop)."""
        self.panel_wanted = False
        """The learner asked for the panel (``i``) while it is folded."""
        self.set_reactive(FlowvizApp.stop_index, self.validate_stop_index(start))
        views = list(scenario.views)
        self.set_reactive(FlowvizApp.view_id, view if view is not None else
                          (views[0] if views else None))

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        color = not self.no_color
        yield StepHeader(self.scenario, id="header")
        with Horizontal(id="main"):
            yield DiagramView(self.scenario, color=color, id="diagram")
            yield SidePanel(self.scenario, color=color, id="panel")
        yield Static(Text("Enlarge the terminal for the side panel"), id="small-hint")
        yield LegendBar(self.scenario, color=color, id="legend")
        yield StepBar(self.scenario, id="step-bar")
        yield Footer()

    def on_mount(self) -> None:
        self._arrange(self.size.width, self.size.height)
        self._screen_built = True
        self._show_text(self.stop)
        view = self.query_one(DiagramView)
        view.focus()
        # The view has no size yet: it lays the diagram out when it learns its size
        # (its first Resize), so the window and the diagram arrive in one paint.
        self._diagram_ready = True
        view.show(self.stop, view_id=self.view_id, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width, event.size.height)

    def _arrange(self, width: int, height: int) -> None:
        """Put the side panel beside the diagram or below it, whichever lets the
        whole deployment be drawn best (full labels, the author's arrangement)."""
        from flowviz.diagram.engine import CUT_RUNG
        from flowviz.tui.engine import canvas_ranks

        below_rows = max(5, min(10, height // 4))
        panel_columns = PANEL_COLUMNS[1] if width >= 110 else PANEL_COLUMNS[0]
        # Below the diagram on a short terminal, the legend gives its row to the
        # diagram: the panel's numbered messages name each one's type.
        no_legend = height < NO_LEGEND_BELOW_ROWS
        canvases = [(width - panel_columns, height - CHROME_ROWS),
                    (width, height - CHROME_ROWS - below_rows + no_legend)]
        ranks = canvas_ranks(self.scenario, self.view_id,
                             [*canvases, (width, height - CHROME_ROWS + 1)])
        below = ranks[1] < ranks[0]
        # Neither beside nor below lets the whole deployment fit with its names (only
        # cut or cropped): the diagram takes the screen and the panel waits behind
        # ``i`` (the hint says so).
        self.panel_folded = min(ranks[:2]) >= CUT_RUNG and ranks[2] < min(ranks[:2])
        self.screen.set_class(below or self.panel_folded, "-panel-below")
        self.screen.set_class((below and no_legend) or self.panel_folded, "-no-legend")
        self.screen.set_class(self.panel_folded and not self.panel_wanted, "-panel-folded")
        self._update_header()
        panel = self.query_one(SidePanel)
        panel.styles.height = below_rows if below else "1fr"
        panel.styles.width = "1fr" if below else panel_columns

    # -- state -----------------------------------------------------------------------

    @property
    def stop(self) -> Stop:
        """The stop the walkthrough stands at."""
        return self.scenario.stops[self.stop_index]

    def validate_stop_index(self, index: int) -> int:
        return max(0, min(index, len(self.scenario.stops) - 1))

    def watch_stop_index(self) -> None:
        self._show_text(self.stop)
        if self._diagram_ready:
            self.query_one(DiagramView).show(self.stop, view_id=self.view_id,
                                             animate=self.motion)

    def watch_view_id(self) -> None:
        if self._screen_built:
            self._arrange(self.size.width, self.size.height)
        if self._diagram_ready:
            self.query_one(DiagramView).show(self.stop, view_id=self.view_id, animate=False)
        self._update_header()

    def watch_typed(self) -> None:
        self._update_header()

    def watch_playing(self, playing: bool) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None
        if playing:
            self._play_timer = self.set_interval(PLAY_SPEEDS[self.play_speed], self._play_tick)
        self._update_header()

    def _show_text(self, stop: Stop) -> None:
        self._update_header()
        self.query_one(SidePanel).show(stop)
        self.query_one(LegendBar).show(stop)
        self.query_one(StepBar).set_current(stop.index)

    def _update_header(self) -> None:
        if not self._screen_built:
            return
        status = []
        view = self.scenario.views.get(self.view_id or "")
        if view is not None and len(self.scenario.views) > 1:
            status.append(f"[{one_line(view.title)}]")
        if self.panel_folded and not self.panel_wanted:
            status.append("i: the step's text")
        playing = f"▶ {PLAY_SPEEDS[self.play_speed]:g} s" if self.playing else ""
        self.query_one(StepHeader).update(self.stop, typed=self.typed, status=" ".join(status),
                                          playing=playing)

    def go_to(self, index: int) -> None:
        """Stand at stop ``index`` (clamped to the scenario)."""
        self.stop_index = index

    def switch_view(self, view_id: str) -> None:
        """Draw ``view_id`` (one of ``scenario.views``)."""
        self.view_id = view_id

    def open_service_details(self, service_id: str) -> None:
        """Show a service's role, host and steps, with buttons to go to them."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        self.push_screen(ServiceDetailsScreen(self.scenario, service_id), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NAVIGATION_ACTIONS and len(self.screen_stack) > 1:
            return False
        if action == "counterpart" and self._came_from is None and not any(
                stop.counterpart for stop in self.scenario.stops):
            return False  # a scenario tied to no other: no such key
        if action == "type_phase" and not self.typed:
            return False
        return not (action in ("jump", "clear_typed") and not self.typed)

    # -- actions (one per binding) ---------------------------------------------------

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

    def action_step_list(self) -> None:
        """Open the list of stops to pick one."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        self.push_screen(StepListScreen(self.scenario, self.stop_index), chosen)

    def action_cycle_view(self) -> None:
        """Draw the next of the scenario's views."""
        views = list(self.scenario.views)
        if not views:
            return
        position = views.index(self.view_id) if self.view_id in views else -1
        self.view_id = views[(position + 1) % len(views)]
        view = self.scenario.views[self.view_id]
        self.notify(one_line(view.description), title=one_line(view.title), markup=False,
                    timeout=3)

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

    def action_toggle_motion(self) -> None:
        """Turn the travelling messages on or off (reduced motion)."""
        self.motion = not self.motion
        if not self.motion:
            self.query_one(DiagramView).finish_animation()
        self.notify("Motion on" if self.motion else "Motion off (reduced motion)", timeout=2)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    async def action_counterpart(self) -> None:
        """Show the same step in the scenario it names as its counterpart (the classic
        deck's step in today's OpenStack, and back); ``c`` again returns to where the
        jump started if the learner has not moved since."""
        back = self._came_from
        if back is not None and back[3] is self.scenario and back[4] == self.stop_index:
            self._came_from = None
            await self._switch_scenario(back[0], back[1], back[2])
            return
        counterpart = self.stop.counterpart
        if counterpart is None:
            self.notify("This stop names no counterpart in another scenario.", timeout=3,
                        markup=False)
            return
        from flowviz.errors import ScenarioError
        from flowviz.scenario.counterparts import counterpart_targets
        from flowviz.scenario.loader import load_scenario

        try:
            other = load_scenario(counterpart.scenario)
        except (ScenarioError, OSError) as exc:
            self.notify(f"Cannot open {counterpart.scenario}: {exc}", severity="error",
                        timeout=6, markup=False)
            return
        targets = counterpart_targets(self.scenario, self.stop, {other.meta.id: other})
        labels = [label for sid, label in targets if sid == other.meta.id]
        index = next((s.index for s in other.stops if labels and s.label == labels[0]), 0)
        origin = (self.scenario, self.stop_index, self.view_id)
        await self._switch_scenario(other, index, None)
        self._came_from = (*origin, other, index)
        more = f" (also {', '.join(labels[1:])})" if len(labels) > 1 else ""
        self.notify(f"{one_line(other.meta.title)}: {labels[0] if labels else 'start'}{more}"
                    " · c: back", timeout=5, markup=False)

    async def _switch_scenario(self, scenario: Scenario, index: int, view: str | None) -> None:
        """Show ``scenario`` at stop ``index`` in ``view`` (None: its first view)."""
        self.playing = False
        self.scenario = scenario
        self.title = one_line(scenario.meta.title)
        self._diagram_ready = self._screen_built = False
        views = list(scenario.views)
        self.set_reactive(FlowvizApp.view_id, view if view in scenario.views else
                          (views[0] if views else None))
        self.set_reactive(FlowvizApp.stop_index, self.validate_stop_index(index))
        await self.recompose()
        self.on_mount()

    def action_scroll_panel(self, direction: int) -> None:
        """Scroll the side panel's text by a few lines (``j`` down, ``k`` up)."""
        panel = self.query_one(SidePanel)
        panel.scroll_relative(y=direction * max(1, panel.size.height - 2), animate=False)

    def action_toggle_wiring(self) -> None:
        """Draw the permanent links this step does not use, faintly, where they fit."""
        view = self.query_one(DiagramView)
        view.wiring = not view.wiring
        view.redraw()
        self.notify("Idle wiring shown" if view.wiring else "Idle wiring hidden", timeout=2)

    def action_toggle_sequence(self) -> None:
        """Switch the diagram between the deployment and the step's sequence diagram."""
        view = self.query_one(DiagramView)
        view.sequence = not view.sequence
        view.redraw()
        self.notify("Sequence diagram" if view.sequence else "Deployment diagram", timeout=2)

    def action_quiz(self) -> None:
        """Open the quiz at the current step; a missed step chosen at the end is shown."""
        from flowviz.quiz import build_quiz
        from flowviz.tui.quiz import QuizScreen

        questions = build_quiz(self.scenario, start=self.stop_index)
        if not questions:
            self.notify("No step from here to ask about", timeout=2)
            return

        def went(stop_index: int | None) -> None:
            if stop_index is not None:
                self.stop_index = stop_index

        color = self.query_one(DiagramView).color
        self.push_screen(QuizScreen(self.scenario, questions, color=color), went)

    def action_toggle_panel(self) -> None:
        """Hide or show the side panel (on a terminal too small for both, show it over
        part of the diagram)."""
        panel = self.query_one(SidePanel)
        if self.panel_folded:
            self.panel_wanted = not self.panel_wanted
            self.screen.set_class(not self.panel_wanted, "-panel-folded")
            self._update_header()
        else:
            panel.display = not panel.display

    def action_help(self) -> None:
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        self.push_screen(HelpScreen(bindings))

    def action_export(self) -> None:
        """Save the current stop as SVG and say where it went."""
        from flowviz.tui.export_action import export_folder

        self._export([self.stop], "svg", export_folder(self.export_dir))

    def action_export_all(self) -> None:
        """Save every stop as HTML with an index.html player and say where."""
        from flowviz.tui.export_action import all_steps_folder

        self._export(self.scenario.stops, "html",
                     all_steps_folder(self.scenario, self.export_dir))

    export_dir: Path | None = None
    """The export folder chosen in the app ("Set export folder…"); None: the
    environment's (``FLOWVIZ_EXPORT_DIR``) or the current folder."""

    def action_set_export_folder(self) -> None:
        """Ask for the folder exports go to (an existing one) and say where they will go."""
        from flowviz.tui.export_action import export_folder
        from flowviz.tui.screens.export_folder import ExportFolderScreen

        if self._export_refused():
            return

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.export_dir = folder
                self.notify(f"Exports go to {folder.resolve()}", title="Export folder",
                            timeout=5, markup=False)

        self.push_screen(ExportFolderScreen(export_folder(self.export_dir)), chosen)

    def _export_refused(self) -> bool:
        """True (and the learner told) when exports are off (``flowviz serve``)."""
        if os.environ.get(NO_EXPORT_ENV, "").strip():
            self.notify("Export is off here (flowviz serve --allow-export turns it on)",
                        title="Export off", severity="warning", timeout=6, markup=False)
            return True
        return False

    def _export(self, stops: Sequence[Stop], fmt: str, folder: Path) -> list[Path]:
        from flowviz.tui.export_action import run_export

        if self._export_refused():
            return []

        view = self.query_one(DiagramView)
        size = (view.size.width, view.size.height) if view.size.area else None
        outcome = run_export(self.scenario, stops, fmt, folder, view=self.view_id, size=size)
        self.notify(outcome.message, title="Exported" if outcome.ok else "Export failed",
                    severity="information" if outcome.ok else "error", timeout=8, markup=False)
        return outcome.written

    # -- live reload (--watch) --------------------------------------------------------

    async def _reload_scenario(self, scenario: Scenario) -> None:
        """Show the edited scenario at the stop of the same label, in the same view."""
        from flowviz.tui.live_reload import stop_index_for

        playing = self.playing
        await self._switch_scenario(scenario, stop_index_for(scenario, self.stop),
                                    self.view_id)
        self.playing = playing

    # -- the command palette ---------------------------------------------------------

    def action_command_palette(self) -> None:
        """Open the palette (Textual's, made steady under fast keys: SteadyPalette)."""
        if self.use_command_palette and not isinstance(self.screen, SteadyPalette):
            self.push_screen(SteadyPalette(id="--command-palette"))

    def palette_entries(self) -> list[PaletteEntry]:
        """Every stop, view and service, then every key's action once."""
        return [*scenario_entries(self.scenario, self.go_to, self.switch_view,
                                  self.open_service_details),
                *binding_entries(self.BINDINGS, self.run_action, skip=PALETTE_SKIPS,
                                 extra={"export": export_entries(
                                     self.action_export_all, self.action_set_export_folder)})]

    # -- what widgets tell us --------------------------------------------------------

    @on(StepBar.StepClicked)
    def _step_clicked(self, event: StepBar.StepClicked) -> None:
        self.go_to(event.index)

    @on(DiagramView.Drawn)
    def _drawn(self) -> None:
        self._update_hint()

    def _update_hint(self) -> None:
        """Say what a terminal too small leaves out, and how large it must be."""
        view = self.query_one(DiagramView)
        parts = []
        if self.screen.has_class("-tiny") or self.screen.has_class("-short"):
            parts.append("side panel hidden")
        diagram = view.diagram
        if diagram is not None and diagram.cropped:
            parts.append(f"diagram cut (it needs {diagram.width}×{diagram.height})")
        if parts:
            parts = ["Enlarge the terminal: " + ", ".join(parts)]
        hint = self.query_one("#small-hint", Static)
        hint.update(Text("; ".join(parts)))
        hint.display = bool(parts)

    @on(DiagramView.ServiceClicked)
    def _service_clicked(self, event: DiagramView.ServiceClicked) -> None:
        self.open_service_details(event.service_id)


def create_app(scenario: Scenario, *, step: str | None = None, view: str | None = None,
               animate: bool = True) -> FlowvizApp:
    """Build the walkthrough app (tests, benchmarks and the CLI all start here)."""
    if view is not None and view not in scenario.views:
        known = ", ".join(scenario.views) or "none"
        raise UserError(f"--view {view!r}: no such view (views: {known})")
    return FlowvizApp(scenario, start=resolve_step(scenario, step), view=view, animate=animate)


def run_walkthrough(scenario: Scenario, args: argparse.Namespace) -> int:
    """Run the app for ``flowviz walk``; return the exit status."""
    app = create_app(scenario, step=args.step, view=args.view,
                     animate=not getattr(args, "no_animation", False)
                     and not getattr(args, "reduced_motion", False))
    if getattr(args, "watch", False):
        from flowviz.scenario.loader import resolve

        app.enable_live_reload(resolve(args.scenario))
    app.run()
    return app.return_code or 0
