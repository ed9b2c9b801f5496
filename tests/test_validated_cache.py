"""A scenario that passed once is built from the cache next time, and only if unchanged.

The cache skips parsing and every check; a corrupt, foreign or stale entry only
costs the full load again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import flowviz.scenario.schema_check
import flowviz.scenario.yamlsafe
from flowviz.errors import ScenarioError
from flowviz.scenario import validated_cache
from flowviz.scenario.loader import load_scenario


def forbid_schema_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("the schema check ran")

    monkeypatch.setattr(flowviz.scenario.schema_check, "check_schema", fail)


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("the YAML was parsed")

    monkeypatch.setattr(flowviz.scenario.yamlsafe, "parse", fail)


def test_an_unchanged_scenario_is_neither_parsed_nor_checked(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_scenario(example_text)
    first = load_scenario(path)
    forbid_schema_check(monkeypatch)
    forbid_parsing(monkeypatch)
    assert load_scenario(path) == first


def test_warnings_come_back_from_the_cache(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = example_text.replace(
        "  - {from: browser, to: proxy, type: http}\n",
        "  - {from: browser, to: proxy, type: http, id: ask}\n"
        "  - {from: proxy, to: browser, type: http, id: answer}\n",
    )
    text = "".join(line.replace("type: http, wire:", "type: http, link: ask, wire:")
                   if "browser" in line and "proxy" in line else line
                   for line in text.splitlines(keepends=True))
    path = write_scenario(text)
    first = load_scenario(path)
    assert len(first.warnings) == 1
    forbid_parsing(monkeypatch)
    assert load_scenario(path).warnings == first.warnings


@pytest.mark.parametrize("entry", [
    b"not json {",
    b'{"format": 1, "key": "another", "data": {}, "warnings": []}',
    b'{"format": 1, "key": "KEY", "data": {"services": 3}, "warnings": []}',
    b'{"format": 1, "key": "KEY", "data": {}, "warnings": [["a", "b", "x", null]]}',
    b"\xff\xfe",
])
def test_a_corrupt_or_foreign_entry_costs_only_a_check(
    write_scenario: Callable[[str], Path], example_text: str, entry: bytes
) -> None:
    path = write_scenario(example_text)
    first = load_scenario(path)
    folder = validated_cache.cache_folder()
    assert folder is not None
    (stored,) = folder.glob("*.json")
    stored.write_bytes(entry.replace(b"KEY", stored.stem.encode()))
    assert load_scenario(path) == first
    assert validated_cache.recall(stored.stem) is not None  # written again, whole


def test_the_cache_keeps_a_bounded_number_of_scenarios(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validated_cache, "MAX_ENTRIES", 3)
    for number in range(5):
        load_scenario(write_scenario(example_text.replace("nginx", f"nginx {number}")))
    folder = validated_cache.cache_folder()
    assert folder is not None
    assert len(list(folder.glob("*.json"))) == 3
    assert not list(folder.glob(".entry-*"))  # no half-written entries left behind


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


def test_a_huge_scenario_is_not_stored(
    write_scenario: Callable[[str], Path], example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validated_cache, "MAX_ENTRY_BYTES", 100)
    load_scenario(write_scenario(example_text))
    folder = validated_cache.cache_folder()
    assert folder is None or not list(folder.glob("*.json"))
