"""The quiz for a room: the presenter asks on the projector, a key reveals, the notes
terminal shows the answer to the teacher first, and a follower mirrors it all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from flowviz.cli import main
from flowviz.presenting.room_quiz import RoomQuiz, backward, forward
from flowviz.presenting.sync import PresenterState, decode, encode
from flowviz.quiz import question_for
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.follower import FollowerApp
from flowviz.tui.notes import NotesApp
from flowviz.tui.present import PresenterApp
from tests.tui.screen import screen_text
from tests.waiting import wait_for

SIZE = (100, 30)
BUNDLED = Path(__file__).resolve().parent.parent / "steps" / "openstack-vm-launch"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(BUNDLED)


def first_asked(scenario: Scenario, seed: int = 0) -> int:
    """The first stop after the initial one with a question."""
    return next(s.index for s in scenario.stops[1:]
                if question_for(scenario, s, seed=seed) is not None)


# -- the core: where next goes ---------------------------------------------------------

def test_next_asks_then_reveals_then_asks_the_following(scenario: Scenario) -> None:
    quiz, index = forward(RoomQuiz(), scenario, 0)
    asked = first_asked(scenario)
    assert (quiz.asking, quiz.revealed, index) == (asked, False, asked - 1)
    quiz, index = forward(quiz, scenario, index)
    assert (quiz.asking, quiz.revealed, index) == (asked, True, asked)
    quiz, index = forward(quiz, scenario, index)
    assert quiz.waiting_for_answer and quiz.asking == asked + 1 and index == asked


def test_previous_takes_a_question_back_before_going_back(scenario: Scenario) -> None:
    asking = RoomQuiz(asking=3)
    assert backward(asking, 2) == (RoomQuiz(), 2)
    assert backward(RoomQuiz(asking=3, revealed=True), 3) == (RoomQuiz(), 2)
    assert backward(RoomQuiz(), 0) == (RoomQuiz(), 0)


def test_a_stop_with_nothing_to_ask_is_shown_at_once(scenario: Scenario) -> None:
    last = len(scenario.stops) - 1  # the final state asks nothing
    assert question_for(scenario, scenario.stops[last]) is None
    assert forward(RoomQuiz(seed=4), scenario, last - 1) == (RoomQuiz(seed=4), last)
    assert forward(RoomQuiz(), scenario, last) == (RoomQuiz(), last)


def test_the_quiz_crosses_the_notes_channel_and_bad_quizzes_are_ignored() -> None:
    state = PresenterState(3, 1000.0, "openstack-vm-launch", quiz=RoomQuiz(7, 4, False))
    payload = encode("state", "s", {"stop": 3, "started": 1000.0,
                                    "scenario": "openstack-vm-launch",
                                    "quiz": {"seed": 7, "asking": 4, "revealed": False}})
    assert decode(payload, "s") == state
    for bad in ({"seed": -1, "asking": 4, "revealed": False},
                {"seed": 1, "asking": "4", "revealed": False},
                {"seed": 1, "asking": None, "revealed": True},
                {"seed": 1, "asking": 4, "revealed": False, "more": 1},
                [1, 2, 3]):
        message = json.loads(payload)
        message["quiz"] = bad
        assert decode(json.dumps(message).encode(), "s") is None, bad


# -- the presenter's screen ------------------------------------------------------------

def screen(app: PresenterApp) -> str:
    return "\n".join(screen_text(app))


async def test_presenter_asks_on_screen_and_reveals_with_a_key(scenario: Scenario) -> None:
    app = PresenterApp(scenario, animate=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "right")
        asked = first_asked(scenario)
        question = question_for(scenario, scenario.stops[asked])
        assert question is not None
        assert app.stop_index == asked - 1  # the room predicts from the picture it has
        shown = screen(app)
        assert question.text in shown
        for n, choice in enumerate(question.choices, start=1):
            assert f"{n}  {choice}" in shown
        assert "✓" not in shown
        await pilot.press("a")  # reveal
        assert app.stop_index == asked
        shown = screen(app)
        right = question.choices[question.answer]
        assert f"✓ {question.answer + 1}  {right}" in shown
        assert scenario.stops[asked].title in shown
        await pilot.press("right")  # the next question, over this picture
        assert app.stop_index == asked and app.quiz is not None and app.quiz.waiting_for_answer
        await pilot.press("left")  # taken back
        assert app.stop_index == asked and app.quiz == RoomQuiz()
        await pilot.press("z", "right")  # quiz off: next is the next step again
        assert app.quiz is None and app.stop_index == asked + 1


async def test_jumping_drops_the_question_but_keeps_the_quiz(scenario: Scenario) -> None:
    app = PresenterApp(scenario, animate=False, quiz=True, quiz_seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert app.quiz is not None and app.quiz.waiting_for_answer
        await pilot.press("end")
        assert app.quiz == RoomQuiz(seed=3) and app.stop_index == len(scenario.stops) - 1
        assert "Quiz:" not in screen(app)


# -- notes and follower ----------------------------------------------------------------



async def test_notes_show_the_answer_first_and_a_follower_mirrors_the_question(
    scenario: Scenario, tmp_path: Path
) -> None:
    talk = PresenterApp(scenario, session="room", sync_folder=tmp_path, animate=False, quiz=True)
    notes = NotesApp(session="room", sync_folder=tmp_path)
    mirror = FollowerApp(scenario, session="room", sync_folder=tmp_path, animate=False)
    async with (talk.run_test(size=SIZE) as talk_pilot, notes.run_test(size=SIZE) as notes_pilot,
                mirror.run_test(size=SIZE) as mirror_pilot):
        assert await wait_for(notes_pilot, lambda: notes.scenario is not None)
        asked = first_asked(scenario)
        question = question_for(scenario, scenario.stops[asked])
        assert question is not None
        right = question.choices[question.answer]
        await notes_pilot.press("right")  # the teacher moves on from the notes: a question
        assert await wait_for(talk_pilot, lambda: talk.quiz is not None
                              and talk.quiz.waiting_for_answer)

        def says(text: str) -> bool:
            return text in str(notes.query_one("#next", Static).render())

        assert await wait_for(notes_pilot, lambda: says(f"Answer (only you see it): "
                                                        f"{question.answer + 1}  {right}"))
        assert await wait_for(mirror_pilot, lambda: question.text in screen(mirror))
        assert "✓" not in screen(mirror)
        await talk_pilot.press("right")  # revealed
        assert await wait_for(mirror_pilot, lambda: f"✓ {question.answer + 1}  {right}"
                              in screen(mirror))
        assert await wait_for(notes_pilot, lambda: says("revealed"))


def test_present_refuses_a_seed_the_channel_cannot_carry(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["present", "openstack-vm-launch", "--quiz", "--seed", "-1"])
    assert exited.value.code == 2
    assert "--seed must be from 0" in capsys.readouterr().err
