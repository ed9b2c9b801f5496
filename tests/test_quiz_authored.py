"""An author's own quiz questions (``questions:`` in a step): they validate, are asked
by ``flowviz quiz`` and the walkthrough's ``z``, score right, and a malformed one is a
located error."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from flowviz.cli import main
from flowviz.quiz import build_quiz
from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.quiz import QuizApp, QuizScreen
from tests.tui.screen import screen_text

EXAMPLE = Path(__file__).resolve().parents[1] / "steps" / "web-request" / "scenario.yaml"
STEP_3_WIRE = ('      - {from: app, to: db, type: sql, '
               'wire: "SELECT * FROM orders WHERE user_id = $1"}\n')
STEP_4_LAST = '      - {from: proxy, to: browser, type: http, wire: "HTTP/1.1 200 OK"}\n'
QUESTIONS_3 = """\
    questions:
      - question: Why does the application wait here?
        choices: [It needs the rows to build the page, The database is asleep, nginx told it to]
        answer: It needs the rows to build the page
        explain: The page is made of the user's orders.
"""
QUESTIONS_4 = """\
    questions:
      - question: Who sends the e-mail?
        choices: [nginx, the application, the worker]
        answer: 2
"""


def write(folder: Path, questions_3: str = QUESTIONS_3) -> Path:
    """The bundled web-request scenario with questions of the author's for steps 3 and 4."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert STEP_3_WIRE in text and STEP_4_LAST in text
    text = text.replace(STEP_3_WIRE, STEP_3_WIRE + questions_3)
    text = text.replace(STEP_4_LAST, STEP_4_LAST + QUESTIONS_4)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def authored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("authored"))


def test_authored_questions_validate_and_are_asked_for_any_seed(
        authored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(authored)]) == 0
    assert "ok" in capsys.readouterr().out
    scenario = load_scenario(authored)
    for seed in (0, 7):
        by_label = {scenario.stops[q.stop_index].label: q for q in build_quiz(scenario, seed=seed)}
        three, four = by_label["Step 3"], by_label["Step 4"]
        assert three.text == "Why does the application wait here?"
        assert three.choices[three.answer] == "It needs the rows to build the page"  # by text
        assert three.explain == "The page is made of the user's orders."
        assert four.choices[four.answer] == "the worker"  # by index
        assert "receives" in by_label["Step 1"].text  # the other steps keep the generated ones


def test_flowviz_quiz_asks_them_and_scores_keys_and_clicks(
        authored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    async def drive(app: QuizApp) -> int:
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuizScreen)
            assert screen.question is not None
            assert screen.question.text == "Why does the application wait here?"
            assert "Why does the application wait here?" in "\n".join(screen_text(app))
            await pilot.press(str(screen.question.answer + 1))  # right, by key
            await pilot.press("enter")
            assert screen.question.text == "Who sends the e-mail?"
            await pilot.click("#choice-1")  # nginx: wrong, by click
            await pilot.pause()
            assert "the worker" in "\n".join(screen_text(app))  # the right one is said
            while screen.question is not None:
                await pilot.press("enter", "1")
            seen["summary"] = screen.run.summary()
            seen["scored"] = [screen.run.questions[i].is_right(c)
                              for i, c in sorted(screen.run.answers.items())][:2]
        return 0

    monkeypatch.setattr(QuizApp, "run", lambda self: asyncio.run(drive(self)))
    assert main(["quiz", str(authored), "--seed", "3", "--step", "3"]) == 0
    assert seen["scored"] == [True, False]
    assert str(seen["summary"]).startswith("Score: 1/")


async def test_the_walkthrough_quiz_asks_them(authored: Path) -> None:
    app = create_app(load_scenario(authored), step="3", animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert "Why does the application wait here?" in "\n".join(screen_text(app))
        await pilot.press("2")  # "The database is asleep": wrong
        assert screen.run.score == 0
        await pilot.press("enter", "3")  # step 4: the worker
        assert screen.run.score == 1
        assert [q.stop_index for q in screen.run.missed] == [app.scenario.stops[3].index]


@pytest.mark.parametrize(("old", "new", "said"), [
    ("answer: It needs the rows to build the page", "answer: Because it can",
     "answer 'Because it can' is not one of the choices"),
    ("answer: It needs the rows to build the page", "answer: 3",
     "answer 3 is not a choice: choices are numbered 0..2"),
    ("answer: It needs the rows to build the page", "answer: 3.0",
     "answer 3 is not a choice: choices are numbered 0..2"),
    ("choices: [It needs the rows to build the page, The database is asleep, nginx told it to]",
     "choices: [It needs the rows to build the page, b, c, d, e]",
     "choices: has 5 items; at most 4 are allowed"),
    ("      - question: Why does the application wait here?\n        choices",
     "      - choices", "is missing required key 'question'"),
])
def test_a_malformed_question_is_a_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str,
        said: str) -> None:
    assert old in QUESTIONS_3
    folder = write(tmp_path / "broken", QUESTIONS_3.replace(old, new))
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    line = text[:text.index(new.strip().split("\n")[-1])].count("\n") + 1
    for command in (["validate", str(folder)], ["quiz", str(folder)]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert f"{folder / 'scenario.yaml'}:{line}:" in err and said in err
        assert "Traceback" not in err


def test_the_documented_example_validates_and_is_asked(tmp_path: Path) -> None:
    docs = (EXAMPLE.parents[2] / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    section = docs[docs.index("### `questions`"):]
    example = section[section.index("```yaml\n") + 8:section.index("```\n", 10)]
    scenario = load_scenario(write(tmp_path / "documented", example))
    three = next(q for q in build_quiz(scenario) if scenario.stops[q.stop_index].label == "Step 3")
    assert three.text.startswith("Why does nova-api not call the scheduler directly?")
    assert three.choices[three.answer] == "It casts through the queue"
