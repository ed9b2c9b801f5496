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
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from flowviz.errors import UserError
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.arrangement import (
    SHORT_ROWS,
    TINY_COLUMNS,
    WIDE_COLUMNS,
    Arrangement,
    arrange,
)
from flowviz.tui.exporting import ExportingApp
from flowviz.tui.navigation import resolve_step
from flowviz.tui.preferences import DARK_THEME, LIGHT_THEME, motion_reduced_by_environment
from flowviz.tui.stepping import PLAY_SPEEDS, SteppingApp
from flowviz.tui.text import one_line
from flowviz.tui.walkthrough_keys import NAVIGATION_ACTIONS, PALETTE_SKIPS, WALKTHROUGH_BINDINGS
from flowviz.tui.widgets.diagram_view import DiagramView
from flowviz.tui.widgets.header import StepHeader
from flowviz.tui.widgets.key_footer import KeyFooter
from flowviz.tui.widgets.legend_bar import LegendBar
from flowviz.tui.widgets.side_panel import SidePanel
from flowviz.tui.widgets.step_bar import StepBar

if TYPE_CHECKING:
    from textual.command import Provider

    from flowviz.tui.palette import PaletteEntry


def _walkthrough_commands() -> type[Provider]:
    """The palette's provider, imported only when the palette opens (Textual's palette
    machinery is not needed for the first paint)."""
    from flowviz.tui.commands import WalkthroughCommands

    return WalkthroughCommands


class FlowvizApp(ExportingApp):
    """Step through a scenario: header, diagram, side panel, legend, step bar, footer."""

    CSS_PATH = "app.tcss"
    # Ours list Textual's system commands too; imported when the palette first opens.
    COMMANDS = {lambda: _walkthrough_commands()}  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (TINY_COLUMNS, "-narrow"),  # noqa: RUF012
                              (WIDE_COLUMNS, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_ROWS, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = WALKTHROUGH_BINDINGS

    def __init__(self, scenario: Scenario, *, start: int = 0, view: str | None = None,
                 animate: bool = True) -> None:
        super().__init__(scenario, start=start, view=view)
        self.title = one_line(scenario.meta.title)
        self.motion = animate and not motion_reduced_by_environment()
        """Whether messages travel their links when a step begins."""
        self._diagram_ready = False
        self._screen_built = False
        self.panel_folded = False
        """True when the terminal is too small for the diagram and the panel together."""
        self._came_from: tuple[Scenario, int, str | None, Scenario, int] | None = None
        """Where ``c`` jumped from (scenario, stop, view) and to (scenario, stop)."""
        self.panel_wanted = False
        """The learner asked for the panel (``i``) while it is folded."""
        self._hint_text: str | None = None
        """What the small-terminal hint says now (None: not yet set)."""
        self._fit: tuple[tuple[str | None, int, int], Arrangement] | None = None
        """The last arrangement worked out, and for which view and size."""
    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        color = not self.no_color
        self._hint_text = self._fit = None  # new widgets, maybe a new scenario
        panel = SidePanel(self.scenario, color=color, id="panel")
        if self.size.area:
            # Arranged before anything is styled: arranging after the mount restyled
            # every widget (the screen's classes changed) before the first paint.
            self._apply_fit(self._fit_for(*self.size, stored=True), panel)
        yield StepHeader(self.scenario, id="header")
        with Horizontal(id="main"):
            yield DiagramView(self.scenario, color=color, id="diagram")
            yield panel
        yield Static(Text("Enlarge the terminal for the side panel"), id="small-hint")
        yield LegendBar(self.scenario, color=color, id="legend")
        yield StepBar(self.scenario, id="step-bar")
        yield KeyFooter()

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
        """Put the side panel beside the diagram, below it, or behind ``i``
        (:func:`flowviz.tui.arrangement.arrange`)."""
        self._apply_fit(self._fit_for(width, height), self.query_one(SidePanel))
        self._update_header()

    def _fit_for(self, width: int, height: int, *, stored: bool = False) -> Arrangement:
        """The arrangement at this size, worked out once for the mount and the resize
        events a start brings at the size compose already arranged."""
        key = (self.view_id, width, height)
        if self._fit is None or self._fit[0] != key:
            self._fit = (key, arrange(self.scenario, self.view_id, width, height,
                                      stored=stored))
        return self._fit[1]

    def _apply_fit(self, fit: Arrangement, panel: SidePanel) -> None:
        self.panel_folded = fit.folded
        self.screen.set_class(fit.below or fit.folded, "-panel-below")
        self.screen.set_class(fit.no_legend, "-no-legend")
        self.screen.set_class(fit.folded and not self.panel_wanted, "-panel-folded")
        panel.styles.height = fit.panel_rows if fit.below else "1fr"
        panel.styles.width = "1fr" if fit.below else fit.panel_columns

    # -- state -----------------------------------------------------------------------

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

    def _show_text(self, stop: Stop) -> None:
        self._update_header()
        self.query_one(SidePanel).show(stop)
        self.query_one(LegendBar).show(stop)
        self.query_one(StepBar).set_current(stop.index)

    def status_changed(self) -> None:
        self._update_header()

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

    def switch_view(self, view_id: str) -> None:
        """Draw ``view_id`` (one of ``scenario.views``)."""
        self.view_id = view_id

    def open_service_details(self, service_id: str) -> None:
        """Show a service's role, host and steps, with buttons to go to them."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        from flowviz.tui.screens.service_details import ServiceDetailsScreen

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

    def action_step_list(self) -> None:
        """Open the list of stops to pick one."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        from flowviz.tui.screens.step_list import StepListScreen

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
        self.set_reactive(SteppingApp.view_id, view if view in scenario.views else
                          (views[0] if views else None))
        self.set_reactive(SteppingApp.stop_index, self.validate_stop_index(index))
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
        from flowviz.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(bindings))

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
        from flowviz.tui.commands import SteadyPalette  # when first opened, not at start-up

        if self.use_command_palette and not isinstance(self.screen, SteadyPalette):
            self.push_screen(SteadyPalette(id="--command-palette"))

    def palette_entries(self) -> list[PaletteEntry]:
        """Every stop, view and service, then every key's action once."""
        from flowviz.tui.palette import binding_entries, export_entries, scenario_entries

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
        text = "; ".join(parts)
        if text != self._hint_text:  # the same at most steps: then no new layout
            self._hint_text = text
            hint.update(Text(text))
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
