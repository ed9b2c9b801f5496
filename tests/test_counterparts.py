"""Counterparts: the classic and the modern launch name each other, step by step."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from flowviz.cli import main
from flowviz.errors import ScenarioError
from flowviz.scenario.counterparts import counterpart_targets, split_ref
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario, Stop

CLASSIC = "openstack-vm-launch"
MODERN = "openstack-vm-launch-modern"
MIRRORS = ("netlify", "huihoo", "gitbooks", "slideshare", "manpages.ubuntu.com")
PRIMARY = re.compile(
    r"^https://(github\.com/openstack/[a-z0-9_.-]+/(blob|tree)/[^/]+(/|$)"
    r"|docs\.openstack\.org/)"
)


@pytest.fixture(scope="module")
def both() -> dict[str, Scenario]:
    return {CLASSIC: load_scenario(CLASSIC), MODERN: load_scenario(MODERN)}


def _stop(scenario: Scenario, label: str) -> Stop:
    return next(s for s in scenario.stops if s.label == label)


def test_modern_scenario_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", MODERN]) == 0
    assert "ok" in capsys.readouterr().out


def test_list_shows_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert CLASSIC in out and MODERN in out


def test_modern_walks_from_token_to_active(both: dict[str, Scenario]) -> None:
    modern = both[MODERN]
    first = modern.stops[1]
    assert any("/v3/auth/tokens" in m.wire for m in first.messages)
    last_step = modern.stops[-2]
    assert last_step.state.get("vm_state") == "active"
    assert last_step.state.get("task_state") is None
    assert last_step.state.get("power_state") == "RUNNING"


@pytest.mark.parametrize(
    ("label", "vm_state", "task_state"),
    [
        ("Step 5", "building", "scheduling"),
        ("Step 11b", "building", None),
        ("Step 12a", "building", "networking"),
        ("Step 13a", "building", "block_device_mapping"),
        ("Step 14", "building", "spawning"),
        ("Step 17", "active", None),
    ],
)
def test_modern_states_follow_the_code(
    both: dict[str, Scenario], label: str, vm_state: str, task_state: str | None
) -> None:
    stop = _stop(both[MODERN], label)
    assert stop.state.get("vm_state") == vm_state
    assert stop.state.get("task_state") == task_state


def test_every_classic_step_names_a_modern_counterpart(both: dict[str, Scenario]) -> None:
    classic = both[CLASSIC]
    assert [s.number for s in classic.steps] == list(range(1, 16))
    for step in classic.steps:
        assert step.counterpart is not None, step.number
        assert step.counterpart.scenario == MODERN


def test_every_modern_step_names_a_classic_counterpart(both: dict[str, Scenario]) -> None:
    for step in both[MODERN].steps:
        assert step.counterpart is not None, step.number
        assert step.counterpart.scenario == CLASSIC


@pytest.mark.parametrize("origin", [CLASSIC, MODERN])
def test_counterparts_resolve_to_existing_stops(
    both: dict[str, Scenario], origin: str
) -> None:
    scenario = both[origin]
    for stop in scenario.stops:
        for target_id, label in counterpart_targets(scenario, stop, both):
            assert label in {s.label for s in both[target_id].stops}, (stop.label, label)


def test_counterparts_go_both_ways(both: dict[str, Scenario]) -> None:
    """Each jump from one era lands on a step that names a step back in the first."""
    for origin, other in ((CLASSIC, MODERN), (MODERN, CLASSIC)):
        for stop in both[origin].stops:
            for target_id, label in counterpart_targets(both[origin], stop, both):
                assert target_id == other
                back = counterpart_targets(both[other], _stop(both[other], label), both)
                assert back and all(t == origin for t, _ in back), (stop.label, label)


def test_classic_step_7_leads_to_placement_and_back(both: dict[str, Scenario]) -> None:
    classic, modern = both[CLASSIC], both[MODERN]
    targets = counterpart_targets(classic, classic.stop_for_step(7), both)
    assert targets == ((MODERN, "Step 8a"), (MODERN, "Step 9"))
    for _, label in targets:
        assert any(m.target == "placement" for m in _stop(modern, label).messages)
    assert counterpart_targets(modern, _stop(modern, "Step 9"), both) == ((CLASSIC, "Step 7"),)


def test_a_phase_overrides_its_steps_counterpart(both: dict[str, Scenario]) -> None:
    modern = both[MODERN]
    assert counterpart_targets(modern, _stop(modern, "Step 4a"), both) == ((CLASSIC, "Step 10"),)
    assert counterpart_targets(modern, _stop(modern, "Step 4b"), both) == ((CLASSIC, "Step 5"),)


def test_targets_without_the_other_scenario_keep_the_written_step(
    both: dict[str, Scenario],
) -> None:
    modern = both[MODERN]
    # Classic step 6 has phases; without the classic scenario at hand the
    # label stays as written.
    assert counterpart_targets(modern, _stop(modern, "Step 6a")) == ((CLASSIC, "Step 6a"),)
    assert counterpart_targets(both[CLASSIC], both[CLASSIC].stop_for_step(6)) == (
        (MODERN, "Step 6"),
        (MODERN, "Step 7"),
    )
    assert counterpart_targets(modern, modern.stops[0]) == ()
    assert counterpart_targets(modern, modern.stops[-1]) == ()


def test_split_ref() -> None:
    assert split_ref("6b") == (6, "b")
    assert split_ref("12") == (12, None)
    with pytest.raises(ValueError):
        split_ref("b6")


def test_steps_json_includes_counterpart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps", MODERN, "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)
    assert steps[8]["counterpart"] == {"scenario": CLASSIC, "steps": ["7"]}
    phase_a = steps[3]["phases"][0]
    assert phase_a["counterpart"] == {"scenario": CLASSIC, "steps": ["10"]}
    assert steps[3]["phases"][1]["counterpart"] is None
    assert main(["steps", "web-request", "--json"]) == 0
    assert all(s["counterpart"] is None for s in json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("origin", [MODERN])
def test_sources_are_primary(both: dict[str, Scenario], origin: str) -> None:
    scenario = both[origin]
    sources = [*scenario.meta.sources, *(s for step in scenario.steps for s in step.sources)]
    assert sources
    for source in sources:
        assert source.url, source.title
        assert not any(mirror in source.url for mirror in MIRRORS), source.url
        assert PRIMARY.match(source.url), source.url
    for step in scenario.steps:
        assert step.sources, step.number


def _with_counterpart(example_text: str, counterpart: str) -> str:
    return example_text.replace(
        "    title: The browser asks for the page\n",
        f"    title: The browser asks for the page\n    counterpart: {counterpart}\n",
    )


@pytest.mark.parametrize(
    ("counterpart", "message"),
    [
        ("{scenario: openstack-vm-launch, step: 16}", "has no step 16 (its steps are 1..15)"),
        (
            "{scenario: openstack-vm-launch, steps: [7, '6c']}",
            "has no phase 'c' (its phases: a, b)",
        ),
        ("{scenario: web-request, step: 9}", "scenario 'web-request' has no step 9"),
    ],
)
def test_a_missing_counterpart_step_is_located(
    write_scenario: Callable[[str], Path], example_text: str, counterpart: str, message: str
) -> None:
    path = write_scenario(_with_counterpart(example_text, counterpart))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert message in problem.message
    assert problem.line is not None and problem.column is not None
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")


def test_an_unknown_scenario_id_is_not_checked(
    write_scenario: Callable[[str], Path], example_text: str
) -> None:
    path = write_scenario(_with_counterpart(example_text, "{scenario: my-own-flow, step: 99}"))
    scenario = load_scenario(path)
    assert scenario.steps[0].counterpart is not None
    assert scenario.steps[0].counterpart.steps == ("99",)


@pytest.mark.parametrize(
    "counterpart",
    [
        "{scenario: openstack-vm-launch}",
        "{scenario: openstack-vm-launch, step: 1, steps: [2]}",
        "{scenario: openstack-vm-launch, step: 'b6'}",
        "{scenario: openstack-vm-launch, steps: []}",
        "{scenario: openstack-vm-launch, step: 1, extra: 2}",
    ],
)
def test_counterpart_shape_is_checked_by_the_schema(
    write_scenario: Callable[[str], Path], example_text: str, counterpart: str
) -> None:
    path = write_scenario(_with_counterpart(example_text, counterpart))
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_the_other_era_comes_from_the_cache_once_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking the classic scenario's counterparts reads the modern one's steps from
    the validated cache when the modern one was opened before (no YAML parsed)."""
    import flowviz.scenario.counterparts as counterparts_module

    load_scenario("openstack-vm-launch-modern")

    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("the other scenario's YAML was parsed")

    monkeypatch.setattr(counterparts_module, "parse", fail)
    classic = load_scenario("openstack-vm-launch")
    assert any(stop.counterpart for stop in classic.stops)
