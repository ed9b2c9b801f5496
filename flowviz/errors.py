"""Errors a user can act on: each names the file, the line and what is wrong.

A hostile scenario can provoke a great many problems, each quoting what it
found (a list aliased a thousand times, a 100 KB id). So every message quotes
at most a short prefix of a value (:func:`quote`), a run keeps at most
:data:`MAX_SHOWN` problems in file order (:class:`Problems`) and says how many
more it found, and nothing printed carries a control character to the terminal
(:func:`printable`).
"""

from __future__ import annotations

import bisect
from typing import Literal

from flowviz.record import record

MAX_SHOWN = 100
"""At most this many problems are reported per run; the rest are counted."""
QUOTE_LIMIT = 40
"""Characters of a value a message quotes before cutting it short."""

Severity = Literal["error", "warning"]

BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""Embedding, override and isolate controls: they reorder the text around them, so a
narration could show a file name or a command backwards. flowviz shows them as
``⟨U+202E⟩`` rather than obeying them (see docs/scenario-format.md)."""

_PRINTABLE = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟ (ESC shows as ␛)
_PRINTABLE[0x7F] = "\u2421"  # ␡
_PRINTABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_PRINTABLE[ord("\t")] = " "
_PRINTABLE.update({code: f"⟨U+{code:04X}⟩" for code in BIDI_CONTROLS})
_PRINTABLE.update({0x2028: "\u2424", 0x2029: "\u2424"})  # line and paragraph separators: ␤


def bidi_marker(char: str) -> str:
    """How a bidirectional control shows: ``⟨U+202E⟩``."""
    return f"⟨U+{ord(char):04X}⟩"


_PRINTABLE_LINES = {**_PRINTABLE, ord("\n"): "\n"}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to print to a terminal (on one line unless ``keep_newlines``).

    The rule the walkthrough uses (``flowviz.tui.text.visible``): control
    characters become their visible Unicode "control pictures" (ESC shows as ␛,
    a newline as ␊), so an escape sequence in a YAML file cannot clear the
    screen, rename the window or make a live link; bidirectional controls show
    as ``⟨U+202E⟩``.
    """
    return text.translate(_PRINTABLE_LINES if keep_newlines else _PRINTABLE)


def quote(value: object, limit: int = QUOTE_LIMIT, *, count: bool = True) -> str:
    """``repr`` of ``value``, cut to a short prefix when long: ``'abc…' (5,000 characters)``.

    ``count=False`` leaves out the length of a cut text (for a message that gives it).
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        length = f" ({len(value):,} characters)" if count else ""
        return f"{value[:limit]!r}…{length}"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        text = str(value)
        return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} digits)"
    if isinstance(value, list):
        return f"a list of {len(value):,} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"a mapping of {len(value):,} key{'s' if len(value) != 1 else ''}"
    return type(value).__name__


@record
class Problem:
    """One thing wrong with a scenario, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    """1-based line, or None when the problem is about the file as a whole."""
    column: int | None = None
    """1-based column, or None."""
    severity: Severity = "error"
    """A warning is printed but does not make a scenario invalid."""

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {prefix}{self.message}" if where else f"{prefix}{self.message}"
        return printable(text)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """File order: path, line, column, then the message."""
        return (self.path, self.line or 0, self.column or 0, self.message)


class Problems:
    """Collects problems, keeping the first :data:`MAX_SHOWN` in file order and counting the rest.

    Memory stays bounded however many problems a hostile file provokes:
    duplicates (the same place, the same words) are kept once.
    """

    def __init__(self, limit: int = MAX_SHOWN) -> None:
        self.limit = limit
        self._kept: list[tuple[tuple[str, int, int, str], Problem]] = []
        self._keys: set[tuple[str, int, int, str]] = set()
        self.omitted = 0
        """Problems found but not kept (beyond the limit)."""
        self.errors = 0
        """Errors found (kept or not); warnings are not counted."""
        self.stopped = False
        """A check gave up early (too many problems): there may be more than counted."""

    def add(self, problem: Problem) -> None:
        key = problem.sort_key
        if key in self._keys:
            return
        if problem.severity == "error":
            self.errors += 1
        if len(self._kept) >= self.limit and key >= self._kept[-1][0]:
            self.omitted += 1
            return
        bisect.insort(self._kept, (key, problem), key=lambda entry: entry[0])
        self._keys.add(key)
        if len(self._kept) > self.limit:
            dropped, _ = self._kept.pop()
            self._keys.discard(dropped)
            self.omitted += 1

    def merge(self, other: Problems) -> None:
        """Add everything ``other`` collected, counting what it left out too."""
        kept = other.kept
        for problem in kept:
            self.add(problem)
        self.omitted += other.omitted
        self.stopped |= other.stopped
        self.errors += other.errors - sum(p.severity == "error" for p in kept)

    @property
    def kept(self) -> list[Problem]:
        """The problems kept, in file order."""
        return [problem for _, problem in self._kept]

    def __len__(self) -> int:
        return len(self._kept) + self.omitted

    def error(self) -> ScenarioError:
        """A :class:`ScenarioError` of everything collected."""
        return ScenarioError(self.kept, omitted=self.omitted, stopped=self.stopped)


class ScenarioError(Exception):
    """A scenario could not be loaded; :attr:`problems` says every reason found.

    At most :data:`MAX_SHOWN` problems are listed; when more were found, the
    list ends with an unlocated "… and N more problems" entry, and
    :attr:`total` counts them all.
    """

    def __init__(
        self, problems: list[Problem], *, omitted: int = 0, stopped: bool = False
    ) -> None:
        ordered = sorted(problems, key=lambda p: p.sort_key)
        shown = ordered[:MAX_SHOWN]
        self.omitted = omitted + len(ordered) - len(shown)
        self.total = len(shown) + self.omitted
        """Every problem found, shown or not (at least that many, if the check stopped early)."""
        self.stopped = stopped
        if self.omitted:
            plural = "s" if self.omitted != 1 else ""
            least = "at least " if stopped else ""
            shown.append(
                Problem("", f"… and {least}{self.omitted:,} more problem{plural} not shown")
            )
        self.problems = shown
        super().__init__("\n".join(str(p) for p in self.problems))


class UserError(Exception):
    """A command-line mistake (bad option value, unwritable file …): one clear line."""
