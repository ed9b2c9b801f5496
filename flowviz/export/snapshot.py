"""One stop as a picture with its words: what every export format is made of.

A :class:`Snapshot` holds a stop's frame exactly as the shared engine draws it
(:meth:`flowviz.diagram.Diagram.frame`, the same call the walkthrough makes)
plus the legend and the stop's text. This module composes them into one Rich
renderable (title, diagram, legend, narration, messages on the wire, state,
caveat) and records that with a Rich console to SVG, HTML, plain or ANSI text.
Nothing here draws a line of the diagram itself.

Scenario strings are data: they become :class:`rich.text.Text` from plain
strings (never markup), with control characters shown as visible stand-ins, and
Rich escapes them in SVG and HTML.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.terminal_theme import MONOKAI, TerminalTheme
from rich.text import Text

from flowviz.diagram.engine import build_diagram
from flowviz.diagram.frame import Frame
from flowviz.diagram.labels import sanitize
from flowviz.diagram.legend import legend_text
from flowviz.diagram.marks import message_number
from flowviz.diagram.palette import color_hex
from flowviz.diagram.sequence import sequence_height
from flowviz.diagram.sequence_paint import sequence_frame
from flowviz.errors import printable
from flowviz.scenario.model import Message, Scenario, Stop

THEME: TerminalTheme = MONOKAI
"""The colours of SVG and HTML exports: a dark terminal, like the walkthrough's default."""

MONOSPACE_FONTS = "'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace"
"""The SVG's font list: browsers take the first one installed."""

SVG_FORMAT = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S).replace(
    "font-family: Fira Code, monospace;", "font-family: {font_family};"
)
"""Rich's SVG template without its web fonts: an exported file never reaches the network."""

HEADING = Style(bold=True)
DIM = Style(dim=True)


def visible(value: str) -> str:
    """``value`` with control characters as visible stand-ins (ESC → ␛), newlines kept.

    Bidirectional controls (U+202E …) show as ``⟨U+202E⟩`` (:func:`flowviz.errors.printable`).
    """
    return printable(value, keep_newlines=True)


def position_label(scenario: Scenario, stop: Stop) -> str:
    """``Step 6a of 15``, ``Initial state`` or ``Final state``."""
    if stop.step_number is None:
        return sanitize(stop.label)
    return f"Step {stop.step_number}{stop.phase or ''} of {len(scenario.steps)}"


def stop_heading(scenario: Scenario, stop: Stop) -> str:
    """``Step 6a of 15 · Publish …``; a bookend titled as its label is named once."""
    label = position_label(scenario, stop)
    title = sanitize(stop.title)
    if stop.is_bookend and title.lower() in ("", label.lower()):
        return label
    return f"{label} · {title}"


def service_name(scenario: Scenario, service_id: str) -> str:
    service = scenario.services.get(service_id)
    return sanitize(service.label) if service else service_id


