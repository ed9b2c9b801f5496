"""``flowviz present [SCENARIO]``: full-screen presenter mode for a projector."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from flowviz.commands.common import add_scenario_argument
from flowviz.errors import UserError
from flowviz.presenting import DEFAULT_SESSION

if TYPE_CHECKING:
    from pathlib import Path

HELP = "present a scenario full screen (clicker keys, blank screen, notes terminal sync)"


def session_name(value: str) -> str:
    """argparse type: a session name safe for a socket file name."""
    from flowviz.presenting.sync import valid_session

    try:
        return valid_session(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not seconds > 0 or seconds != seconds or seconds == float("inf"):
        raise argparse.ArgumentTypeError("--auto needs a number of seconds above 0")
    return seconds


def quiz_seed(value: str) -> int:
    """argparse type: a quiz seed the notes channel can carry (0 to 2**31 - 1)."""
    from flowviz.presenting.sync import MAX_SEED

    try:
        seed = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"--seed must be from 0 to {MAX_SEED}")
    return seed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument("--step", metavar="N", default=None,
                        help="start at step N (a number, '6b', 'initial' or 'final')")
    parser.add_argument("--auto", metavar="SECONDS", type=positive_seconds, default=None,
                        help="advance by itself every SECONDS (p pauses)")
    parser.add_argument("--loop", action="store_true",
                        help="with --auto, start again after the final state (booth, kiosk)")
    parser.add_argument("--session", metavar="NAME", type=session_name, default=DEFAULT_SESSION,
                        help="publish to notes terminals of session NAME "
                        f"(default: {DEFAULT_SESSION}); see 'flowviz notes'")
    parser.add_argument("--fresh", action="store_true",
                        help="start the talk afresh (initial stop, clock at zero) instead of "
                        "resuming where this session's presenter stood")
    parser.add_argument("--follow", metavar="SESSION", type=session_name, default=None,
                        help="instead of presenting, mirror the presenter of SESSION "
                        "(read-only: a second screen; what 'flowviz serve --follow' shows)")
    parser.add_argument("--quiz", action="store_true",
                        help="quiz the room: each step's question first, its answer on the "
                        "next key (z turns it on and off while presenting)")
    parser.add_argument("--seed", type=quiz_seed, default=0,
                        help="which quiz questions (as 'flowviz quiz --seed'; default: 0)")
    parser.add_argument("--timer", action="store_true", help="show the elapsed time from the start")
    parser.add_argument("--no-animation", action="store_true",
                        help="do not animate messages travelling their links")
    parser.add_argument("--watch", action="store_true",
                        help="reload the scenario when one of its files changes, staying at "
                        "the same step (an edit that does not validate shows its problems)")


def sync_folder() -> Path:
    """The private sockets folder, or a clear UserError (another user's, a symlink …)."""
    from flowviz.presenting.sync import SyncError, runtime_dir

    try:
        return runtime_dir()
    except SyncError as exc:
        raise UserError(str(exc)) from None


def refuse_second_presenter(session: str) -> None:
    """UserError when a live presenter already publishes to ``session``."""
    from flowviz.presenting.sync import presenter_alive

    if presenter_alive(sync_folder() / f"{session}.presenter"):
        raise UserError(f"a presenter of session {session!r} is already running: quit it, "
                        "or give this one another session with --session NAME")


def run(args: argparse.Namespace) -> int:
    from flowviz.scenario.loader import load_scenario
    from flowviz.tui.navigation import resolve_step

    if args.loop and args.auto is None:
        raise UserError("--loop needs --auto SECONDS")
    if args.follow is not None:
        sync_folder()
    else:
        refuse_second_presenter(args.session)
    scenario = load_scenario(args.scenario)
    animate = not args.no_animation
    from flowviz.tui.follower import FollowerApp
    from flowviz.tui.present import PresenterApp

    app: PresenterApp
    if args.follow is not None:
        app = FollowerApp(scenario, session=args.follow, animate=animate)
    else:
        start = None if args.step is None else resolve_step(scenario, args.step)
        app = PresenterApp(scenario, start=start, session=args.session, resume=not args.fresh,
                           auto=args.auto, loop=args.loop, show_timer=args.timer,
                           animate=animate, quiz=args.quiz, quiz_seed=args.seed)
    if args.watch:
        from flowviz.scenario.loader import resolve

        app.enable_live_reload(resolve(args.scenario))
    app.run()
    return app.return_code or 0
