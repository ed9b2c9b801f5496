"""Junction glyphs from arm weights, derived from Unicode's own character names.

A cell where lines meet is drawn from the weight of its four arms (up, right,
down, left; each none, light, heavy or double). Rather than typing a table by
hand, it is read from ``unicodedata`` names over U+2500–U+257F, e.g.
"BOX DRAWINGS DOWN LIGHT AND RIGHT HEAVY" → (0, heavy, light, 0) → ┍.
Unicode has no glyph mixing heavy with double; :func:`junction` falls back to
the nearest glyph it has.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from flowviz.diagram.palette import DOUBLE, HEAVY, LIGHT, NONE

Arms = tuple[int, int, int, int]
"""Weights of the (up, right, down, left) arms of a cell."""

_WEIGHTS = {"LIGHT": LIGHT, "SINGLE": LIGHT, "HEAVY": HEAVY, "DOUBLE": DOUBLE}
_DIRECTIONS = {
    "UP": (0,),
    "RIGHT": (1,),
    "DOWN": (2,),
    "LEFT": (3,),
    "VERTICAL": (0, 2),
    "HORIZONTAL": (1, 3),
}


def _arms_from_name(name: str) -> Arms | None:
    """Parse a box-drawing character name into arm weights (None if not a plain junction)."""
    prefix = "BOX DRAWINGS "
    if not name.startswith(prefix) or any(w in name for w in ("DASH", "ARC", "DIAGONAL")):
        return None
    arms = [NONE, NONE, NONE, NONE]
    weight = NONE
    for part in name[len(prefix):].split(" AND "):
        words = part.split()
        # A part's weight comes first ("LIGHT DOWN") or last ("DOWN LIGHT");
        # a part without one inherits the previous part's ("LIGHT DOWN AND RIGHT").
        if words and words[0] in _WEIGHTS:
            weight = _WEIGHTS[words.pop(0)]
        elif words and words[-1] in _WEIGHTS:
            weight = _WEIGHTS[words.pop()]
        for word in words:
            if word not in _DIRECTIONS:
                return None
            for arm in _DIRECTIONS[word]:
                arms[arm] = weight
    if weight == NONE:
        return None
    return (arms[0], arms[1], arms[2], arms[3])


@cache
def junction_table() -> dict[Arms, str]:
    """Every junction glyph in U+2500–U+257F, keyed by its arm weights."""
    table: dict[Arms, str] = {}
    for code in range(0x2500, 0x2580):
        char = chr(code)
        arms = _arms_from_name(unicodedata.name(char, ""))
        if arms is not None and arms not in table:
            table[arms] = char
    return table


def _lighten(arms: Arms, weight: int) -> Arms:
    a, b, c, d = (LIGHT if w == weight else w for w in arms)
    return (a, b, c, d)


@cache
def junction(arms: Arms) -> str:
    """The glyph for a cell with these arm weights, falling back when Unicode lacks it."""
    table = junction_table()
    for candidate in (arms, _lighten(arms, HEAVY), _lighten(arms, DOUBLE),
                      _lighten(_lighten(arms, HEAVY), DOUBLE)):
        if candidate in table:
            return table[candidate]
    return "┼" if all(arms) else "+"


def ascii_junction(arms: Arms) -> str:
    """The ASCII rendering of a junction: '+' where arms meet, else a straight line."""
    up, right, down, left = arms
    if (up or down) and not (left or right):
        return "|"
    if (left or right) and not (up or down):
        return "-"
    return "+"
