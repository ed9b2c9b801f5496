"""A presenter and its notes terminal (and a read-only follower) in step, both ways.

Both apps run in this test's event loop over a private tmp sync folder; waits
are bounded loops on state, never fixed sleeps.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from textual.widgets import Static

from flowviz.presenting.sync import encode
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.follower import FollowerApp
from flowviz.tui.notes import NotesApp
from flowviz.tui.present import PresenterApp
from tests.waiting import wait_for

SIZE = (120, 36)
EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "steps" / "web-request"


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE_DIR)




def text_of(app: NotesApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def presenter(example: Scenario, folder: Path, **kwargs: object) -> PresenterApp:
    return PresenterApp(example, session="class", sync_folder=folder, animate=False,
                        **kwargs)  # type: ignore[arg-type]


async def test_notes_wait_for_a_presenter(tmp_path: Path) -> None:
    notes = NotesApp(session="lonely", sync_folder=tmp_path)
    async with notes.run_test(size=SIZE):
        assert notes.waiting
        assert "Waiting for a presenter in session lonely" in text_of(notes, "#status")


async def test_presenter_and_notes_stay_in_step_both_ways(
    example: Scenario, tmp_path: Path
) -> None:
    talk = presenter(example, tmp_path)
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with talk.run_test(size=SIZE) as talk_pilot, notes.run_test(size=SIZE) as notes_pilot:
        # The notes' hello makes the presenter publish at once.
        assert await wait_for(notes_pilot, lambda: notes.scenario is not None)
        assert not notes.waiting
        assert notes.scenario is not None and notes.scenario.meta.id == example.meta.id
        assert example.stops[0].notes.strip()[:30] in text_of(notes, "#notes")
        assert example.stops[1].title in text_of(notes, "#next")

        # Presenter → notes.
        await talk_pilot.press("right", "right")
        assert await wait_for(notes_pilot, lambda: notes.state is not None
                              and notes.state.stop == 2)
        assert example.stops[2].title in text_of(notes, "#current")
        assert example.stops[3].title in text_of(notes, "#next")

        # Notes → presenter (and back to the notes through the presenter's state).
        await notes_pilot.press("right")
        assert await wait_for(talk_pilot, lambda: talk.stop_index == 3)
        assert await wait_for(notes_pilot, lambda: notes.state is not None
                              and notes.state.stop == 3)
        await notes_pilot.press("pageup", "pageup")
        assert await wait_for(talk_pilot, lambda: talk.stop_index == 1)
        await notes_pilot.press("end")
        assert await wait_for(talk_pilot, lambda: talk.stop_index == len(example.stops) - 1)
        assert await wait_for(notes_pilot, lambda: "this is the end" in text_of(notes, "#next"))
        await notes_pilot.press("home")
        assert await wait_for(talk_pilot, lambda: talk.stop_index == 0)
        await notes_pilot.press("4", "enter")
        assert await wait_for(talk_pilot, lambda: talk.stop_index == example.stop_for_step(4).index)

        # Blanking shows on the notes.
        await talk_pilot.press("b")
        assert await wait_for(notes_pilot, lambda: notes.state is not None
                              and notes.state.blanked)
        assert "BLANKED" in text_of(notes, "#times")


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\xffnot json",
        b'{"protocol": "flowviz-sync/1", "kind": "command", "session": "class", "action": "x"}',
        encode("command", "other-session", {"action": "next"}),
        encode("command", "class", {"action": "goto", "stop": -1}),
        encode("state", "class", {"stop": 4, "started": 0, "scenario": "web-request"}),
        b"y" * 10000,
    ],
)
async def test_a_garbage_packet_changes_nothing(
    example: Scenario, tmp_path: Path, garbage: bytes
) -> None:
    talk = presenter(example, tmp_path, start=2)
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with talk.run_test(size=SIZE) as talk_pilot, notes.run_test(size=SIZE) as notes_pilot:
        assert await wait_for(notes_pilot, lambda: notes.state is not None)
        sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            sender.sendto(garbage, str(tmp_path / "class.presenter"))
        finally:
            sender.close()
        await talk_pilot.pause(0.05)
        assert talk.stop_index == 2 and not talk.blanked
        # The channel still works afterwards.
        await notes_pilot.press("right")
        assert await wait_for(talk_pilot, lambda: talk.stop_index == 3)


async def test_either_side_can_restart(example: Scenario, tmp_path: Path) -> None:
    notes = NotesApp(session="class", sync_folder=tmp_path)
    async with notes.run_test(size=SIZE) as notes_pilot:
        first = presenter(example, tmp_path, start=1)
        async with first.run_test(size=SIZE):
            assert await wait_for(notes_pilot, lambda: notes.state is not None
                                  and notes.state.stop == 1)
        # A new presenter (same session) publishes at start: the notes follow it.
        second = presenter(example, tmp_path, start=4)
        async with second.run_test(size=SIZE):
            assert await wait_for(notes_pilot, lambda: notes.state is not None
                                  and notes.state.stop == 4)
    talk = presenter(example, tmp_path, start=3)
    async with talk.run_test(size=SIZE) as talk_pilot:
        # A restarted notes terminal says hello and hears the presenter at once.
        fresh = NotesApp(session="class", sync_folder=tmp_path)
        async with fresh.run_test(size=SIZE) as fresh_pilot:
            assert await wait_for(fresh_pilot, lambda: fresh.state is not None
                                  and fresh.state.stop == 3)
            await fresh_pilot.press("left")
            assert await wait_for(talk_pilot, lambda: talk.stop_index == 2)


async def test_sessions_do_not_cross(example: Scenario, tmp_path: Path) -> None:
    talk = presenter(example, tmp_path)
    other = NotesApp(session="elsewhere", sync_folder=tmp_path)
    async with talk.run_test(size=SIZE) as talk_pilot, other.run_test(size=SIZE) as other_pilot:
        await other_pilot.press("right")
        await talk_pilot.pause(0.1)
        assert talk.stop_index == 0
        assert other.state is None and other.waiting


async def test_notes_without_a_presenter_for_a_while_wait_again(
    example: Scenario, tmp_path: Path
) -> None:
    now = [1000.0]
    notes = NotesApp(session="class", sync_folder=tmp_path, clock=lambda: now[0])
    talk = presenter(example, tmp_path, clock=lambda: now[0])
    async with notes.run_test(size=SIZE) as notes_pilot:
        async with talk.run_test(size=SIZE):
            assert await wait_for(notes_pilot, lambda: not notes.waiting)
            assert talk.endpoint is not None
            talk.endpoint.close()  # gone without a goodbye (a crash)
            talk.endpoint = None
        now[0] += 10
        notes._tick()
        await notes_pilot.pause()
        assert notes.waiting
        assert "silent" in text_of(notes, "#status")


async def test_a_follower_mirrors_the_presenter_read_only(
    example: Scenario, tmp_path: Path
) -> None:
    talk = presenter(example, tmp_path)
    # Started with another scenario: it loads the presenter's.
    follower = FollowerApp(load_scenario("openstack-vm-launch"), session="class",
                           sync_folder=tmp_path, animate=False)
    async with talk.run_test(size=SIZE) as talk_pilot, \
            follower.run_test(size=SIZE) as follower_pilot:
        assert await wait_for(follower_pilot, lambda: not follower.waiting
                              and follower.scenario.meta.id == example.meta.id)
        assert len(list(tmp_path.glob("class.notes-*"))) == 1  # one endpoint, not one per class
        await talk_pilot.press("right", "right")
        assert await wait_for(follower_pilot, lambda: follower.stop_index == 2)
        assert str(follower.query_one("#title", Static).render()) == example.stops[2].title
        await follower_pilot.press("right", "end", "b")  # read-only: nothing moves
        await talk_pilot.pause(0.05)
        assert talk.stop_index == 2 and follower.stop_index == 2 and not talk.blanked
        await talk_pilot.press("b")
        assert await wait_for(follower_pilot, lambda: follower.blanked)
