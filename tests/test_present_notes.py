"""Presenter and notes, issues #12 and #13: hostile datagrams, FIFOs, phase letters,
resuming a restarted talk, a presenter that quits, blanking, a centred picture.

Both apps run in this test's event loop over a private tmp sync folder; waits
are bounded loops on state, never fixed sleeps; time that matters is a fake clock.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from flowviz.errors import ScenarioError
from flowviz.presenting.loading import checked_path, load_checked
from flowviz.presenting.resume import RESUME_WITHIN_SECONDS, place_path
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.follower import FollowerApp
from flowviz.tui.notes import NotesApp
from flowviz.tui.present import PresenterApp
from flowviz.tui.widgets.stage_diagram import StageDiagram
from tests.waiting import wait_for

SIZE = (120, 36)
EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "steps" / "web-request"


class FakeClock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE_DIR)


@pytest.fixture(scope="module")
def openstack() -> Scenario:
    """The bundled scenario with phases (2a/2b, 4a/4b, 6a/6b)."""
    return load_scenario("openstack-vm-launch")




def text_of(app: NotesApp | PresenterApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def presenter(scenario: Scenario, folder: Path, **kwargs: object) -> PresenterApp:
    return PresenterApp(scenario, session="class", sync_folder=folder, animate=False,
                        **kwargs)  # type: ignore[arg-type]


def send_raw(path: Path, payload: bytes) -> None:
    sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sender.sendto(payload, str(path))
    finally:
        sender.close()


def forged_state(**fields: object) -> bytes:
    body: dict[str, object] = {"protocol": "flowviz-sync/1", "kind": "state",
                               "session": "class", "stop": 0, "started": 1000.0,
                               "scenario": "web-request"}
    body.update(fields)
    return json.dumps(body).encode()  # json.dumps writes NaN and Infinity, as a forger would


# -- #12: hostile datagrams ----------------------------------------------------------


@pytest.mark.parametrize("started", [float("nan"), float("inf"), float("-inf")])
async def test_a_non_finite_start_time_is_ignored_by_notes_and_followers(
    example: Scenario, tmp_path: Path, started: float
) -> None:
    talk = presenter(example, tmp_path, start=2)
    notes = NotesApp(session="class", sync_folder=tmp_path)
    follower = FollowerApp(example, session="class", sync_folder=tmp_path, animate=False)
    async with talk.run_test(size=SIZE) as talk_pilot, \
            notes.run_test(size=SIZE) as notes_pilot, \
            follower.run_test(size=SIZE) as follower_pilot:
        assert await wait_for(notes_pilot, lambda: notes.state is not None)
        assert await wait_for(follower_pilot, lambda: follower.stop_index == 2)
        for endpoint in (notes.endpoint, follower.endpoint):
            assert endpoint is not None
            send_raw(endpoint.path, forged_state(stop=4, started=started))
        await notes_pilot.pause(0.05)
        notes._tick()  # the clock ticks over the (ignored) state without dying
        follower._show_elapsed()
        assert notes.is_running and follower.is_running
        assert notes.state is not None and notes.state.stop == 2
        assert follower.stop_index == 2
        await talk_pilot.press("right")
        assert await wait_for(notes_pilot, lambda: notes.state is not None
                              and notes.state.stop == 3)
        assert await wait_for(follower_pilot, lambda: follower.stop_index == 3)


async def test_a_fifo_named_as_the_scenario_does_not_freeze_the_notes(tmp_path: Path) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with notes.run_test(size=SIZE) as pilot:
        assert notes.endpoint is not None
        send_raw(notes.endpoint.path, forged_state(scenario=str(fifo)))
        assert await wait_for(pilot, lambda: notes.problem is not None)
        assert "not a regular file" in notes.problem  # type: ignore[operator]
        assert "not a regular file" in text_of(notes, "#status")
        await pilot.press("q")
        assert await wait_for(pilot, lambda: not notes.is_running)


async def test_the_presenters_scenario_loads_off_the_ui_thread(
    example: Scenario, tmp_path: Path
) -> None:
    release = threading.Event()
    threads: list[str] = []

    def slow_loader(reference: str) -> Scenario:
        threads.append(threading.current_thread().name)
        release.wait(10)  # a path that blocks (a FIFO that slipped past, a dead NFS mount)
        return example

    notes = NotesApp(session="class", sync_folder=tmp_path, loader=slow_loader)
    try:
        async with notes.run_test(size=SIZE) as pilot:
            assert notes.endpoint is not None
            send_raw(notes.endpoint.path, forged_state(scenario="web-request"))
            assert await wait_for(pilot, lambda: notes.loading)
            assert "Loading the presenter's scenario" in text_of(notes, "#status")
            await pilot.press("question_mark")  # keys still answer while it loads
            assert await wait_for(pilot, lambda: len(notes.screen_stack) == 2)
            await pilot.press("escape", "q")
            assert await wait_for(pilot, lambda: not notes.is_running)
    finally:
        release.set()
    assert threads and threads[0] != threading.main_thread().name


def test_a_path_from_a_message_gets_the_command_lines_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.yaml"
    link.symlink_to(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "steps.yaml")
    for bad, why in [(fifo, "not a regular file"), (link, "not a regular file"),
                     (folder, "not a regular file"), (tmp_path / "missing", "No such file"),
                     (Path("relative/scenario.yaml"), "absolute path")]:
        with pytest.raises(ScenarioError, match=why):
            checked_path(str(bad))
    with pytest.raises(ScenarioError, match="no bundled scenario"):
        checked_path("no-such-id")
    # A bundled id is looked up among the bundled scenarios, never in the current folder.
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "web-request")
    assert checked_path("web-request") == EXAMPLE_DIR
    assert load_checked("web-request").meta.id == "web-request"
    assert load_checked(str(EXAMPLE_DIR / "scenario.yaml")).meta.id == "web-request"


# -- #13: a phase letter after a number ------------------------------------------------


async def test_six_then_b_goes_to_6b_in_the_presenter(openstack: Scenario) -> None:
    app = PresenterApp(openstack, animate=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "b")
        assert app.typed == "6b" and not app.blanked
        await pilot.press("enter")
        stop = app.stop
        assert (stop.step_number, stop.phase) == (6, "b") and not app.blanked
        await pilot.press("3", "b")  # step 3 has no phases: b blanks, as it always did
        assert app.blanked
        await pilot.press("b", "escape")
        await pilot.press("b")  # nothing typed: b blanks
        assert app.blanked


async def test_six_then_b_goes_to_6b_from_the_notes(openstack: Scenario, tmp_path: Path) -> None:
    talk = presenter(openstack, tmp_path)
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with talk.run_test(size=SIZE) as talk_pilot, notes.run_test(size=SIZE) as notes_pilot:
        assert await wait_for(notes_pilot, lambda: notes.scenario is not None)
        await notes_pilot.press("6", "b")
        assert notes.typed == "6b"
        await notes_pilot.press("enter")
        assert await wait_for(talk_pilot, lambda: talk.stop.phase == "b"
                              and talk.stop.step_number == 6)
        assert not talk.blanked


# -- #13: b in the notes ---------------------------------------------------------------


async def test_b_in_the_notes_does_not_blank_the_projector_but_B_does(
    example: Scenario, tmp_path: Path
) -> None:
    talk = presenter(example, tmp_path, start=1)
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with talk.run_test(size=SIZE) as talk_pilot, notes.run_test(size=SIZE) as notes_pilot:
        assert await wait_for(notes_pilot, lambda: notes.scenario is not None)
        await notes_pilot.press("b", "full_stop")
        await notes_pilot.press("right")  # a command sent after them arrives after them
        assert await wait_for(talk_pilot, lambda: talk.stop_index == 2)
        assert not talk.blanked
        await notes_pilot.press("B")
        assert await wait_for(talk_pilot, lambda: talk.blanked)
        assert await wait_for(notes_pilot, lambda: "BLANKED" in text_of(notes, "#times"))
        await notes_pilot.press("B")
        assert await wait_for(talk_pilot, lambda: not talk.blanked)
        assert talk.stop_index == 2


# -- #13: a restarted presenter resumes ----------------------------------------------


async def test_a_restarted_presenter_resumes_and_the_notes_follow(
    example: Scenario, tmp_path: Path
) -> None:
    clock = FakeClock()
    notes = NotesApp(session="class", sync_folder=tmp_path, clock=clock)
    async with notes.run_test(size=SIZE) as notes_pilot:
        first = presenter(example, tmp_path, clock=clock)
        async with first.run_test(size=SIZE) as pilot:
            await pilot.press("right", "right", "right")
            assert await wait_for(notes_pilot, lambda: notes.state is not None
                                  and notes.state.stop == 3)
            started = first.started
        clock.now += 300  # five minutes later (or a crash and a restart)
        second = presenter(example, tmp_path, clock=clock)
        async with second.run_test(size=SIZE):
            assert second.stop_index == 3
            assert second.started == started and second.elapsed == 300
            assert await wait_for(notes_pilot, lambda: notes.state is not None
                                  and not notes.waiting and notes.state.stop == 3)
            assert notes.state is not None and notes.state.started == started


async def test_a_fresh_start_or_another_scenario_does_not_resume(
    example: Scenario, openstack: Scenario, tmp_path: Path
) -> None:
    clock = FakeClock()
    first = presenter(example, tmp_path, start=3, clock=clock)
    async with first.run_test(size=SIZE):
        pass
    other = presenter(openstack, tmp_path, clock=clock)
    async with other.run_test(size=SIZE):
        assert other.stop_index == 0 and other.elapsed == 0
    fresh = presenter(example, tmp_path, start=3, clock=clock)
    async with fresh.run_test(size=SIZE):
        pass
    again = presenter(example, tmp_path, resume=False, clock=clock)
    async with again.run_test(size=SIZE):
        assert again.stop_index == 0


@pytest.mark.parametrize(
    "place",
    [
        "not json",
        json.dumps({"state": {"stop": 3}, "saved": 1_000_000.0}),
        json.dumps({"state": {"protocol": "flowviz-sync/1", "kind": "state", "session": "class",
                              "stop": 3, "started": 999_000.0, "scenario": "web-request"},
                    "saved": float("nan")}),
        json.dumps({"state": {"protocol": "flowviz-sync/1", "kind": "state", "session": "class",
                              "stop": 3, "started": 999_000.0, "scenario": "web-request"},
                    "saved": 1_000_000.0 - RESUME_WITHIN_SECONDS - 1}),  # a talk long over
        json.dumps({"state": {"protocol": "flowviz-sync/1", "kind": "state", "session": "class",
                              "stop": 3, "started": 2_000_000.0, "scenario": "web-request"},
                    "saved": 1_000_000.0}),  # started in the future
    ],
)
async def test_a_bad_or_stale_place_file_is_ignored(
    example: Scenario, tmp_path: Path, place: str
) -> None:
    place_path(tmp_path, "class").write_text(place)
    app = presenter(example, tmp_path, clock=FakeClock())
    async with app.run_test(size=SIZE):
        assert app.stop_index == 0 and app.elapsed == 0


def test_the_place_file_is_written_atomically(example: Scenario, tmp_path: Path) -> None:
    from flowviz.presenting.resume import Place, load_place, save_place

    assert save_place(tmp_path, "class", Place("web-request", 2, 10.0, 20.0))
    assert [p.name for p in tmp_path.iterdir()] == ["class.place"]  # no temporary left
    assert load_place(tmp_path, "class", now=30.0) == Place("web-request", 2, 10.0, 20.0)


# -- #12: a second presenter in the app ----------------------------------------------


async def test_a_second_presenter_app_refuses_to_start(example: Scenario, tmp_path: Path) -> None:
    first = presenter(example, tmp_path, start=2)
    async with first.run_test(size=SIZE):
        second = presenter(example, tmp_path, start=4)
        async with second.run_test(size=SIZE) as pilot:
            assert await wait_for(pilot, lambda: not second.is_running)
        assert second.return_code == 1
        assert first.endpoint is not None  # the first keeps the session
        assert (tmp_path / "class.presenter").exists()


# -- #13: the presenter quits ----------------------------------------------------------


async def test_notes_say_the_presenter_quit_without_a_key_press(
    example: Scenario, tmp_path: Path
) -> None:
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with notes.run_test(size=SIZE) as notes_pilot:
        talk = presenter(example, tmp_path)
        async with talk.run_test(size=SIZE) as talk_pilot:
            assert await wait_for(notes_pilot, lambda: not notes.waiting)
            await talk_pilot.press("q")
        assert await wait_for(notes_pilot, lambda: notes.waiting)
        assert "has quit" in text_of(notes, "#status")


async def test_notes_notice_a_silent_presenter_by_themselves(
    example: Scenario, tmp_path: Path
) -> None:
    clock = FakeClock()
    notes = NotesApp(session="class", sync_folder=tmp_path, clock=clock, watch_seconds=0.02)
    follower = FollowerApp(example, session="class", sync_folder=tmp_path, animate=False,
                           clock=clock, watch_seconds=0.02)
    talk = presenter(example, tmp_path, clock=clock)
    async with notes.run_test(size=SIZE) as notes_pilot, \
            follower.run_test(size=SIZE) as follower_pilot, talk.run_test(size=SIZE):
        assert await wait_for(notes_pilot, lambda: not notes.waiting)
        assert await wait_for(follower_pilot, lambda: not follower.waiting)
        # A crash: the socket goes without a goodbye.
        assert talk.endpoint is not None
        talk.endpoint.close()
        talk.endpoint = None
        clock.now += 10
        # No key press, no direct call: the notes' own timer notices.
        assert await wait_for(notes_pilot, lambda: notes.waiting)
        assert "silent" in text_of(notes, "#status")
        assert await wait_for(follower_pilot, lambda: follower.waiting)


# -- #13: the picture in the middle ------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 36), (160, 45), (80, 24)])
async def test_the_presenters_picture_is_centred(openstack: Scenario, size: tuple[int, int]
                                                 ) -> None:
    app = PresenterApp(openstack, animate=False)
    async with app.run_test(size=size) as pilot:
        diagram = app.query_one(StageDiagram)
        assert await wait_for(pilot, lambda: diagram.frame is not None)
        await pilot.pause()
        width = diagram.scrollable_content_region.width
        lines = [diagram.render_line(y).text for y in range(diagram.size.height)]
        drawn = [line for line in lines if line.strip()]
        assert drawn
        left = min(len(line) - len(line.lstrip()) for line in drawn)
        right = min(width - len(line.rstrip()) for line in drawn)
        assert abs(left - right) <= 1, (left, right)


def test_help_lists_the_phase_letters_the_scenario_uses_after_the_digits(
    example: Scenario, openstack: Scenario
) -> None:
    from flowviz.tui.present_keys import help_bindings

    listed = help_bindings(PresenterApp.BINDINGS, openstack)
    actions = [b.action for b in listed]
    phases = [b.key for b in listed if b.action.startswith("type_phase(")]
    assert phases == ["a", "b"]
    assert actions.index("type_phase('a')") == actions.index("type_digit('9')") + 1
    assert not any(b.action.startswith("type_phase(") for b in help_bindings(
        PresenterApp.BINDINGS, example))
