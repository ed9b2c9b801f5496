"""Bidirectional controls (U+202A–U+202E, U+2066–U+2069) show as ⟨U+202E⟩ in every export.

They would make a narration or a label read backwards ("gnp.exe" shown as
"exe.png"); docs/scenario-format.md says flowviz shows them rather than obeys them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flowviz.diagram.labels import sanitize
from flowviz.export.formats import render_stops
from flowviz.export.snapshot import visible
from flowviz.scenario.loader import load_scenario
from tests.conftest import EXAMPLE

CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


@pytest.mark.parametrize("code", CONTROLS)
def test_each_control_shows_as_its_code_point(code: int) -> None:
    text = f"a{chr(code)}b"
    assert sanitize(text) == f"a⟨U+{code:04X}⟩b"
    assert visible(text + "\nc") == f"a⟨U+{code:04X}⟩b\nc"


def test_other_format_characters_are_unchanged_by_the_rule() -> None:
    assert sanitize("a\u200bb\x1bc") == "a b c"  # still spaces, as before


@pytest.mark.parametrize("fmt", ["txt", "ansi", "svg", "html", "md"])
def test_no_export_carries_a_bidi_control(tmp_path: Path, fmt: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "      The browser opens a connection to the web server and sends a GET\n",
        "      Open \u202egnp.exe now. The browser opens a connection to the web server"
        " and sends a GET\n",
        1,
    ).replace("    title: The browser asks for the page", "    title: \"Asks \u2067x\u2069\"")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    stop = scenario.stop_for_step(1)
    for file in render_stops(scenario, [stop], fmt, size=(100, 30)):
        data = file.data.decode("utf-8")
        assert not any(chr(code) in data for code in CONTROLS), (fmt, file.name)
        assert "⟨U+202E⟩gnp.exe" in data, (fmt, file.name)
