"""``flowviz export --sequence``: every format draws the sequence diagram; the handout adds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowviz.cli import main
from flowviz.export.formats import render_stops
from flowviz.scenario.loader import load_scenario


@pytest.mark.parametrize("fmt", ["txt", "svg", "html"])
def test_each_file_draws_the_sequence(fmt: str) -> None:
    scenario = load_scenario("openstack-vm-launch")
    stop = next(s for s in scenario.stops if s.label == "Step 8")
    plain = render_stops(scenario, [stop], fmt)[0].data.decode("utf-8")
    sequence = render_stops(scenario, [stop], fmt, sequence=True)[0].data.decode("utf-8")
    assert plain != sequence
    # Every message is drawn (files have no canvas to run out of): the 12th is there.
    if fmt == "txt":
        assert "(12)" in sequence and "more messages" not in sequence


def test_handout_gains_a_sequence_diagram_per_step() -> None:
    scenario = load_scenario("openstack-vm-launch")
    stops = [s for s in scenario.stops if s.label in ("Step 1", "Step 2a")]
    plain = render_stops(scenario, stops, "md")[0].data.decode("utf-8")
    sequence = render_stops(scenario, stops, "md", sequence=True)[0].data.decode("utf-8")
    assert sequence.count("```text") == plain.count("```text") + 2
    assert "│◀─" in sequence  # the replies of step 2a point back


def test_cli_export_sequence(tmp_path: Path) -> None:
    assert main(["export", "web-request", "--sequence", "--format", "txt", "--out",
                 str(tmp_path), "--steps", "1"]) == 0
    text, = (p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert "①" in text


def test_a_step_file_shows_its_neighbours_and_the_handout_does_not() -> None:
    scenario = load_scenario("openstack-vm-launch")
    stop = next(s for s in scenario.stops if s.label == "Step 6a")
    text = render_stops(scenario, [stop], "txt", sequence=True)[0].data.decode("utf-8")
    # Files are as tall as they need: every message of both neighbours is there.
    assert "┈┈ 5: Process API request" in text and "┈┈ 6b: Pick up" in text
    assert "Quota check" in text and "(last" not in text
    handout = render_stops(scenario, [stop], "md", sequence=True)[0].data.decode("utf-8")
    assert "┈┈ 5" not in handout and "①" in handout
