"""Arguments and output helpers several commands share."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console


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
