"""The side panel: what the current stop says, sends, and changes.

Every word comes from the scenario, turned into Rich :class:`Text` by
:func:`flowviz.tui.text.data_text`, never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from flowviz.bounded import LRU
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


BAR_COLUMNS = 1
"""The scrollbar's width, at the panel's right edge."""
PANEL_STOPS = 8
"""How many stops' rendered lines the panel keeps (LRU): going back and forth is free."""
PREFETCH_DELAY = 0.06
"""Seconds after a stop is shown before the panel renders the stops either side."""


class SidePanel(ScrollView, can_focus=False):
    """Narration, wire, instance state and caveat of the current stop.

    Not focusable, so clicking it never steals the step keys (its wheel still scrolls).
    The sections are one renderable, rendered to lines once per stop and width and
    drawn with the Line API (as the diagram is): as nine Statics of automatic height
    they cost a fifth of the start-up to style and, at every step, their text was
    wrapped twice (to measure, then to draw) and the screen laid out again. The
    neighbouring stops are rendered while the learner reads.

    The scrollbar is drawn in the last column with the lines (a track and a thumb;
    the wheel, a click or a drag on it scroll): Textual's scrollbar widget was
    repainted whole at every step, for a new length of text, ~3 ms of a step at
    160×45.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"side-panel--heading", "side-panel--caveat",
                                             "side-panel--track", "side-panel--thumb"}
    DEFAULT_CSS = """
    SidePanel {
        overflow-x: hidden;
        overflow-y: hidden;
    }
    SidePanel > .side-panel--track {
        background: $scrollbar-background;
    }
    SidePanel > .side-panel--thumb {
        background: $scrollbar;
    }
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
        self._lines: list[Strip] = []
        self._sections: LRU[int, dict[str, Text]] = LRU(PANEL_STOPS)
        self._rendered: LRU[tuple[int, int], list[Strip]] = LRU(PANEL_STOPS)
        self._prefetch_timer: Timer | None = None
        self._dragging = False

    def show(self, stop: Stop) -> None:
        """Fill the panel for ``stop``."""
        self.stop = stop
        self.sections = self._sections_of(stop)
        self._draw(scroll_home=True)

    def _sections_of(self, stop: Stop) -> dict[str, Text]:
        """:func:`stop_sections` of ``stop``, made once (the neighbours' are made while
        the learner reads, for their lines)."""
        sections = self._sections.get(stop.index)
        if sections is None:
            sections = stop_sections(self.scenario, stop, color=self.color)
            self._sections.put(stop.index, sections)
        return sections

    def _text_width(self) -> int:
        """The width the text is wrapped to: the content, less the scrollbar's column
        (kept whether or not the text is longer than the panel, so it never reflows)."""
        return max(1, self.content_region.width - BAR_COLUMNS)

    def _render_stop(self, stop: Stop, width: int) -> list[Strip]:
        key = (stop.index, width)
        lines = self._rendered.get(key)
        if lines is None:
            sections = self._sections_of(stop)
            console = self.app.console
            options = console.options.update(width=width, min_width=width, max_width=width,
                                             height=None, highlight=False)
            rows = console.render_lines(self._renderable(sections), options, pad=True)
            style = self.rich_style  # the background: styled once, not at every paint
            lines = [Strip(row, width).apply_style(style) for row in rows]
            self._rendered.put(key, lines)
        return lines

    def _renderable(self, sections: dict[str, Text]) -> RenderableType:
        meta = self.scenario.meta
        heading = self.get_component_rich_style("side-panel--heading", partial=True)
        caveat = self.get_component_rich_style("side-panel--caveat", partial=True)
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
        return Group(*parts)

    def _draw(self, *, scroll_home: bool = False) -> None:
        if self.stop is None or not self.is_mounted or self.content_region.width <= 0:
            return
        width = self._text_width()
        before, self._lines = self._lines, self._render_stop(self.stop, width)
        size = Size(width, len(self._lines))
        if self.virtual_size.area and size != self.virtual_size:
            # A new length of text changes nothing in the screen's layout (setting
            # virtual_size lays the screen out again, and repaints every widget).
            self.set_reactive(ScrollView.virtual_size, size)
        else:
            self.virtual_size = size
        if scroll_home and self.scroll_offset.y:
            self.scroll_home(animate=False, immediate=True)
            self.refresh()
        elif before is not self._lines:
            # Only the rows on view whose text changed (the blank rows below stay).
            top = self.scroll_offset.y
            changed = [y for y in range(top, top + self.scrollable_content_region.height)
                       if (before[y] if y < len(before) else None)
                       != (self._lines[y] if y < len(self._lines) else None)]
            if changed:
                self.refresh_lines(changed[0], changed[-1] - changed[0] + 1)
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)

    def _prefetch(self) -> None:
        self._prefetch_timer = None
        if self.stop is None or self.content_region.width <= 0:
            return
        stops, width = self.scenario.stops, self._text_width()
        for index in (self.stop.index + 1, self.stop.index - 1):
            if 0 <= index < len(stops):
                self._render_stop(stops[index], width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        text = max(0, width - BAR_COLUMNS)
        line = y + self.scroll_offset.y
        if 0 <= line < len(self._lines):
            strip = self._lines[line]
            if strip.cell_length != text:
                strip = strip.crop_extend(0, text, None)
        else:
            strip = Strip.blank(text, self.rich_style)
        return Strip.join([strip, self._bar_cell(y)]) if width > text else strip

    def _thumb(self) -> tuple[int, int] | None:
        """The thumb's first row and its number of rows, or None (the text fits)."""
        height, total = self.scrollable_content_region.height, len(self._lines)
        if height <= 0 or total <= height:
            return None
        size = max(1, round(height * height / total))
        top = round(self.scroll_offset.y * (height - size) / (total - height))
        return top, size

    def _bar_cell(self, y: int) -> Strip:
        thumb = self._thumb()
        if thumb is None:
            return Strip.blank(BAR_COLUMNS, self.rich_style)
        on = thumb[0] <= y < thumb[0] + thumb[1]
        style = self.get_component_rich_style("side-panel--thumb" if on else "side-panel--track")
        return Strip([Segment(" " * BAR_COLUMNS, style)], BAR_COLUMNS)

    @property
    def allow_vertical_scroll(self) -> bool:
        """The wheel scrolls the text when it is longer than the panel (there is no
        Textual scrollbar to say so)."""
        return not self._check_disabled() and self.max_scroll_y > 0

    def _scroll_to_row(self, y: int) -> None:
        """Scroll so that the thumb centres on row ``y`` of the bar."""
        height, total = self.scrollable_content_region.height, len(self._lines)
        if total > height > 0:
            self.scroll_to(y=round(y * (total - height) / max(1, height - 1)), animate=False)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        where = event.get_content_offset(self)
        width = self.scrollable_content_region.width
        if where is not None and where.x >= width - BAR_COLUMNS and self._thumb() is not None:
            self._dragging = True
            self.capture_mouse()
            self._scroll_to_row(where.y)
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self._scroll_to_row(event.y - self.scrollable_content_region.y + self.region.y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rendered.clear()  # the headings' colours and the background come from the theme
        if self.stop is not None and self.is_mounted:
            self._draw()


def stop_sections(scenario: Scenario, stop: Stop, *, color: bool) -> dict[str, Text]:
    """The panel's sections for ``stop`` (see :attr:`SidePanel.sections`)."""
    sections = {
        "narration": narration_text(stop),
        "wire": wire_text(scenario, stop, color=color),
        "state": state_text(scenario, stop),
        "services": services_text(scenario, stop),
    }
    if stop.caveat:
        sections["caveat"] = caveat_text(stop)
    return sections
