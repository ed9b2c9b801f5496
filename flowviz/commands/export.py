"""``flowviz export``: save step snapshots as SVG, HTML (with a player), text, Markdown or PNG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flowviz.commands.common import add_scenario_argument

HELP = "export step snapshots as svg, html (with a player), txt, ansi, md or png files"

FORMAT_CHOICES = ("svg", "html", "txt", "ansi", "md", "png")
"""Kept here as well as in flowviz.export.formats so --help needs no drawing code."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scenario_argument(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMAT_CHOICES,
        default="svg",
        help="file format (default: svg); html adds an index.html player, "
        "md writes one handout.md",
    )
    parser.add_argument(
        "--out",
        "-o",
        metavar="DIR",
        required=True,
        help="folder to write into (created when missing)",
    )
    parser.add_argument(
        "--steps",
        metavar="SPEC",
        default=None,
        help="which steps: e.g. '1-3,7', '6b', 'initial', 'final' (default: all)",
    )
    parser.add_argument("--view", metavar="V", default=None, help="draw view V")
    parser.add_argument(
        "--size",
        metavar="WxH",
        default="120x36",
        help="canvas in columns x rows (default: 120x36)",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite files that already exist"
    )
    parser.add_argument(
        "--sequence",
        action="store_true",
        help="draw each step as a sequence diagram (md: under the topology)",
    )


def run(args: argparse.Namespace) -> int:
    from flowviz.export.formats import export_stops
    from flowviz.export.selection import parse_size, select_stops
    from flowviz.scenario.loader import load_scenario

    size = parse_size(args.size)
    scenario = load_scenario(args.scenario)
    stops = select_stops(scenario, args.steps)
    written = export_stops(
        scenario,
        stops,
        args.format,
        Path(args.out),
        view=args.view,
        size=size,
        force=args.force,
        sequence=args.sequence,
    )
    count = len(written)
    folder = written[0].parent if written else Path(args.out)
    print(f"wrote {count} file{'s' if count != 1 else ''} to {folder}", file=sys.stderr)
    for path in written:
        print(path)
    return 0
