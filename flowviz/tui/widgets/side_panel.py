"""The side panel: what the current stop says, sends, and changes.

Every word comes from the scenario, turned into Rich :class:`Text` by
:func:`flowviz.tui.text.data_text`, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from flowviz.diagram.marks import message_number
from flowviz.diagram.palette import color_hex
from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.text import data_text, one_line
from flowviz.tui.wrapping import PunctuationWrap


def service_name(scenario: Scenario, service_id: str) -> str:
    service = scenario.services.get(service_id)
    return one_line(service.label) if service else one_line(service_id)


def narration_text(stop: Stop) -> Text:
    text = data_text(stop.narration.strip())
    return text


def wire_text(scenario: Scenario, stop: Stop, *, color: bool = True) -> Text:
    """One entry per message: from → to, a type badge, then what is on the wire."""
    text = Text()
    if not stop.messages:
        text.append("Nothing on the wire at this stop.", "dim italic")
        return text
    for number, message in enumerate(stop.messages, start=1):
        if number > 1:
            text.append("\n")
        kind = scenario.message_types[message.type]
        badge_style = f"bold reverse {color_hex(kind.color)}" if color else "bold reverse"
        # The same mark as on the message's arrow in the diagram.
        text.append(message_number(number), f"bold {color_hex(kind.color)}" if color else "bold")
        text.append(" ")
        text.append(f" {one_line(kind.short)} ", badge_style)
        text.append(" ")
        text.append(service_name(scenario, message.source), "bold")
        text.append(" → ")
        text.append(service_name(scenario, message.target), "bold")
        text.append("\n  ")
        text.append(one_line(message.wire), "italic")
        if message.note:
            text.append("\n  ")
            text.append(one_line(message.note), "dim")
    return text


def state_text(scenario: Scenario, stop: Stop) -> Text:
    """The scenario's state fields; the ones that changed here are starred and bold."""
    text = Text()
    if stop.state.is_empty:
        text.append("Nothing yet.", "dim italic")
        return text
    fields = scenario.meta.state_fields
    width = max(12, *(len(f) + 1 for f in fields))
    for number, field in enumerate(fields):
        if number:
            text.append("\n")
        value = stop.state.get(field)
        changed = field in stop.state.changed
        text.append("* " if changed else "  ", "bold")
        text.append(f"{one_line(field):<{width}}", "dim")
        text.append(one_line(value) if value is not None else "—", "bold" if changed else "")
    if stop.state.changed:
        text.append("\n* changed at this stop", "dim italic")
    return text


def caveat_text(stop: Stop) -> Text:
    if not stop.caveat:
        return Text()
    return data_text(stop.caveat.strip(), "italic")


def services_text(scenario: Scenario, stop: Stop) -> Text:
    """The services at work here; those new at this stop are marked."""
    text = Text()
    if not stop.services:
        text.append("None.", "dim italic")
        return text
    for number, service_id in enumerate(stop.services):
        if number:
            text.append(", ")
        text.append(service_name(scenario, service_id))
        if service_id in stop.new_services:
            text.append(" (new)", "bold")
    return text


class SidePanel(VerticalScroll, can_focus=False):
    """Narration, wire, instance state and caveat of the current stop.

    Not focusable, so clicking it never steals the step keys (its wheel still scrolls).
    """

    def __init__(self, scenario: Scenario, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.color = color

    def compose(self) -> ComposeResult:
        # The numbered messages right after the narration: they are what the picture's
        # numbers point at, and a panel below the diagram shows only its first rows.
        meta = self.scenario.meta
        yield Static(id="narration", classes="panel-text")
        yield Static(Text("On the wire"), classes="panel-heading")
        yield Static(id="wire", classes="panel-text")
        yield Static(Text(one_line(meta.state_heading)), classes="panel-heading",
                     id="state-heading")
        yield Static(id="state", classes="panel-text")
        yield Static(Text("Active services"), classes="panel-heading")
        yield Static(id="services", classes="panel-text")
        yield Static(Text(one_line(meta.caveat_heading)), classes="panel-heading caveat",
                     id="caveat-heading")
        yield Static(id="caveat", classes="panel-text caveat")

    def show(self, stop: Stop) -> None:
        """Fill the panel for ``stop``."""
        self.query_one("#narration", Static).update(narration_text(stop))
        self.query_one("#services", Static).update(services_text(self.scenario, stop))
        # Request lines and paths wrap at '/', '&', '=' … too, never inside '{image_id}'.
        self.query_one("#wire", Static).update(
            PunctuationWrap(wire_text(self.scenario, stop, color=self.color)))
        self.query_one("#state", Static).update(state_text(self.scenario, stop))
        has_caveat = bool(stop.caveat)
        self.query_one("#caveat", Static).update(caveat_text(stop))
        self.query_one("#caveat", Static).display = has_caveat
        self.query_one("#caveat-heading", Static).display = has_caveat
        self.scroll_home(animate=False)
