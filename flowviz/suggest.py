""" "Did you mean …?" hints for misspelt keys and ids.

A hint compares the word with every candidate (difflib), so checking thousands
of unknown ids against thousands of known ones was quadratic: 5,000 dangling
references took a minute. :class:`Suggester` bounds the work: it compares with
at most :data:`MAX_CANDIDATES` ids (those with the same first letter and a
similar length first: typos rarely change the first letter), remembers
each answer, and gives up hinting after :data:`MAX_HINTS` distinct words, which
is more than a run ever shows (see :data:`flowviz.errors.MAX_SHOWN`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

MAX_CANDIDATES = 150
"""Ids compared with one misspelt word."""
MAX_HINTS = 200
"""Distinct misspelt words a :class:`Suggester` looks for hints for."""
MAX_WORD = 100
"""Longer words get no hint (no id is that long)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    if len(word) > MAX_WORD:
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Suggester:
    """Hints for words misspelt from one set of ids, in bounded time."""

    def __init__(self, choices: Iterable[str]) -> None:
        self._groups: dict[tuple[str, int], list[str]] = {}
        for choice in dict.fromkeys(choices):
            self._groups.setdefault((choice[:1], len(choice)), []).append(choice)
        self._cache: dict[str, str] = {}

    def candidates(self, word: str) -> list[str]:
        """Up to :data:`MAX_CANDIDATES` ids: same first letter and closest length first."""
        out: list[str] = []
        order = sorted(
            self._groups,
            key=lambda group: (group[0] != word[:1], abs(group[1] - len(word)), group),
        )
        for group in order:
            out += self._groups[group][: MAX_CANDIDATES - len(out)]
            if len(out) >= MAX_CANDIDATES:
                break
        return out

    def hint(self, word: str) -> str:
        """`` (did you mean 'x'?)`` or an empty string."""
        if word in self._cache:
            return self._cache[word]
        if len(self._cache) >= MAX_HINTS:
            return ""
        hint = did_you_mean(word, self.candidates(word))
        self._cache[word] = hint
        return hint
