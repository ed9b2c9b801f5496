"""The walkthrough's keys: every one a binding with a description, so the
Footer, the help screen and the command palette explain themselves."""

from __future__ import annotations

from textual.binding import Binding, BindingType

PALETTE_SKIPS = ("type_digit", "type_phase", "jump", "clear_typed")
"""Binding actions the palette leaves out: they only make sense as typed keys."""

NAVIGATION_ACTIONS = frozenset({
    "next", "previous", "first", "last", "type_digit", "type_phase", "jump", "clear_typed",
    "step_list", "cycle_view", "toggle_play", "faster", "slower", "help", "toggle_panel",
    "scroll_panel", "toggle_wiring", "counterpart", "toggle_sequence", "quiz",
})
"""Actions that act on the walkthrough screen, off while a modal screen is open."""

WALKTHROUGH_BINDINGS: list[BindingType] = [
    Binding("right,l,space,pagedown", "next", "Next", key_display="→",
            tooltip="Go to the next step"),
    Binding("left,h,backspace,pageup", "previous", "Previous", key_display="←",
            tooltip="Go back one step"),
    Binding("home,g", "first", "First", show=False, tooltip="Go to the initial state"),
    Binding("end,G", "last", "Last", show=False, tooltip="Go to the final state"),
    *(Binding(str(d), f"type_digit('{d}')", "Type a step number", show=False)
      for d in range(10)),
    # While a number is being typed every letter is a phase letter ('6' 'b': 6b; an
    # unknown one such as 6c is said, not guessed); otherwise these bindings are off
    # (check_action) and the letter keeps its own meaning below.
    *(Binding(letter, f"type_phase('{letter}')", "Type a phase letter after the number",
              show=False, priority=True, key_display="a–z")
      for letter in "abcdefghijklmnopqrstuvwxyz"),
    Binding("enter", "jump", "Go to the typed step", show=False),
    Binding("escape", "clear_typed", "Forget the typed number", show=False),
    Binding("s", "step_list", "Steps", tooltip="Pick a step from a list"),
    Binding("c", "counterpart", "Then/now",
            tooltip="The same step in the other era's scenario (c again: back)"),
    Binding("v", "cycle_view", "View",
            tooltip="Next view: topology, projects, communication types …"),
    Binding("p", "toggle_play", "Play/Pause", tooltip="Start or pause autoplay"),
    Binding("plus,equals_sign", "faster", "Faster autoplay", show=False),
    Binding("minus", "slower", "Slower autoplay", show=False),
    Binding("m", "toggle_motion", "Motion on/off", show=False),
    Binding("t", "toggle_theme", "Dark/light theme", show=False),
    Binding("i", "toggle_panel", "Show/hide the side panel", show=False),
    Binding("j", "scroll_panel(1)", "Scroll text", key_display="j/k",
            tooltip="Scroll the side panel's text down (k: up)"),
    Binding("k", "scroll_panel(-1)", "Scroll the side panel up", show=False),
    Binding("w", "toggle_wiring", "Idle wiring", show=False,
            tooltip="Show or hide the permanent links the step does not use, faintly"),
    Binding("y", "toggle_sequence", "Sequence", show=False,
            tooltip="Draw this step as a sequence diagram (who says what, in order), "
                    "or back as the deployment"),
    Binding("z", "quiz", "Quiz", show=False,
            tooltip="Predict each step from here before it is shown, then a score"),
    Binding("e", "export", "Export this step", show=False,
            tooltip="Save this step as an SVG file"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
    Binding("q", "quit", "Quit", tooltip="Leave flowviz"),
]
"""Listed in the order the help screen shows them."""
