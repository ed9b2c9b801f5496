"""``flowviz validate``: check scenarios and report every problem found."""

from __future__ import annotations

import argparse
import sys

from flowviz.commands.common import add_scenario_argument, shown
from flowviz.errors import ScenarioError

HELP = "check scenarios; print every problem as path:line:column: message"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser, many=True)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every scenario is valid (warnings are printed but pass), 1 otherwise."""
    from flowviz.scenario.bundled import DEFAULT_SCENARIO
    from flowviz.scenario.loader import load_scenario

    status = 0
    for spec in args.scenarios or [None]:
        name = shown(spec or DEFAULT_SCENARIO)
        try:
            scenario = load_scenario(spec)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)  # Problem's str() is already printable
            count = exc.total
            least = "at least " if exc.stopped else ""
            plural = "s" if count != 1 else ""
            print(f"{name}: invalid, {least}{count:,} problem{plural}", file=sys.stderr)
            status = 1
            continue
        for warning in scenario.warnings:
            print(warning, file=sys.stderr)
        warned = len(scenario.warnings)
        note = f", {warned} warning{'s' if warned != 1 else ''}" if warned else ""
        print(
            f"{shown(scenario.origin)}: ok: {shown(scenario.meta.title)}: "
            f"{len(scenario.steps)} steps ({len(scenario.stops)} stops), "
            f"{len(scenario.services)} services, {len(scenario.links)} links{note}"
        )
    return status
