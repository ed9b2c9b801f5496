"""The start cache keeps the first frame exactly, and ignores what it cannot trust."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flowviz.diagram import start_cache
from flowviz.diagram.engine import build_diagram
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("openstack-vm-launch")


@pytest.mark.parametrize("color", [True, False])
def test_every_frame_reads_back_exactly(scenario: Scenario, color: bool) -> None:
    diagram = build_diagram(scenario, None, 120, 30)
    key = start_cache.start_key(scenario, None, 120, 36)
    assert key is not None
    for stop in scenario.stops[::3]:
        frame = diagram.frame(stop, color=color)
        assert start_cache.remember_frame(key, start_cache.StartFrame(
            stop.index, color, (120, 30), (0, 0), frame))
        start = start_cache.recall_frame(key)
        assert start is not None and start.stop == stop.index and start.color is color
        assert (start.frame.width, start.frame.height) == (frame.width, frame.height)
        for stored, line in zip(start.frame.lines, frame.lines, strict=True):
            assert start_cache._same(stored, line), line.plain
        assert start.frame.plain() == frame.plain()


def test_the_key_names_scenario_view_and_size(scenario: Scenario) -> None:
    keys = {start_cache.start_key(scenario, view, w, h)
            for view in scenario.views for w, h in ((80, 24), (120, 36))}
    assert None not in keys and len(keys) == 2 * len(scenario.views)
    from flowviz.record import replace

    assert start_cache.start_key(replace(scenario, digest=""), None, 80, 24) is None


def test_a_changed_module_is_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       scenario: Scenario) -> None:
    module = tmp_path / "code.py"
    module.write_text("x = 1\n")
    monkeypatch.setattr(start_cache, "PACKAGE", tmp_path)
    start_cache.code_version.cache_clear()
    before = start_cache.start_key(scenario, None, 80, 24)
    module.write_text("x = 22\n")
    os.utime(module, ns=(1, 1))
    start_cache.code_version.cache_clear()
    assert start_cache.start_key(scenario, None, 80, 24) != before
    start_cache.code_version.cache_clear()


@pytest.mark.parametrize("entry", [
    "not json", "[]", '{"key": "KEY", "frame": {"stop": 0}}',
    '{"key": "KEY", "frame": {"stop": 0, "color": true, "canvas": [3, 1], "offset": [0, 0],'
    ' "width": 3, "height": 1, "origin": [0, 0], "not_drawn": 0,'
    ' "lines": [["abc", "", [[0, 3, "no-such-colour-name"]]]]}}',
    '{"key": "KEY", "frame": {"stop": 0, "color": true, "canvas": [3, 1], "offset": [0, 0],'
    ' "width": 4, "height": 1, "origin": [0, 0], "not_drawn": 0, "lines": [["abc", "", []]]}}',
    '{"key": "other", "arrangement": [true, false, false, 9, 42]}',
    # A link or a terminal escape in a line: never drawn, whoever wrote the entry.
    '{"key": "KEY", "frame": {"stop": 0, "color": true, "canvas": [3, 1], "offset": [0, 0],'
    ' "width": 3, "height": 1, "origin": [0, 0], "not_drawn": 0,'
    ' "lines": [["abc", "", [[0, 3, "link https://example.org"]]]]}}',
    '{"key": "KEY", "frame": {"stop": 0, "color": true, "canvas": [3, 1], "offset": [0, 0],'
    ' "width": 3, "height": 1, "origin": [0, 0], "not_drawn": 0,'
    ' "lines": [["a\\u001bc", "", []]]}}',
])
def test_a_corrupt_or_foreign_entry_is_ignored(scenario: Scenario, entry: str) -> None:
    key = start_cache.start_key(scenario, None, 80, 24)
    assert key is not None
    folder = start_cache.cache_files.folder("start")
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.json").write_text(entry.replace("KEY", key))
    assert start_cache.recall_frame(key) is None
    assert start_cache.recall_arrangement(key) is None


def test_no_cache_setting_turns_it_off(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWVIZ_NO_CACHE", "1")
    assert start_cache.start_key(scenario, None, 80, 24) is None
