"""Making YAML text safe and the right width for a cell grid.

Everything drawn from a scenario is data: control characters (an ``ESC`` that
would start a terminal escape sequence, a newline that would break a row) are
replaced, and widths are counted in terminal cells with :func:`rich.cells.cell_len`
so a CJK character or an emoji takes the two cells it really takes.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

from flowviz.errors import BIDI_CONTROLS, bidi_marker


def sanitize(text: str) -> str:
    """``text`` on one line with control and format characters replaced by spaces.

    Bidirectional embedding, override and isolate controls (U+202A–U+202E,
    U+2066–U+2069) show as ``⟨U+202E⟩`` instead: they could make a label or a
    narration read backwards, and an author should see that they are there.
    """
    out = []
    for char in text:
        category = unicodedata.category(char)
        if ord(char) in BIDI_CONTROLS:
            out.append(bidi_marker(char))
        elif category in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" ")
        elif category == "Mn" and not out:
            continue  # a combining mark with nothing to combine with
        else:
            out.append(char)
    return " ".join("".join(out).split())


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, with '…' when cut (never halves a wide char)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = []
    used = 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + "…"


def cells(text: str) -> list[str]:
    """One entry per terminal cell: a wide character is followed by an empty placeholder."""
    out: list[str] = []
    for char in text:
        size = cell_len(char)
        if size == 0:
            if out:
                out[-1] += char  # keep combining marks with their base
            continue
        out.append(char)
        out.extend([""] * (size - 1))
    return out
