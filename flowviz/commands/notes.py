"""``flowviz notes [--session NAME]``: the speaker-notes terminal for a presenter."""

from __future__ import annotations

import argparse

from flowviz.commands.present import session_name, sync_folder
from flowviz.presenting import DEFAULT_SESSION

HELP = "follow a presenter in a second terminal: speaker notes, next step, time; keys move it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--session", metavar="NAME", type=session_name, default=DEFAULT_SESSION,
                        help=f"follow the presenter of session NAME (default: {DEFAULT_SESSION})")


def run(args: argparse.Namespace) -> int:
    sync_folder()  # a folder another user could read or forge: refuse before starting
    from flowviz.tui.notes import NotesApp

    app = NotesApp(session=args.session)
    app.run()
    return app.return_code or 0
