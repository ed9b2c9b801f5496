"""The marks that number a stop's messages, on their arrows and in every list of them.

Kept apart (and free of imports) so the side panel and the exports can number
messages without loading the drawing code.
"""

from __future__ import annotations

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
"""Circled numbers up to 10 only: common monospace fonts (DejaVu Sans Mono among them)
lack ⑪ and beyond, which would show as boxes; from 11 on a mark is (11)."""


def message_number(n: int, *, ascii: bool = False) -> str:
    """The mark of a stop's ``n``-th message: ① … ⑩, else (and in ASCII) ``(n)``."""
    if not ascii and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    return f"({n})"


def message_marks(numbers: tuple[int, ...], *, ascii: bool = False) -> str:
    """The marks of the messages sharing one arrow: ``①③``, or ``(1,3)`` in ASCII."""
    if not ascii and all(1 <= n <= len(CIRCLED) for n in numbers):
        return "".join(CIRCLED[n - 1] for n in numbers)
    return "(" + ",".join(str(n) for n in numbers) + ")"
