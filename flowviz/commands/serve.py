"""``flowviz serve [SCENARIO]``: the walkthrough (or a presenter's screen) in a browser.

Each browser tab gets its own flowviz process, run by textual-serve behind a
small web server. It binds the loopback address unless told otherwise: serving
to a room is a choice the teacher makes with ``--host``, never a default.
With ``--follow SESSION`` every tab mirrors the presenter of that session
(``flowviz present --follow``), read-only.

The server (:mod:`flowviz.commands.web_server`) accepts WebSockets from its own
pages only, runs at most ``--max-sessions`` app processes, clamps the terminal
size a browser asks for, and never lists a folder. The served app runs with
``FLOWVIZ_NO_EXPORT=1`` (no files written on the server) unless
``--allow-export``.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

from flowviz.commands.common import add_scenario_argument
from flowviz.commands.present import session_name
from flowviz.errors import UserError

HELP = "serve the walkthrough to a web browser (loopback only unless --host says otherwise)"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
"""Browser tabs (app processes) served at once; each takes some 40 MB."""
NO_EXPORT_ENV = "FLOWVIZ_NO_EXPORT"
"""Set to 1 for the served app: a browser must not write files on the server."""


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535")
    return port


def session_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of sessions") from None
    if not 1 <= count <= 1000:
        raise argparse.ArgumentTypeError("--max-sessions is a number from 1 to 1000")
    return count


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST}, this machine "
                        "only; 0.0.0.0 serves every network this machine is on)")
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT})")
    parser.add_argument("--follow", metavar="SESSION", type=session_name, default=None,
                        help="show the presenter of SESSION instead of a walkthrough: every "
                        "browser follows its current step, read-only")
    parser.add_argument("--max-sessions", metavar="N", type=session_count,
                        default=DEFAULT_MAX_SESSIONS,
                        help="serve at most N browser tabs at once (default: "
                        f"{DEFAULT_MAX_SESSIONS}); one more is told the server is full")
    parser.add_argument("--allow-export", action="store_true",
                        help="let browsers export (e) files into the server's current folder; "
                        "off by default")


def is_loopback(host: str) -> bool:
    """True when ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace, reference: str) -> str:
    """The shell command textual-serve runs for each browser tab."""
    argv = [sys.executable, "-m", "flowviz"]
    if args.follow is not None:
        argv += ["present", reference, "--follow", args.follow]
    else:
        argv += ["walk", reference]
    # textual-serve runs this through the shell: the assignment sets the app's environment.
    prefix = "" if getattr(args, "allow_export", False) else f"{NO_EXPORT_ENV}=1 "
    return prefix + shlex.join(argv)


def run(args: argparse.Namespace) -> int:
    from flowviz.presenting.presenter import scenario_reference
    from flowviz.scenario.loader import load_scenario

    try:
        from flowviz.commands.web_server import GuardedServer
    except ModuleNotFoundError:
        raise UserError(
            "flowviz serve needs textual-serve: pip install 'flowviz[serve]'"
        ) from None
    if args.follow is not None:
        from flowviz.commands.present import sync_folder

        sync_folder()  # an unsafe notes folder: say so here, not in every browser tab
    # Load here so a bad scenario fails now, not in every browser tab.
    scenario = load_scenario(args.scenario)
    if not is_loopback(args.host):
        print(f"flowviz: serving on {args.host}: anyone who can reach this address can "
              "open the app", file=sys.stderr)
    server = GuardedServer(app_command(args, scenario_reference(scenario)), host=args.host,
                           port=args.port, title=f"flowviz — {scenario.meta.title}",
                           max_sessions=args.max_sessions)
    server.serve()
    return 0
