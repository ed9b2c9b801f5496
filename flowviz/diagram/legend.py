"""The legend of message types: a sample of each type's line and its name.

Types in play at a stop are lit (their colour, bold, and a '▸' mark so the
cue survives monochrome); the rest are dim. Entries wrap onto more lines when
the width is short, and fall back to the types' short badges (``AMQP``).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from flowviz.diagram.labels import fit, sanitize
from flowviz.diagram.palette import color_hex, line_glyphs
from flowviz.scenario.model import MessageType, Scenario, Stop


def _entry(mtype: MessageType, in_play: bool, *, use_short: bool, ascii: bool,
           color: bool) -> list[tuple[str, Style]]:
    glyphs = line_glyphs(mtype.line, ascii=ascii)
    sample = glyphs.horizontal * 3 + glyphs.arrows["r"]
    name = sanitize(mtype.short if use_short else mtype.name) or mtype.id
    # The mark touches its own entry's sample, so it cannot be read as closing the
    # entry before it.
    mark = (">" if ascii else "▸") if in_play else " "
    if color:
        hue = color_hex(mtype.color)
        line_style = Style(color=hue, bold=in_play, dim=not in_play)
    else:
        line_style = Style(bold=in_play, dim=not in_play)
    name_style = Style(bold=True) if in_play else Style(dim=True)
    return [(mark, name_style), (sample, line_style), (" " + fit(name, 30), name_style)]


def legend_lines(scenario: Scenario, stop: Stop | None, width: int, *, ascii: bool = False,
                 color: bool = True) -> list[Text]:
    """The legend laid out in lines of at most ``width`` cells."""
    in_play = set(stop.message_types) if stop is not None else set()
    used = {link.type for link in scenario.links.values()}
    types = [t for t in scenario.message_types.values() if t.id in used or t.id in in_play]
    for use_short in (False, True):
        entries = [_entry(t, t.id in in_play, use_short=use_short, ascii=ascii, color=color)
                   for t in types]
        widths = [sum(cell_len(part) for part, _ in e) for e in entries]
        if use_short or sum(widths) + 3 * (len(widths) - 1) <= width:
            break
    lines: list[Text] = []
    current = Text(no_wrap=True, overflow="crop", end="")
    for entry, entry_width in zip(entries, widths, strict=True):
        gap = 3 if current.cell_len else 0
        if current.cell_len and current.cell_len + gap + entry_width > width:
            lines.append(current)
            current = Text(no_wrap=True, overflow="crop", end="")
            gap = 0
        current.append(" " * gap)
        for part, style in entry:
            current.append(part, style)
    if current.cell_len or not lines:
        lines.append(current)
    for line in lines:
        line.truncate(width, pad=True)
    return lines


def legend_text(scenario: Scenario, stop: Stop | None, width: int, *, ascii: bool = False,
                color: bool = True) -> Text:
    """The legend as one Text (lines joined by newlines)."""
    return Text("\n", end="").join(legend_lines(scenario, stop, width, ascii=ascii, color=color))
