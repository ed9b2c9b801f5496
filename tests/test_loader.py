"""The loader on good input: bundled scenarios load, and the model is what the YAML says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flowviz.scenario.bundled import DEFAULT_SCENARIO, bundled_ids
from flowviz.scenario.loader import load_scenario
from tests.conftest import EXAMPLE, bundled_scenario_dirs


@pytest.mark.parametrize("folder", bundled_scenario_dirs(), ids=lambda p: p.name)
def test_every_bundled_scenario_loads(folder: Path) -> None:
    scenario = load_scenario(folder)
    assert scenario.meta.id == folder.name
    assert scenario.stops[0].label == "Initial state"
    assert scenario.stops[-1].label == "Final state"


def test_bundled_ids_include_the_default() -> None:
    assert DEFAULT_SCENARIO in bundled_ids()
    assert "web-request" in bundled_ids()


def test_a_bundled_id_and_its_path_load_the_same_scenario() -> None:
    assert load_scenario("web-request") == load_scenario(EXAMPLE.parent)


def test_single_file_scenario_loads() -> None:
    scenario = load_scenario(EXAMPLE)
    assert [s.number for s in scenario.steps] == [1, 2, 3, 4, 5]


def test_messages_resolve_to_their_links_in_either_direction() -> None:
    scenario = load_scenario("web-request")
    reply = scenario.steps[3].messages[2]
    assert (reply.source, reply.target) == ("proxy", "browser")
    assert reply.link == "browser-proxy-http"
    assert scenario.links[reply.link].target == "proxy"


def test_new_services_are_those_not_active_at_the_previous_stop() -> None:
    stops = load_scenario("web-request").stops
    assert stops[1].new_services == ("browser", "proxy")
    assert stops[2].new_services == ("app",)
    assert stops[5].new_services == ("worker",)


def test_defaults_fill_short_labels_colours_and_projects() -> None:
    scenario = load_scenario("web-request")
    assert scenario.services["db"].short == "PostgreSQL"
    assert scenario.services["db"].project == "other"
    assert "other" in scenario.projects
    assert scenario.message_types["http"].color == "blue"


def test_text_that_looks_like_markup_loads_verbatim(
    write_scenario: Callable[[str], Path], example_text: str
) -> None:
    text = example_text.replace(
        "title: Before the click", 'title: "[red]Before\\x1b[2J <b>the</b> click"'
    )
    scenario = load_scenario(write_scenario(text))
    assert scenario.initial.title == "[red]Before\x1b[2J <b>the</b> click"


def test_the_documented_example_is_the_bundled_file() -> None:
    doc = (EXAMPLE.parent.parent.parent / "docs" / "scenario-format.md").read_text()
    assert "```yaml\n" + EXAMPLE.read_text() + "```" in doc


def test_whole_floats_are_whole_numbers(tmp_path: Path) -> None:
    """JSON Schema's integer admits 2.0 (YAML reads ``number: 2.0`` as a float): the
    step is step 2, not "2.0", and its label and stop lookup say so."""
    from flowviz.scenario.loader import load_scenario

    source = Path(__file__).resolve().parent.parent / "steps" / "web-request"
    text = (source / "scenario.yaml").read_text(encoding="utf-8")
    assert "  - number: 2\n" in text
    folder = tmp_path / "floats"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(text.replace("  - number: 2\n", "  - number: 2.0\n"),
                                          encoding="utf-8")
    scenario = load_scenario(folder)
    stop = scenario.stop_for_step(2)
    assert stop.step_number == 2 and isinstance(stop.step_number, int)
    assert stop.label == "Step 2"