def message_cells(scenario: Scenario, message: Message, *, color: bool,
                  number: int) -> tuple[Text, Text, Text]:
    """``① Dashboard → Keystone`` (numbered as on its arrow), ``REST`` (in the type's
    colour) and what is on the wire."""
    mtype = scenario.message_types.get(message.type)
    badge = sanitize(mtype.short) if mtype else message.type
    badge_style = Style(bold=True, color=color_hex(mtype.color) if mtype and color else None)
    route = Text.assemble(
        (message_number(number) + " ", badge_style),
        (service_name(scenario, message.source), HEADING),
        (" → ", ""),
        (service_name(scenario, message.target), HEADING),
    )
    wire = Text(sanitize(message.wire))
    if message.note:
        wire.append(f" ({sanitize(message.note)})", DIM)
    return route, Text(badge, style=badge_style), wire


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A stop drawn at one size: the engine's frame, the legend and the stop's text."""

    scenario: Scenario
    stop: Stop
    frame: Frame
    legend: Text
    color: bool
    width: int
    """Cells per line of every export: the requested width, or the frame's if wider."""
    sequence: Frame | None = None
    """The stop's sequence diagram, every message drawn, when it was asked for."""

    def title(self) -> str:
        """``Step 6a of 15 · Publish the request`` (one line, plain)."""
        return stop_heading(self.scenario, self.stop)

    def heading(self) -> Text:
        return Text(self.title(), style=HEADING, no_wrap=True, overflow="ellipsis")

    def diagram_lines(self) -> list[Text]:
        """The frame's lines, less the blank rows above and below the drawing.

        The engine centres its picture on the canvas; a file has no canvas to
        fill, so the empty margin rows go (every other row is the frame's own).
        """
        lines = self.frame.lines
        filled = [i for i, line in enumerate(lines) if line.plain.strip()]
        if not filled:
            return list(lines)
        return lines[filled[0] : filled[-1] + 1]

    def picture(self) -> Text:
        """The diagram lines and the legend under them."""
        picture = Text("\n", no_wrap=True, overflow="ignore").join(self.diagram_lines())
        picture.append("\n\n")
        picture.append_text(self.legend)
        return picture

    def narration(self) -> Text:
        return Text(visible(self.stop.narration.strip()))

    def messages(self) -> Group | None:
        """``On the wire`` and a row per message; a long wire wraps in its own column."""
        if not self.stop.messages:
            return None
        table = Table.grid(padding=(0, 2), pad_edge=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for number, message in enumerate(self.stop.messages, start=1):
            table.add_row(*message_cells(self.scenario, message, color=self.color,
                                         number=number))
        return Group(Text("On the wire", style=HEADING), table)

    def state(self) -> Text | None:
        state = self.stop.state
        if state.is_empty:
            return None
        text = Text(sanitize(self.scenario.meta.state_heading) + "  ", style=HEADING)
        for name, value in state.values:
            style = Style(bold=True, underline=True) if name in state.changed else Style()
            text.append(f"{name}=", DIM)
            text.append(sanitize(value or "None"), style)
            text.append("  ")
        text.rstrip()
        return text

    def caveat(self) -> Text | None:
        if not self.stop.caveat:
            return None
        style = Style(italic=True, color=color_hex("orange") if self.color else None)
        return Text.assemble(("Caveat: ", HEADING), (visible(self.stop.caveat.strip()), style))

    def details(self) -> list[Text | Group]:
        """Everything under the picture: narration, messages, state, caveat."""
        parts = [self.narration(), self.messages(), self.state(), self.caveat()]
        return [p for p in parts if p is not None and not (isinstance(p, Text) and not p.plain)]

    def renderable(self) -> Group:
        """Title, diagram, legend, narration, messages, state and caveat, a blank line apart."""
        blocks: list[Text | Group] = [self.heading(), self.picture(), *self.details()]
        spaced: list[Text | Group] = []
        for block in blocks:
            if spaced:
                spaced.append(Text(""))
            spaced.append(block)
        return Group(*spaced)


def take_snapshot(
    scenario: Scenario,
    stop: Stop,
    *,
    view: str | None,
    size: tuple[int, int],
    color: bool = True,
    ascii: bool = False,
    sequence: bool = False,
    neighbours: bool = False,
) -> Snapshot:
    """Draw ``stop`` with the shared engine at ``size`` (built once per size and view);
    with ``sequence``, its sequence diagram too, as tall as its messages need (with
    ``neighbours``, and those of the stops either side drawn for context)."""
    width, height = size
    diagram = build_diagram(scenario, view, width, height, ascii=ascii)
    frame = diagram.frame(stop, color=color)
    cells = max(width, frame.width)
    legend = legend_text(scenario, stop, cells, ascii=ascii, color=color)
    sequence_picture = None
    if sequence:
        height = sequence_height(scenario, stop, width, ascii=ascii, neighbours=neighbours)
        sequence_picture = sequence_frame(scenario, stop, width, height, ascii=ascii,
                                          color=color, neighbours=neighbours)
    return Snapshot(scenario, stop, frame, legend, color, cells, sequence_picture)


def recording_console(width: int) -> Console:
    """A console that records at ``width`` cells, the same whatever the environment."""
    return Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        no_color=False,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def _record(snapshot: Snapshot, renderable: Group | Text) -> Console:
    console = recording_console(snapshot.width)
    console.print(renderable, crop=False)
    return console


def to_svg(snapshot: Snapshot, *, fonts: str = MONOSPACE_FONTS) -> str:
    """The whole snapshot as an SVG image (its ids are content hashes: deterministic).

    ``fonts`` is the CSS font list of the text; a rasteriser that reads only
    the first name (cairosvg) is given plain ``monospace``.
    """
    console = _record(snapshot, snapshot.renderable())
    scenario = snapshot.scenario
    title = f"{sanitize(scenario.meta.title)} — {position_label(scenario, snapshot.stop)}"
    code_format = SVG_FORMAT.replace("{font_family}", fonts.replace("{", "").replace("}", ""))
    return console.export_svg(title=title, theme=THEME, code_format=code_format)


def to_text(snapshot: Snapshot, *, styles: bool = False) -> str:
    """The whole snapshot as text: plain, or with ANSI colour codes when ``styles``."""
    return _record(snapshot, snapshot.renderable()).export_text(styles=styles)


def html_code(snapshot: Snapshot, renderable: Group | Text) -> str:
    """``renderable`` as escaped HTML spans with inline styles, for a ``<pre>``."""
    console = _record(snapshot, renderable)
    return console.export_html(theme=THEME, inline_styles=True, code_format="{code}")


def picture_html(snapshot: Snapshot) -> str:
    """Only the diagram and the legend as HTML spans (the player sets the words beside it)."""
    return html_code(snapshot, snapshot.picture())
