"""Shared fixtures: the repository root, the bundled scenarios, a scenario writer."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

# Tests must not depend on the developer's terminal or colour settings.
os.environ.pop("NO_COLOR", None)
os.environ.setdefault("FLOWVIZ_NO_ANIMATION", "1")

REPO = Path(__file__).resolve().parent.parent
STEPS = REPO / "steps"
EXAMPLE = STEPS / "web-request" / "scenario.yaml"


def bundled_scenario_dirs() -> list[Path]:
    return sorted(p for p in STEPS.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str], Path]:
    """Write a one-file scenario from YAML text and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def example_text() -> str:
    """The documented example scenario, as text to mutate in tests."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets an empty cache folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
