"""Arguments and output helpers several commands share."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.text import Text

from flowviz.errors import printable


def add_scenario_argument(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    """The positional SCENARIO (bundled id or path; defaults to the OpenStack one)."""
    if many:
        parser.add_argument(
            "scenarios",
            nargs="*",
            metavar="SCENARIO",
            help="bundled scenario id or path (default: the OpenStack scenario)",
        )
    else:
        parser.add_argument(
            "scenario",
            nargs="?",
            metavar="SCENARIO",
            default=None,
            help="bundled scenario id or path (default: the OpenStack scenario)",
        )


def stdout_console() -> Console:
    """A console for tables and text: markup and highlighting off, since text is data."""
    return Console(file=sys.stdout, markup=False, highlight=False, emoji=False)


def shown(value: str) -> str:
    """Scenario text safe for a terminal, on one line: ESC shows as ␛, U+202E as ⟨U+202E⟩.

    Text from a scenario is data: an escape sequence in a title must not clear
    the screen, rename the window or open a live link (OSC 8) when a command
    prints it. The rule is the walkthrough's (control pictures).
    """
    return " ".join(printable(value.replace("\n", " ")).split())


def data_text(value: str) -> Text:
    """:func:`shown` as a Rich :class:`Text`: literal, never parsed as markup."""
    return Text(shown(value))
