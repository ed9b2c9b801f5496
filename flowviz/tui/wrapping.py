"""Text that wraps at punctuation as well as at spaces, for request lines and paths.

Rich and Textual both wrap at whitespace only, so a wire line such as
``POST /v2.1/servers/{server_id}/os-volume_attachments`` broke wherever the
width ran out, often inside a placeholder (``{imag`` / ``e_id}``). A zero-width
space after each ``/`` does not help: it has no width (``cell_len`` 0) but
neither wraps at it, since it is not whitespace to them. So
:class:`PunctuationWrap` does the wrapping itself, at render time, when the
width is known: it breaks after spaces and after :data:`WIRE_BREAKS`, keeps a
line's indent on its continuation lines, and cuts a token only when it alone is
wider than the line.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

WIRE_BREAKS = "/,&?=;"
"""A line may break after one of these (and after a space)."""


def break_offsets(plain: str, start: int = 0) -> list[int]:
    """Offsets a line of ``plain`` may break at: after a run of spaces or a break mark."""
    offsets = []
    for index in range(start, len(plain) - 1):
        char, following = plain[index], plain[index + 1]
        if (char == " " and following != " ") or (char in WIRE_BREAKS and following != " "):
            offsets.append(index + 1)
    return offsets


def _fold(piece: Text, width: int) -> list[Text]:
    """``piece`` cut into parts of at most ``width`` cells (a token wider than a line)."""
    cuts, used = [], 0
    for index, char in enumerate(piece.plain):
        size = cell_len(char)
        if used + size > width and used:
            cuts.append(index)
            used = 0
        used += size
    return list(piece.divide(cuts))


def wrap_lines(text: Text, width: int) -> list[Text]:
    """``text`` as lines of at most ``width`` cells, broken at spaces and punctuation."""
    width = max(1, width)
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        hang = indent if indent * 2 < width else 0
        current = Text()
        for piece in line.divide(break_offsets(plain, indent)):
            fits = cell_len(current.plain) + cell_len(piece.plain.rstrip(" ")) <= width
            if fits or not current.plain.strip():
                current.append_text(piece)
            else:
                current.rstrip()
                out.append(current)
                current = Text(" " * hang)
                current.append_text(piece)
            while cell_len(current.plain.rstrip(" ")) > width:
                head, *rest = _fold(current, width)
                out.append(head)
                current = Text(" " * hang) if rest else Text()
                for part in rest:
                    current.append_text(part)
        current.rstrip()
        out.append(current)
    return out


class PunctuationWrap:
    """A Rich renderable: ``text`` wrapped by :func:`wrap_lines` at the width it gets."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap_lines(self.text, options.max_width):
            line.end = "\n"
            line.no_wrap = True
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.text.plain.split("\n")
        widest = max((cell_len(line) for line in lines), default=0)
        return Measurement(min(widest, 1), widest).clamp(max_width=options.max_width)
