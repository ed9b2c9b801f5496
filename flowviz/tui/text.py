"""Scenario strings made into Rich text that shows exactly what the YAML says.

Scenario text is data: it is never parsed as markup (a narration saying
``[bold]`` shows the brackets), and control characters are swapped for their
visible Unicode "control pictures" (ESC shows as ␛), so a stray escape sequence
in a YAML file cannot move the cursor or clear the screen.
"""

from __future__ import annotations

from rich.text import Text

from flowviz.errors import printable


def visible(value: str) -> str:
    """``value`` with control characters replaced by visible stand-ins (newlines kept):
    the one rule of every command's output (:func:`flowviz.errors.printable`), so
    ESC shows as ␛ and a bidi override as ⟨U+202E⟩."""
    return printable(value, keep_newlines=True)


def data_text(value: str, style: str = "") -> Text:
    """A :class:`Text` of scenario data: literal, never markup, no control codes."""
    return Text(visible(value), style=style)


def one_line(value: str) -> str:
    """``value`` on one line (for labels and list entries)."""
    return " ".join(visible(value).split())
