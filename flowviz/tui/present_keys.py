"""The presenter's keys: clicker keys first (Page Down/Up, arrows, space), a typed
step number with its phase letter, and toggles for what the room sees.

Shared with the notes terminal (:mod:`flowviz.tui.notes`), whose keys mirror
these, and the follower (:mod:`flowviz.tui.follower`), which turns off the ones
that move the talk (:data:`MOVING_ACTIONS`).
"""

from __future__ import annotations

import string

from textual.binding import Binding, BindingType

from flowviz.presenting.presenter import MAX_TYPED_DIGITS, all_phase_letters, phase_letters
from flowviz.scenario.model import Scenario

MAX_TYPED = MAX_TYPED_DIGITS
"""Longest step number a presenter can type (a phase letter may follow)."""

MOVING_ACTIONS = frozenset({"next", "previous", "first", "last", "enter", "rub_out_or_previous",
                            "type_digit", "type_phase", "clear_typed", "toggle_blank",
                            "toggle_auto", "toggle_quiz", "reveal"})
"""Actions that move the talk: off in a follower (it mirrors a presenter) and under help."""

PHASE_BINDINGS: list[BindingType] = [
    Binding(letter, f"type_phase('{letter}')", "After a number, its phase letter (6 then b: 6b)",
            show=False) for letter in string.ascii_lowercase
]
"""Listed before every other binding: while a number is typed and the letter is one of
that step's phases, it is a phase letter (``6`` then ``b`` is 6b, not "blank");
otherwise the binding is off and the letter keeps its own meaning."""


def phase_check(scenario: Scenario | None, typed: str, parameters: tuple[object, ...]) -> bool:
    """Whether ``type_phase(letter)`` applies now: a number typed, and a phase of it."""
    return (scenario is not None and bool(parameters)
            and parameters[0] in phase_letters(scenario, typed))


def help_bindings(bindings: list[BindingType], scenario: Scenario | None) -> list[Binding]:
    """The bindings the help lists: phase letters only those the scenario uses."""
    used = all_phase_letters(scenario) if scenario is not None else frozenset()
    listed = [b for b in bindings if isinstance(b, Binding)]
    phases = [b for b in listed if b.action.startswith("type_phase(") and b.key in used]
    others = [b for b in listed if not b.action.startswith("type_phase(")]
    # Shown right after the digits they follow.
    digits = [i for i, b in enumerate(others) if b.action.startswith("type_digit(")]
    at = digits[-1] + 1 if digits else len(others)
    return others[:at] + phases + others[at:]


PRESENTER_BINDINGS: list[BindingType] = [
    *PHASE_BINDINGS,
    Binding("pagedown,right,space", "next", "Next", key_display="→",
            tooltip="Next step (clicker: Page Down)"),
    Binding("pageup,left", "previous", "Previous", key_display="←",
            tooltip="Previous step (clicker: Page Up)"),
    Binding("enter", "enter", "Next, or go to the typed step",
            tooltip="Go to the typed step number, or the next step"),
    Binding("backspace", "rub_out_or_previous", "Previous, or rub out a typed digit",
            tooltip="Rub out a typed digit, or the previous step"),
    Binding("home", "first", "First", tooltip="Go to the initial state"),
    Binding("end", "last", "Last", tooltip="Go to the final state"),
    *(Binding(str(d), f"type_digit('{d}')", "Type a step number (then Enter)",
              show=False) for d in range(10)),
    Binding("escape", "clear_typed", "Forget the typed number", show=False),
    Binding("b,full_stop", "toggle_blank", "Blank the screen",
            tooltip="Blank the screen; the same key brings it back"),
    Binding("z", "toggle_quiz", "Quiz the room",
            tooltip="Ask the room each next step's question before showing it "
                    "(→ asks, → again or a reveals)"),
    Binding("a", "reveal", "Reveal the answer", show=False,
            tooltip="Reveal the answer of the question on screen and show its step"),
    Binding("t", "toggle_timer", "Elapsed time", tooltip="Show or hide the elapsed time"),
    Binding("n", "toggle_narration", "Narration",
            tooltip="Show or hide the narration (more room for the diagram)"),
    Binding("r", "reset_clock", "Restart the clock", show=False,
            tooltip="Start the elapsed time again from zero"),
    Binding("p", "toggle_auto", "Pause/resume auto-advance", show=False,
            tooltip="Pause or resume --auto"),
    Binding("l", "toggle_theme", "Light/dark theme", show=False,
            tooltip="Switch between the dark and the light theme"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
    Binding("q", "quit", "Quit", tooltip="Leave presenter mode"),
]
"""The presenter's bindings, in the order its help lists them."""
