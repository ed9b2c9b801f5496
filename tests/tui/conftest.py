"""Fixtures for the walkthrough's Pilot and snapshot tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import flowviz.tui.engine
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import FlowvizApp, create_app

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "steps" / "web-request"

AppFactory = Callable[..., FlowvizApp]


@pytest.fixture(scope="session")
def example() -> Scenario:
    """The bundled web-request scenario (5 steps, 2 views)."""
    return load_scenario(EXAMPLE_DIR)


@pytest.fixture
def make_app(example: Scenario) -> AppFactory:
    """``make_app(step=None, view=None, animate=False, scenario=example)`` → a fresh app."""

    def make(*, scenario: Scenario | None = None, step: str | None = None,
             view: str | None = None, animate: bool = False) -> FlowvizApp:
        return create_app(scenario or example, step=step, view=view, animate=animate)

    return make


@pytest.fixture
def held_layouts(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Layouts wait until the event is set: what is on screen before is not the engine's."""
    release = threading.Event()
    real = flowviz.tui.engine.build

    def held(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(flowviz.tui.engine, "build", held)
    yield release
    release.set()
