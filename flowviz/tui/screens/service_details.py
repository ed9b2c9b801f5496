"""Details of one service: what it does, where it runs, and the steps it takes part in."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from flowviz.scenario.model import Scenario
from flowviz.tui.screens.modal import OnceModal
from flowviz.tui.text import data_text, one_line


class ServiceDetailsScreen(OnceModal[int | None]):
    """Dismisses with the stop index of a step the learner picked, or None."""

    DEFAULT_CSS = """
    #details-steps {
        layout: grid;
        grid-size: 5;
        grid-gutter: 0 1;
        height: auto;
        margin: 1 0;
    }
    #details-steps Button {
        min-width: 8;
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss_none", "Close details")]

    def __init__(self, scenario: Scenario, service_id: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.service_id = service_id

    def _facts(self) -> Text:
        service = self.scenario.services[self.service_id]
        project = self.scenario.projects.get(service.project)
        host = self.scenario.hosts.get(service.host)
        text = Text()
        text.append(one_line(service.label), "bold")
        if service.short and service.short != service.label:
            text.append(f"  (drawn as {one_line(service.short)} on small terminals)", "dim")
        text.append(f"  ({service.kind.value})\n\n", "dim")
        text.append_text(data_text(service.role.strip()))
        text.append("\n\nProject: ", "bold")
        text.append(one_line(project.name) if project else one_line(service.project))
        text.append("\nHost:    ", "bold")
        text.append(one_line(host.label) if host else one_line(service.host))
        links = [link for link in self.scenario.links.values()
                 if self.service_id in (link.source, link.target)]
        if links:
            text.append("\n\nLinks:", "bold")
        for link in links:
            other = link.target if link.source == self.service_id else link.source
            arrow = "→" if link.source == self.service_id else "←"
            mtype = self.scenario.message_types.get(link.type)
            text.append(f"\n  {arrow} ")
            text.append(one_line(self.scenario.services[other].label))
            text.append(f"  {one_line(mtype.short if mtype else link.type)}", "dim")
            if link.label:
                text.append("  ")
                text.append(one_line(link.label), "italic")
        steps = self.scenario.steps_of_service(self.service_id)
        text.append("\n\nTakes part in: ", "bold")
        text.append(", ".join(f"step {n}" for n in steps) if steps else "no step", "")
        return text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="details-body", classes="modal-body"):
            yield Static(self._facts(), id="details-facts")
            with Horizontal(id="details-steps"):
                for number in self.scenario.steps_of_service(self.service_id):
                    yield Button(f"Step {number}", id=f"goto-{number}", classes="goto")
            yield Button("Close", id="details-close", variant="primary")

    @on(Button.Pressed, ".goto")
    def go_to_step(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        number = int(event.button.id.removeprefix("goto-"))
        self.dismiss(self.scenario.stop_for_step(number).index)

    @on(Button.Pressed, "#details-close")
    def close(self) -> None:
        self.dismiss(None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
