"""``flowviz [walk] [SCENARIO] [--step N]``: the interactive walkthrough."""

from __future__ import annotations

import argparse

from flowviz.commands.common import add_scenario_argument

HELP = "open the interactive walkthrough (the default command)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument(
        "--step",
        metavar="N",
        default=None,
        help="start at step N (a number, '6b', 'initial' or 'final')",
    )
    parser.add_argument("--view", metavar="V", default=None, help="start in view V")
    parser.add_argument(
        "--no-animation", action="store_true", help="do not animate messages travelling their links"
    )
    parser.add_argument(
        "--watch", action="store_true",
        help="reload the scenario when one of its files changes, staying at the same step "
        "(for scenario authors; an edit that does not validate shows its problems)",
    )


def run(args: argparse.Namespace) -> int:
    from flowviz.commands.head_start import begin

    # With empty caches, a child checks the scenario and lays out the first frame
    # while Textual is imported here.
    start = begin(args)
    try:
        from flowviz.tui.app import run_walkthrough  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ModuleNotFoundError:
        from flowviz.commands.steps import run as run_steps

        start.scenario()  # checked (its problems reported) before the steps are listed
        args.json = False
        return run_steps(args)
    status: int = run_walkthrough(start.scenario(), args)
    return status
