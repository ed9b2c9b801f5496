"""The ``flowviz`` command line: a thin dispatcher over :mod:`flowviz.commands`.

Each command is a module with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Modules keep heavy imports (Textual, the diagram engine)
inside ``run`` so that ``flowviz validate`` or ``--help`` start quickly.

``flowviz [SCENARIO] [--step N]`` with no command name opens the walkthrough.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from flowviz import __version__
from flowviz.errors import ScenarioError, UserError

DEFAULT_COMMAND = "walk"
COMMANDS: dict[str, str] = {
    "walk": "flowviz.commands.walk",
    "present": "flowviz.commands.present",
    "notes": "flowviz.commands.notes",
    "serve": "flowviz.commands.serve",
    "show": "flowviz.commands.show",
    "export": "flowviz.commands.export",
    "quiz": "flowviz.commands.quiz",
    "steps": "flowviz.commands.steps",
    "list": "flowviz.commands.list_scenarios",
    "validate": "flowviz.commands.validate",
}
"""Command name → module. A module that does not exist yet is simply not offered."""


def _modules(only: str | None = None) -> dict[str, ModuleType]:
    modules = {}
    for name, path in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            modules[name] = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path:
                raise
    return modules


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's (``only``: that command's alone, as
    when the command is known before parsing; importing the others cost each start
    ~5 ms)."""
    parser = argparse.ArgumentParser(
        prog="flowviz",
        description="Step through how a request travels a distributed system. "
        "With no command, opens the walkthrough (flowviz [SCENARIO] [--step N]).",
        epilog="SCENARIO is a bundled scenario id (see 'flowviz list') or a path to a "
        "scenario folder or file; it defaults to the bundled OpenStack scenario. "
        "Run 'flowviz COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"flowviz {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in _modules(only).items():
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def misspelt_command(word: str) -> str | None:
    """The command ``word`` is a typo of, when it names no scenario (``shwo``: ``show``).

    Without a command name the first word is a SCENARIO, so a typo used to end as
    "no such file or folder" about a scenario. A word that is an existing path or a
    bundled id keeps meaning a scenario, so an author's folder named like a command
    still opens.
    """
    if word in COMMANDS or word.startswith("-") or os.sep in word or "/" in word:
        return None
    close = difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.6)
    if not close or os.path.lexists(word):
        return None
    from flowviz.scenario.bundled import bundled_ids

    return None if word in bundled_ids() else close[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Run flowviz; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    known = set(COMMANDS)
    first = next((a for a in args_list if not a.startswith("-")), None)
    wants_top_help = not args_list or args_list[0] in ("-h", "--help", "--version")
    typo = misspelt_command(args_list[0]) if args_list else None
    if typo is not None:
        print(f"flowviz: error: unknown command {args_list[0]!r}; did you mean {typo!r}?",
              file=sys.stderr)
        return 1
    if first not in known and not (wants_top_help and args_list):
        args_list.insert(0, DEFAULT_COMMAND)
    command = args_list[0] if args_list and args_list[0] in known else None
    args = build_parser(only=command).parse_args(args_list)
    try:
        status: int = args.run(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = exc.total
        least = "at least " if exc.stopped else ""
        print(f"flowviz: {least}{count:,} problem{'s' if count != 1 else ''} found",
              file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"flowviz: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a traceback.
        sys.stderr.close()
        return 0
    return status
