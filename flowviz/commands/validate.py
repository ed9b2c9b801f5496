"""``flowviz validate``: check scenarios and report every problem found."""

from __future__ import annotations

import argparse
import sys

from flowviz.commands.common import add_scenario_argument
from flowviz.errors import ScenarioError

HELP = "check scenarios; print every problem as path:line:column: message"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser, many=True)


def run(args: argparse.Namespace) -> int:
    from flowviz.scenario.loader import load_scenario

    status = 0
    for spec in args.scenarios or [None]:
        try:
            scenario = load_scenario(spec)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            count = len(exc.problems)
            print(f"{spec}: invalid, {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
            status = 1
            continue
        print(
            f"{scenario.origin}: ok: {scenario.meta.title!s}: {len(scenario.steps)} steps "
            f"({len(scenario.stops)} stops), {len(scenario.services)} services, "
            f"{len(scenario.links)} links"
        )
    return status
