"""``flowviz quiz [SCENARIO] [--seed N]``: predict each step before it is shown, then a score."""

from __future__ import annotations

import argparse
import os

from flowviz.commands.common import add_scenario_argument

HELP = "a question before each step (who receives the message, its type, the new state)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument("--seed", type=int, default=0,
                        help="which quiz: the same seed asks the same questions (default: 0)")
    parser.add_argument("--step", metavar="N", default=None,
                        help="start at step N (a number, '6b', 'initial' or 'final')")


def run(args: argparse.Namespace) -> int:
    from flowviz.commands.show import resolve_stop
    from flowviz.errors import UserError
    from flowviz.quiz import build_quiz
    from flowviz.scenario.loader import load_scenario
    from flowviz.tui.quiz import QuizApp

    scenario = load_scenario(args.scenario)
    start = resolve_stop(scenario, args.step).index if args.step is not None else 0
    questions = build_quiz(scenario, seed=args.seed, start=start)
    if not questions:
        raise UserError("this scenario has no step to ask about")
    color = not os.environ.get("NO_COLOR")
    status = QuizApp(scenario, questions, color=color).run()
    return status or 0
