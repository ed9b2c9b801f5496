"""Which stops an export covers (``--steps 1-3,7``), its canvas size, and file names.

Plain functions over the model, so the CLI rejects a bad ``--steps`` or
``--size`` before anything is drawn, and the TUI can name files the same way.
"""

from __future__ import annotations

import re
import unicodedata

from flowviz.errors import UserError
from flowviz.scenario.model import Scenario, Stop

BOOKEND_WORDS: dict[str, str] = {
    "initial": "initial",
    "start": "initial",
    "final": "final",
    "end": "final",
}
"""Words a spec may use for the initial and the final state."""

MAX_SIZE = 1000
"""Largest width or height accepted by ``--size`` (a sanity bound, not a limit of Rich)."""

_SIZE = re.compile(r"^\s*(\d+)\s*[xX×]\s*(\d+)\s*$")
_KEY = re.compile(r"^(\d+)([a-z]?)$")


def stop_key(stop: Stop) -> str:
    """A stop as a learner types it: ``3``, ``6b``, ``initial`` or ``final``."""
    if stop.step_number is None:
        return "initial" if stop.index == 0 else "final"
    return f"{stop.step_number}{stop.phase or ''}"


def _span(scenario: Scenario, key: str, spec: str) -> tuple[int, int]:
    """First and last stop index that ``key`` names (a whole step spans its phases)."""
    text = key.strip().lower()
    stops = scenario.stops
    if text in BOOKEND_WORDS:
        index = 0 if BOOKEND_WORDS[text] == "initial" else len(stops) - 1
        return index, index
    match = _KEY.match(text)
    if match is None:
        raise UserError(
            f"--steps {spec!r}: {key.strip()!r} is not a step (use numbers such as 3, "
            "phases such as 6b, 'initial', 'final', ranges such as 1-3, separated by commas)"
        )
    number, phase = int(match.group(1)), match.group(2)
    found = [
        s.index
        for s in stops
        if s.step_number == number and (not phase or (s.phase or "").lower() == phase)
    ]
    if not found:
        numbers = [s.number for s in scenario.steps]
        known = f"steps {numbers[0]}–{numbers[-1]}" if numbers else "no steps"
        raise UserError(f"--steps {spec!r}: no step {key.strip()!r} in this scenario ({known})")
    return found[0], found[-1]


def select_stops(scenario: Scenario, spec: str | None) -> list[Stop]:
    """The stops ``spec`` names, in walkthrough order (None or '' or 'all': every stop).

    ``1-3,7`` · ``6b`` · ``initial`` · ``final`` · ``initial-2`` · ``14-final``.
    A step with phases stands for all its phases; a range runs from the first
    stop of its start to the last stop of its end.
    """
    stops = scenario.stops
    if spec is None or spec.strip().lower() in ("", "all"):
        return list(stops)
    chosen: set[int] = set()
    for item in spec.split(","):
        if not item.strip():
            raise UserError(f"--steps {spec!r}: an empty item (two commas, or a trailing one)")
        ends = item.split("-")
        if len(ends) > 2:
            raise UserError(f"--steps {spec!r}: {item.strip()!r} is not a range such as 1-3")
        first, _ = _span(scenario, ends[0], spec)
        _, last = _span(scenario, ends[-1], spec)
        if last < first:
            raise UserError(f"--steps {spec!r}: the range {item.strip()!r} runs backwards")
        chosen.update(range(first, last + 1))
    return [stops[i] for i in sorted(chosen)]


def parse_size(spec: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` (e.g. ``120x36``) as a pair; UserError when malformed."""
    match = _SIZE.match(spec)
    if match is None:
        raise UserError(f"--size {spec!r}: expected WIDTHxHEIGHT, such as 120x36")
    width, height = int(match.group(1)), int(match.group(2))
    if not (40 <= width <= MAX_SIZE and 10 <= height <= MAX_SIZE):
        raise UserError(
            f"--size {spec!r}: the width must be 40–{MAX_SIZE} and the height 10–{MAX_SIZE}"
        )
    return width, height


def slug(text: str, *, limit: int = 48) -> str:
    """``text`` as a lower-case ASCII name fragment: 'Publish to queue' → 'publish-to-queue'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(words) > limit:
        words = words[:limit]
        words = words.rsplit("-", 1)[0] if "-" in words else words
    return words


def file_stem(scenario: Scenario, stop: Stop) -> str:
    """The sortable name of a stop's file: ``00-initial-state``, ``06a-…``, ``16-final-state``.

    The number is zero-padded to the width of the final state's number (two
    digits at least), so names sort in walkthrough order; the final state takes
    the number after the last step, the initial state 0.
    """
    last = max((s.number for s in scenario.steps), default=0)
    digits = max(2, len(str(last + 1)))
    if stop.step_number is None:
        number = 0 if stop.index == 0 else last + 1
        prefix = f"{number:0{digits}d}"
        words = slug(stop.label) or ("initial-state" if stop.index == 0 else "final-state")
    else:
        prefix = f"{stop.step_number:0{digits}d}{(stop.phase or '').lower()}"
        words = slug(stop.title) or "step"
    return f"{prefix}-{words}"
