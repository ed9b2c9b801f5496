"""``flowviz steps``: a scenario's steps as a table, or as JSON for scripts."""

from __future__ import annotations

import argparse
import json
from typing import Any

from flowviz.commands.common import add_scenario_argument
from flowviz.scenario.model import Counterpart, Message, Scenario, Step

HELP = "list a scenario's steps (a table, or --json for scripts)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array of steps")


def _message(message: Message) -> dict[str, Any]:
    return {
        "from": message.source,
        "to": message.target,
        "type": message.type,
        "link": message.link,
        "wire": message.wire,
    }


def _counterpart(counterpart: Counterpart | None) -> dict[str, Any] | None:
    if counterpart is None:
        return None
    return {"scenario": counterpart.scenario, "steps": list(counterpart.steps)}


def step_record(step: Step) -> dict[str, Any]:
    """A step as plain data: the ``--json`` format scripts rely on."""
    services = list(step.services)
    messages = list(step.messages)
    for phase in step.phases:
        services += [s for s in phase.services if s not in services]
        messages += phase.messages
    return {
        "number": step.number,
        "title": step.title,
        "services": services,
        "messages": [_message(m) for m in messages],
        "phases": [
            {
                "label": p.label,
                "title": p.title,
                "services": list(p.services),
                "messages": [_message(m) for m in p.messages],
                "counterpart": _counterpart(p.counterpart),
            }
            for p in step.phases
        ],
        "state": dict(step.state) | {k: v for p in step.phases for k, v in p.state},
        "caveat": step.caveat,
        "counterpart": _counterpart(step.counterpart),
    }


def steps_json(scenario: Scenario) -> str:
    return json.dumps([step_record(s) for s in scenario.steps], indent=2, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from flowviz.commands.common import stdout_console
    from flowviz.scenario.loader import load_scenario

    scenario = load_scenario(args.scenario)
    if args.json:
        print(steps_json(scenario))
        return 0
    table = Table(title=Text(scenario.meta.title), box=None, pad_edge=False, title_justify="left")
    table.add_column("STEP", justify="right")
    table.add_column("TITLE")
    table.add_column("MESSAGES")
    for stop in scenario.stops:
        label = stop.label.removeprefix("Step ") if stop.step_number else "–"
        wires = Text("\n".join(f"{m.source} → {m.target} ({m.type})" for m in stop.messages))
        table.add_row(Text(label), Text(stop.title), wires)
    stdout_console().print(table)
    return 0
