"""Export a scenario's stops to files: SVG, HTML (with a player), text, ANSI, Markdown, PNG.

The pure core of ``flowviz export`` and of the walkthrough's ``e`` key: no
Textual here. Every picture is the shared engine's frame for the stop
(:mod:`flowviz.export.snapshot`), so an export shows exactly what the walkthrough
draws. Files are rendered in memory first and then written atomically, never
over an existing file unless ``force`` (:mod:`flowviz.export.atomic`).

File names sort in walkthrough order: ``00-initial-state.svg``,
``06a-publish-….svg`` … ``16-final-state.svg``; HTML adds ``index.html`` (the
player) and Markdown is one ``handout.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from flowviz.diagram.labels import sanitize
from flowviz.errors import UserError
from flowviz.export.atomic import write_files
from flowviz.export.handout import handout
from flowviz.export.player import player
from flowviz.export.selection import file_stem
from flowviz.export.snapshot import THEME, Snapshot, html_code, take_snapshot, to_svg, to_text
from flowviz.scenario.model import Scenario, Stop

FORMATS: tuple[str, ...] = ("svg", "html", "txt", "ansi", "md", "png")
"""Every format ``flowviz export --format`` accepts."""

DEFAULT_SIZE: tuple[int, int] = (120, 36)
"""The canvas an export draws on unless told otherwise (columns × rows)."""

HANDOUT_NAME = "handout.md"
PLAYER_NAME = "index.html"
PNG_HINT = "PNG export needs the optional cairosvg package: pip install 'flowviz[png]'"

_EXTENSIONS = {"svg": "svg", "html": "html", "txt": "txt", "ansi": "ans", "md": "md", "png": "png"}

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ margin: 1em; color: {fg}; background: {bg}; }}
pre {{ margin: 0; font: 13px/1.2 'DejaVu Sans Mono', Menlo, Consolas, monospace; }}
</style>
</head>
<body>
<pre>{code}</pre>
</body>
</html>
"""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One file of an export, rendered but not yet written."""

    name: str
    data: bytes


def uses_color(fmt: str) -> bool:
    """Plain text and Markdown draw the monochrome frame (weight and glyphs carry the cues)."""
    return fmt not in ("txt", "md")


def _html_page(snapshot: Snapshot) -> str:
    title = f"{sanitize(snapshot.scenario.meta.title)} — {snapshot.title()}"
    code = html_code(snapshot, snapshot.renderable())
    return _PAGE.format(
        title=escape(title),
        fg=THEME.foreground_color.hex,
        bg=THEME.background_color.hex,
        code=code,
    )


def _png(svg: str) -> bytes:
    try:
        import cairosvg
    except ImportError as exc:
        raise UserError(PNG_HINT) from exc
    except OSError as exc:  # cairosvg is there but the cairo library is not
        raise UserError(f"{PNG_HINT} (and the system's cairo library: {exc})") from exc
    data: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    return data


def _plain(text: str) -> str:
    """Plain text without the trailing spaces every padded line carries."""
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


def render_stops(
    scenario: Scenario,
    stops: Sequence[Stop],
    fmt: str,
    *,
    view: str | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    player_index: bool = True,
    sequence: bool = False,
) -> list[Rendered]:
    """Every file of an export, in memory (names relative to the output folder).

    With ``sequence`` each file draws the stop's sequence diagram instead of the
    topology (with its neighbours' messages dimmed around it), and the Markdown
    handout gains it under the topology."""
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if view is not None and view not in scenario.views:
        known = ", ".join(scenario.views) or "none"
        raise UserError(f"--view {view!r}: no such view (views: {known})")
    if not stops:
        raise UserError("no steps to export")
    if fmt == "png":
        _png_available()
    snapshots = [
        # One file per stop shows its neighbours for context; the handout has
        # every stop one after another already.
        take_snapshot(scenario, stop, view=view, size=size, color=uses_color(fmt),
                      sequence=sequence, neighbours=fmt != "md")
        for stop in stops
    ]
    if sequence and fmt != "md":
        snapshots = [replace(s, frame=s.sequence) if s.sequence else s for s in snapshots]
    if fmt == "md":
        return [Rendered(HANDOUT_NAME, handout(scenario, snapshots).encode("utf-8"))]
    files: list[Rendered] = []
    for snap in snapshots:
        name = f"{file_stem(scenario, snap.stop)}.{_EXTENSIONS[fmt]}"
        if fmt == "svg":
            data = to_svg(snap).encode("utf-8")
        elif fmt == "png":
            data = _png(to_svg(snap, fonts="monospace"))
        elif fmt == "html":
            data = _html_page(snap).encode("utf-8")
        elif fmt == "ansi":
            data = to_text(snap, styles=True).encode("utf-8")
        else:
            data = _plain(to_text(snap)).encode("utf-8")
        files.append(Rendered(name, data))
    if fmt == "html" and player_index:
        page = player(snapshots, [f.name for f in files])
        files.append(Rendered(PLAYER_NAME, page.encode("utf-8")))
    return files


def _png_available() -> None:
    """Fail before drawing anything when PNG export cannot work here."""
    _png('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')


def export_stops(
    scenario: Scenario,
    stops: Sequence[Stop],
    fmt: str,
    out_dir: Path,
    *,
    view: str | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    force: bool = False,
    player_index: bool = True,
    new_names: bool = False,
    sequence: bool = False,
) -> list[Path]:
    """Export ``stops`` as ``fmt`` into ``out_dir``; return the files written, in order.

    Raises :class:`~flowviz.errors.UserError` (with nothing written) when a file
    exists and neither ``force`` nor ``new_names`` is set, when ``out_dir`` cannot
    be created or written, for an unknown view or format, and for PNG without
    cairosvg. With ``new_names`` a file whose name is taken is saved as
    ``NAME-2.svg`` (``-3`` …) instead, as the walkthrough's ``e`` does.
    """
    rendered = render_stops(
        scenario, stops, fmt, view=view, size=size, player_index=player_index,
        sequence=sequence,
    )
    targets = [out_dir / r.name for r in rendered]
    if new_names:
        targets = [_free_name(path) for path in targets]
    return write_files(list(zip(targets, (r.data for r in rendered), strict=True)),
                       force=force)


def _free_name(path: Path) -> Path:
    """``path``, or ``path`` with ``-2``, ``-3`` … before its suffix if that is taken."""
    candidate, n = path, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
