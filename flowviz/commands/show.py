"""``flowviz show``: print one frame of the diagram (title, picture, legend) and exit.

Colour on a terminal, plain text when piped (Rich decides from the output);
monochrome styles when ``NO_COLOR`` is set. The frame is the same one the TUI
and every export draw (:mod:`flowviz.diagram.engine`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable

from flowviz.commands.common import add_scenario_argument
from flowviz.errors import UserError
from flowviz.scenario.model import Scenario, Stop

HELP = "print one frame of the diagram (a step of a view) to stdout"

MIN_WIDTH = 20
"""Fewest columns a frame is drawn in (a box and its name need that much)."""
MIN_HEIGHT = 8
"""Fewest rows: the title, a few of diagram and the legend's first lines."""
MIN_DIAGRAM_ROWS = 3
"""Rows of picture between the title and the legend, at the least."""
DEFAULT_SIZE = (120, 36)
"""Columns and rows when stdout is not a terminal (piped) and no size is given."""


def _size(minimum: int, unit: str) -> Callable[[str], int]:
    """An argparse type: a whole number of ``unit`` from ``minimum`` up."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0 (got {number})")
        if number < minimum:
            raise argparse.ArgumentTypeError(
                f"{number} {unit} is too small for the picture: at least {minimum}")
        return number

    parse.__name__ = unit  # argparse names the type in its errors
    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument("--step", metavar="N", default=None,
                        help="a step number, a phase such as '6b', 'initial' (or 0) or 'final'")
    parser.add_argument("--view", metavar="V", default=None, help="the view to draw")
    parser.add_argument("--width", metavar="W", type=_size(MIN_WIDTH, "columns"),
                        default=None,
                        help=f"columns, at least {MIN_WIDTH} (default: the terminal's)")
    parser.add_argument("--height", metavar="H", type=_size(MIN_HEIGHT, "rows"),
                        default=None,
                        help=f"rows, at least {MIN_HEIGHT} and enough for the legend "
                        "(default: the terminal's, less a line for the prompt)")
    parser.add_argument("--ascii", action="store_true",
                        help="draw with ASCII only (for terminals without box-drawing glyphs)")
    parser.add_argument("--sequence", action="store_true",
                        help="draw the step as a sequence diagram (who says what, in order); "
                             "without --step, every step of the flow, one after another")


def resolve_stop(scenario: Scenario, spec: str | None) -> Stop:
    """The stop named by ``--step``: a number, a phase like '6b', 'initial'/0 or 'final'."""
    stops = scenario.stops
    text = (spec or "initial").strip().lower()
    if text in ("initial", "0", "start"):
        return stops[0]
    if text in ("final", "end"):
        return stops[-1]
    if text.isdigit():
        try:
            return scenario.stop_for_step(int(text))
        except KeyError:
            pass
    else:
        for stop in stops:
            if stop.step_number is not None and f"{stop.step_number}{stop.phase or ''}" == text:
                return stop
    numbers = sorted({s.step_number for s in stops if s.step_number is not None})
    raise UserError(f"no step {spec!r}; steps are {numbers[0]}–{numbers[-1]}, "
                    "a phase such as '6b', 'initial' or 'final'" if numbers else
                    f"no step {spec!r}")


def run(args: argparse.Namespace) -> int:
    from flowviz.scenario.loader import load_scenario

    return show(load_scenario(args.scenario), args)


def run_show(args: argparse.Namespace) -> int:
    """Entry point named in the design notes; same as :func:`run`."""
    return run(args)


def show(scenario: Scenario, args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.text import Text

    from flowviz.diagram.engine import build_diagram, view_for
    from flowviz.diagram.labels import fit, sanitize
    from flowviz.diagram.legend import legend_lines

    if getattr(args, "sequence", False):
        return show_sequence(scenario, args)
    stop = resolve_stop(scenario, args.step)
    try:
        view_for(scenario, args.view)
    except KeyError:
        raise UserError(f"no view {args.view!r}; views are "
                        + ", ".join(scenario.views)) from None
    size = shutil.get_terminal_size(DEFAULT_SIZE)
    width = args.width or max(MIN_WIDTH, size.columns)
    # The terminal's height less the line the shell's prompt takes after the frame,
    # so the title does not scroll off; a height asked for is printed exactly.
    height = args.height or max(MIN_HEIGHT, size.lines - 1)
    color = "NO_COLOR" not in os.environ or not os.environ["NO_COLOR"]
    ascii = bool(args.ascii)

    title = Text(fit(sanitize(f"{stop.label}: {stop.title}"), width), style="bold", end="")
    legend = legend_lines(scenario, stop, width, ascii=ascii, color=color)
    needed = 1 + MIN_DIAGRAM_ROWS + len(legend)
    if args.height is not None and args.height < needed:
        raise UserError(f"--height {args.height} is too small for this picture at {width} "
                        f"columns: it needs at least {needed} rows (the title, "
                        f"{MIN_DIAGRAM_ROWS} of diagram and {len(legend)} of legend)")
    area = max(MIN_DIAGRAM_ROWS, height - 1 - len(legend))
    diagram = build_diagram(scenario, args.view, width, area, ascii=ascii)
    window = None
    if diagram.width > width or diagram.height > area:
        window = diagram.viewport(stop, width, area)
    frame = diagram.frame(stop, color=color, window=window)

    console = Console(file=sys.stdout, markup=False, highlight=False, emoji=False,
                      width=width, no_color=not color)
    console.print(title, soft_wrap=True)
    for line in frame.lines:
        console.print(line, soft_wrap=True)
    for line in legend:
        console.print(line, soft_wrap=True)
    return 0


def show_sequence(scenario: Scenario, args: argparse.Namespace) -> int:
    """``--sequence``: the stop's sequence diagram, or every stop's with a divider and
    title each when no ``--step`` is given. Without ``--height`` each picture is as
    tall as its messages need."""
    from rich.console import Console
    from rich.text import Text

    from flowviz.diagram.labels import fit, sanitize
    from flowviz.diagram.legend import legend_lines
    from flowviz.diagram.sequence import sequence_height
    from flowviz.diagram.sequence_paint import sequence_frame

    stops = [resolve_stop(scenario, args.step)] if args.step is not None else list(scenario.stops)
    # One step shows its neighbours' messages for context; the whole flow has them all.
    neighbours = args.step is not None
    size = shutil.get_terminal_size((120, 36))
    width = max(20, args.width or size.columns)
    color = "NO_COLOR" not in os.environ or not os.environ["NO_COLOR"]
    ascii = bool(args.ascii)
    console = Console(file=sys.stdout, markup=False, highlight=False, emoji=False,
                      width=width, no_color=not color)
    divider = ("-" if ascii else "─") * width
    for n, stop in enumerate(stops):
        legend = legend_lines(scenario, stop, width, ascii=ascii, color=color)
        height = (max(3, args.height - 1 - len(legend)) if args.height
                  else sequence_height(scenario, stop, width, ascii=ascii,
                                       neighbours=neighbours))
        if len(stops) > 1:
            if n:
                console.print()
            console.print(Text(divider, style="dim", end=""), soft_wrap=True)
        title = Text(fit(sanitize(f"{stop.label}: {stop.title}"), width), style="bold", end="")
        console.print(title, soft_wrap=True)
        for line in sequence_frame(scenario, stop, width, height, ascii=ascii,
                                   color=color, neighbours=neighbours).lines:
            console.print(line, soft_wrap=True)
        if len(stops) == 1:
            for line in legend:
                console.print(line, soft_wrap=True)
    if len(stops) > 1:
        for line in legend_lines(scenario, None, width, ascii=ascii, color=color):
            console.print(line, soft_wrap=True)
    return 0
