"""``flowviz steps``: a scenario's steps as a table, or as JSON for scripts."""

from __future__ import annotations

import argparse
import json
import re
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


_UNSAFE = re.compile("[\u007f-\u009f\u202a-\u202e\u2066-\u2069]")
"""Characters JSON may carry raw that a terminal could obey (C1 controls) or that
reorder the text around them (bidi controls)."""


def steps_json(scenario: Scenario) -> str:
    """The steps as JSON; every control character escaped, so it is safe on a terminal too."""
    text = json.dumps([step_record(s) for s in scenario.steps], indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from flowviz.commands.common import data_text, stdout_console
    from flowviz.scenario.loader import load_scenario

    scenario = load_scenario(args.scenario)
    if args.json:
        # JSON escapes every control character itself (ESC is \u001b): safe to print.
        print(steps_json(scenario))
        return 0
    table = Table(
        title=data_text(scenario.meta.title), box=None, pad_edge=False, title_justify="left"
    )
    table.add_column("STEP", justify="right")
    table.add_column("TITLE")
    table.add_column("MESSAGES")
    for stop in scenario.stops:
        label = stop.label.removeprefix("Step ") if stop.step_number else "–"
        wires = [data_text(f"{m.source} → {m.target} ({m.type})") for m in stop.messages]
        table.add_row(data_text(label), data_text(stop.title), Text("\n").join(wires))
    stdout_console().print(table)
    return 0
