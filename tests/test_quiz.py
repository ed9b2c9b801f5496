"""The quiz's questions (pure core) and its screen (Pilot: keys, clicks, score)."""

from __future__ import annotations

from flowviz.quiz import build_quiz
from flowviz.scenario.loader import load_scenario
from flowviz.tui.quiz import QuizApp, QuizScreen


def test_questions_are_deterministic_per_seed_and_right_answer_is_a_choice() -> None:
    scenario = load_scenario("openstack-vm-launch")
    quiz = build_quiz(scenario, seed=7)
    assert quiz == build_quiz(scenario, seed=7)
    assert quiz != build_quiz(scenario, seed=8)
    assert len(quiz) == sum(1 for s in scenario.stops if not s.is_bookend)
    for question in quiz:
        assert 2 <= len(question.choices) <= 4
        assert len(set(question.choices)) == len(question.choices)
        assert 0 <= question.answer < len(question.choices)
    assert len({q.answer for q in quiz}) > 1  # the right answer is not always first
    step1 = next(q for q in quiz if scenario.stops[q.stop_index].label == "Step 1")
    if "receives" in step1.text:
        assert step1.choices[step1.answer] == "Horizon"


async def test_keys_answer_and_enter_goes_on_to_the_score() -> None:
    scenario = load_scenario("web-request")
    questions = build_quiz(scenario, seed=1)
    app = QuizApp(scenario, questions, color=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("enter")  # nothing answered yet: Enter does not skip
        assert screen.position == 0
        for n, question in enumerate(questions):
            wrong = (question.answer + 1) % len(question.choices)
            await pilot.press(str((question.answer if n else wrong) + 1))
            assert screen.answered
            await pilot.press("enter" if n % 2 else "right")
        assert screen.question is None
        assert screen.run.summary() == f"Score: {len(questions) - 1}/{len(questions)}"
        assert [q.stop_index for q in screen.run.missed] == [questions[0].stop_index]
        await pilot.press("enter")  # the missed step, one key away
        assert app.shown_stop == questions[0].stop_index


async def test_a_click_answers() -> None:
    scenario = load_scenario("web-request")
    questions = build_quiz(scenario, seed=2)
    app = QuizApp(scenario, questions, color=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        right = questions[0].answer + 1
        await pilot.click(f"#choice-{right}")
        await pilot.pause()
        assert screen.run.answers == {0: questions[0].answer}
        assert screen.run.score == 1
