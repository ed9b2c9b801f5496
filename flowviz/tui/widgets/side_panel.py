"""The side panel: what the current stop says, sends, and changes.

Every word comes from the scenario, turned into Rich :class:`Text` by
:func:`flowviz.tui.text.data_text`, never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
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
    The sections are one renderable in one :class:`Static`: as nine widgets (a
    heading and a text each) they cost a fifth of the walkthrough's start-up to
    style and lay out, and a relayout of the whole screen at every step.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"side-panel--heading", "side-panel--caveat"}
    DEFAULT_CSS = """
    SidePanel > .side-panel--heading {
        text-style: bold;
        color: $accent;
    }
    SidePanel > .side-panel--caveat {
        text-style: bold;
        color: $warning;
    }
    """

    def __init__(self, scenario: Scenario, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.color = color
        self.stop: Stop | None = None
        self.sections: dict[str, Text] = {}
        """What the panel shows for the current stop, by section: ``narration``,
        ``wire``, ``state``, ``services`` and (when the stop has one) ``caveat``."""

    def compose(self) -> ComposeResult:
        yield Static(id="panel-body")

    def show(self, stop: Stop) -> None:
        """Fill the panel for ``stop``."""
        self.stop = stop
        self.sections = {
            "narration": narration_text(stop),
            "wire": wire_text(self.scenario, stop, color=self.color),
            "state": state_text(self.scenario, stop),
            "services": services_text(self.scenario, stop),
        }
        if stop.caveat:
            self.sections["caveat"] = caveat_text(stop)
        self._draw()
        self.scroll_home(animate=False)

    def _draw(self) -> None:
        meta = self.scenario.meta
        heading = self.get_component_rich_style("side-panel--heading", partial=True)
        caveat = self.get_component_rich_style("side-panel--caveat", partial=True)
        sections = self.sections
        # The numbered messages right after the narration: they are what the picture's
        # numbers point at, and a panel below the diagram shows only its first rows.
        parts: list[RenderableType] = [sections["narration"]]
        for key, title, style in (("wire", "On the wire", heading),
                                  ("state", one_line(meta.state_heading), heading),
                                  ("services", "Active services", heading),
                                  ("caveat", one_line(meta.caveat_heading), caveat)):
            if key not in sections:
                continue
            parts += [Text(), Text(title, style)]
            # Request lines and paths wrap at '/', '&', '=' … too, never inside '{image_id}'.
            parts.append(PunctuationWrap(sections[key]) if key == "wire" else sections[key])
        self.query_one("#panel-body", Static).update(Group(*parts))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.stop is not None and self.is_mounted:
            self._draw()  # the headings' colours come from the theme
