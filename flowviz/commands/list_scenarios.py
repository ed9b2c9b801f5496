"""``flowviz list``: the bundled scenarios."""

from __future__ import annotations

import argparse

HELP = "list the bundled scenarios (id, title, number of steps)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from flowviz.commands.common import stdout_console
    from flowviz.scenario.bundled import bundled_ids
    from flowviz.scenario.loader import load_scenario

    table = Table(box=None, pad_edge=False)
    table.add_column("ID")
    table.add_column("TITLE")
    table.add_column("STEPS", justify="right")
    for scenario_id in bundled_ids():
        scenario = load_scenario(scenario_id)
        table.add_row(Text(scenario_id), Text(scenario.meta.title), Text(str(len(scenario.steps))))
    stdout_console().print(table)
    return 0
