"""Shared fixtures: the repository root, the bundled scenarios, a scenario writer."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

# Tests must not depend on the developer's terminal or colour settings.
os.environ.pop("NO_COLOR", None)
os.environ.setdefault("FLOWVIZ_NO_ANIMATION", "1")


def _finer_idle_wait() -> None:
    """Pilot waits for the app to go idle after every key (``textual._wait``): it sleeps
    in 20 ms slices until one passes with under 1 ms of CPU, at least 40 ms a key, most
    of what the walkthrough tests spend. Sampling in 5 ms slices (same 5 % threshold)
    asks the same question, has the app stopped working, four times as often."""
    try:
        from textual import _wait
    except ImportError:  # a Textual without the module: keep its own waits
        return
    if hasattr(_wait, "SLEEP_GRANULARITY") and hasattr(_wait, "SLEEP_IDLE"):
        _wait.SLEEP_GRANULARITY = 1 / 200
        _wait.SLEEP_IDLE = _wait.SLEEP_GRANULARITY / 20


_finer_idle_wait()

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


# The longest tests (a scenario walked at four sizes is 3–9 s) go first, so that
# pytest-xdist hands out the short ones last and no worker is left with a long tail.
SLOW_FIRST = ("tests/tui/test_tui_soak.py", "tests/tui/test_tui_fit.py",
              "tests/tui/test_present_fit.py", "tests/test_routing_rules.py",
              "tests/test_serve.py", "tests/test_export_browser.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest test files first (a stable sort keeps the order within them)."""
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))
