"""Every cache on the app's path is bounded (issue 12: memory rose with the keys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowviz import bounded
from flowviz.diagram import engine
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario

EXAMPLE = Path(__file__).resolve().parent.parent / "steps" / "web-request"


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE)


def test_lru_keeps_the_most_recent() -> None:
    cache: bounded.LRU[int, str] = bounded.LRU(3)
    for n in range(200):
        cache.put(n, str(n))
        assert cache.get(0) == "0"  # revisited each time: never evicted
    assert len(cache) == 3
    assert 0 in cache and 199 in cache and 198 in cache and 100 not in cache
    cache.touch(198)
    cache.put(500, "500")
    assert 199 not in cache and 198 in cache


def test_lru_refuses_a_size_of_nothing() -> None:
    with pytest.raises(ValueError):
        bounded.LRU(0)


def test_resizing_through_many_sizes_keeps_a_bounded_number_of_diagrams(
        example: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    # A small bound, so a dozen sizes show it (each size is a whole layout).
    monkeypatch.setattr(engine, "_CACHE", bounded.LRU(4))
    first = engine.build_diagram(example, None, 100, 30)
    for width in range(60, 72):
        engine.build_diagram(example, None, width, 24)
        assert engine.build_diagram(example, None, 100, 30) is first  # revisited: kept
    assert len(engine._CACHE) == 4


def test_the_diagram_cache_is_bounded_by_default() -> None:
    assert engine._CACHE.size == engine.DIAGRAMS <= 64


def test_stepping_through_every_stop_keeps_a_bounded_number_of_drawings(
        example: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "STOP_DRAWINGS", 3)
    monkeypatch.setattr(engine, "_CACHE", bounded.LRU(4))
    diagram = engine.build_diagram(example, None, 120, 36)
    assert len(example.stops) > 3
    for _ in range(3):
        for stop in example.stops:
            for wiring in (False, True):
                diagram.frame(stop, wiring=wiring)
    assert len(diagram._stops) == 3
    # Back and forth between two stops routes each once.
    a, b = example.stops[0], example.stops[1]
    drawn = diagram.drawing(a)
    diagram.drawing(b)
    assert diagram.drawing(a) is drawn
