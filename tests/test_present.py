"""Presenter mode: every key after a real key press, auto-advance, and the pure helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from flowviz.cli import main
from flowviz.presenting.presenter import (
    first_sentence,
    format_elapsed,
    scenario_reference,
    typed_stop,
)
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.present import PresenterApp
from flowviz.tui.screens.help import HelpScreen
from flowviz.tui.widgets.progress_line import ProgressLine

SIZE = (120, 36)
EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "steps" / "web-request"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE_DIR)


def text_of(app: PresenterApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def make(example: Scenario, **kwargs: object) -> PresenterApp:
    return PresenterApp(example, animate=False, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["pagedown", "right", "space", "enter"])
async def test_next_keys(example: Scenario, key: str) -> None:
    app = make(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert app.stop_index == 1
        assert text_of(app, "#title") == example.stops[1].title
        assert "Step 1 of 5" in text_of(app, "#position")


@pytest.mark.parametrize("key", ["pageup", "left", "backspace"])
async def test_previous_keys(example: Scenario, key: str) -> None:
    app = make(example, start=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert app.stop_index == 2


async def test_home_end_and_clamping(example: Scenario) -> None:
    app = make(example, start=2)
    last = len(example.stops) - 1
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        assert app.stop_index == last
        await pilot.press("right")
        assert app.stop_index == last
        await pilot.press("home")
        assert app.stop_index == 0
        await pilot.press("left")
        assert app.stop_index == 0


async def test_number_and_enter_jumps(example: Scenario) -> None:
    app = make(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert app.stop_index == 0 and app.typed == "3"
        assert "3" in text_of(app, "#typed")
        await pilot.press("enter")
        assert app.stop_index == example.stop_for_step(3).index
        assert app.typed == ""
        await pilot.press("0", "enter")
        assert app.stop_index == 0


async def test_backspace_rubs_out_a_typed_digit_first(example: Scenario) -> None:
    app = make(example, start=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "2", "backspace")
        assert app.typed == "4" and app.stop_index == 2
        await pilot.press("escape")
        assert app.typed == ""
        await pilot.press("backspace")
        assert app.stop_index == 1


async def test_an_unknown_step_number_goes_nowhere(example: Scenario) -> None:
    app = make(example, start=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "9", "enter")
        assert app.stop_index == 2 and app.typed == ""


@pytest.mark.parametrize("key", ["b", "full_stop"])
async def test_blank_and_the_same_key_brings_it_back(example: Scenario, key: str) -> None:
    app = make(example, start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert app.blanked
        assert not app.query_one("#stage").display and app.query_one("#blank").display
        await pilot.press(key)
        assert not app.blanked
        assert app.query_one("#stage").display and not app.query_one("#blank").display
        assert app.stop_index == 1


async def test_a_move_while_blanked_only_brings_the_picture_back(example: Scenario) -> None:
    app = make(example, start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "right")
        assert not app.blanked and app.stop_index == 1  # nothing skipped unseen
        await pilot.press("right")
        assert app.stop_index == 2


async def test_timer_toggles_and_reads_the_injected_clock(example: Scenario) -> None:
    clock = FakeClock()
    app = make(example, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        elapsed = app.query_one("#elapsed")
        assert not elapsed.display
        await pilot.press("t")
        assert app.show_timer and elapsed.display
        clock.now += 125
        app._heartbeat()
        await pilot.pause()
        assert "02:05" in text_of(app, "#elapsed")
        await pilot.press("r")
        assert "00:00" in text_of(app, "#elapsed")
        await pilot.press("t")
        assert not elapsed.display


async def test_narration_toggles(example: Scenario) -> None:
    app = make(example, start=1)
    async with app.run_test(size=SIZE) as pilot:
        box = app.query_one("#narration-box")
        assert box.display
        assert text_of(app, "#narration") == example.stops[1].narration.strip()
        diagram_height = app.query_one("#diagram").size.height
        await pilot.press("n")
        await pilot.pause()
        assert not box.display
        assert app.query_one("#diagram").size.height > diagram_height
        await pilot.press("n")
        assert box.display


async def test_progress_line_follows_the_stop(example: Scenario) -> None:
    app = make(example)
    async with app.run_test(size=SIZE) as pilot:
        progress = app.query_one(ProgressLine)
        assert progress.filled_cells(100) == 0
        await pilot.press("end")
        assert progress.filled_cells(100) == 100


async def test_no_footer_and_help_lists_the_keys(example: Scenario) -> None:
    app = make(example)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.query("KeyFooter")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("right")  # keys do not move the talk under help
        assert app.stop_index == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_theme_toggles(example: Scenario) -> None:
    app = make(example)
    async with app.run_test(size=SIZE) as pilot:
        dark = app.current_theme.dark
        await pilot.press("l")
        assert app.current_theme.dark != dark


async def test_auto_advance_and_loop(example: Scenario) -> None:
    app = make(example, auto=30.0, loop=True)
    last = len(example.stops) - 1
    async with app.run_test(size=SIZE) as pilot:
        app._auto_tick()
        assert app.stop_index == 1
        await pilot.press("end")
        app._auto_tick()
        assert app.stop_index == 0  # --loop starts again
        await pilot.press("p")
        app._auto_tick()
        assert app.stop_index == 0 and app.auto_paused
        await pilot.press("p", "end")
        assert app.stop_index == last


async def test_auto_advance_stops_at_the_end_without_loop(example: Scenario) -> None:
    app = make(example, auto=30.0, start=len(example.stops) - 1)
    async with app.run_test(size=SIZE):
        app._auto_tick()
        assert app.stop_index == len(example.stops) - 1


async def test_auto_advance_runs_on_a_real_timer(example: Scenario) -> None:
    app = make(example, auto=0.05)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            if app.stop_index >= 2:
                break
            await pilot.pause(0.02)
        assert app.stop_index >= 2


async def test_scenario_text_is_shown_literally(write_scenario, example_text: str) -> None:  # type: ignore[no-untyped-def]
    text = example_text.replace("title: The browser asks for the page",
                                'title: "[bold]Literal[/bold] \\e[2J"')
    scenario = load_scenario(write_scenario(text))
    app = PresenterApp(scenario, start=1, animate=False)
    async with app.run_test(size=SIZE):
        title = text_of(app, "#title")
        assert "[bold]Literal[/bold]" in title and "\x1b" not in title


def test_pure_helpers(example: Scenario) -> None:
    assert format_elapsed(0) == "00:00"
    assert format_elapsed(-5) == "00:00"
    assert format_elapsed(65.9) == "01:05"
    assert format_elapsed(3725) == "1:02:05"
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("  a\n  b  ") == "a b"
    assert first_sentence("x" * 300, limit=10) == "x" * 9 + "…"
    assert typed_stop(example, "0") == 0
    assert typed_stop(example, "3") == example.stop_for_step(3).index
    assert typed_stop(example, "99") is None
    assert typed_stop(example, "x") is None
    assert scenario_reference(example) == "web-request"
    assert scenario_reference(load_scenario("openstack-vm-launch")) == "openstack-vm-launch"


def test_scenario_reference_of_a_file_is_its_path(write_scenario, example_text: str) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(example_text)
    scenario = load_scenario(path)
    reference = scenario_reference(scenario)
    assert Path(reference) == path.resolve()
    assert load_scenario(reference).meta.id == scenario.meta.id


@pytest.mark.parametrize(
    "argv",
    [
        ["present", "--loop"],
        ["present", "--auto", "0"],
        ["present", "--auto", "soon"],
        ["present", "--session", "../etc"],
    ],
)
def test_bad_present_arguments_are_refused(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status = main(argv)
    except SystemExit as exc:
        status = int(exc.code or 0)
    assert status in (1, 2)
    assert "error" in capsys.readouterr().err
