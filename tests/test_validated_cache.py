"""A scenario validated once skips the schema check next time, and only if unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import flowviz.scenario.schema_check
from flowviz.errors import ScenarioError
from flowviz.scenario.loader import load_scenario


def forbid_schema_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("the schema check ran")

    monkeypatch.setattr(flowviz.scenario.schema_check, "check_schema", fail)


def test_an_unchanged_scenario_skips_the_schema_check(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_scenario(example_text)
    first = load_scenario(path)
    forbid_schema_check(monkeypatch)
    assert load_scenario(path) == first


def test_a_changed_scenario_is_checked_again(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_scenario(example_text)
    load_scenario(path)
    write_scenario(
        example_text.replace("    label: nginx\n", "    label: nginx\n    colour: red\n")
    )
    with pytest.raises(ScenarioError, match="unknown key 'colour'"):
        load_scenario(path)


def test_cross_references_are_checked_even_when_cached(
    write_scenario: Callable[[str], Path], example_text: str
) -> None:
    path = write_scenario(example_text)
    load_scenario(path)
    # The same bytes always give the same verdict; a new file is a new key.
    bad = write_scenario(example_text.replace("[proxy, app]", "[proxy, ap]"), "other.yaml")
    with pytest.raises(ScenarioError, match="unknown service 'ap'"):
        load_scenario(bad)


def test_no_cache_setting_turns_it_off(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOWVIZ_NO_CACHE", "1")
    path = write_scenario(example_text)
    load_scenario(path)
    forbid_schema_check(monkeypatch)
    with pytest.raises(AssertionError, match="the schema check ran"):
        load_scenario(path)


def test_an_unwritable_cache_is_harmless(
    write_scenario: Callable[[str], Path],
    example_text: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_scenario(write_scenario(example_text)).meta.id == "web-request"
