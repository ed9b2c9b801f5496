"""The walkthrough's exports: ``e`` saves the current step, the palette saves them all.

Both call the pure core (:func:`flowviz.export.export_stops`) with the view the
learner is looking at and the diagram's own canvas size, so the file shows the
picture on screen. Files go to :data:`EXPORT_DIR_ENV` or the current folder;
an existing file is never overwritten (the learner is told, as ``flowviz
export`` would without ``--force``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from flowviz.errors import UserError
from flowviz.export.formats import DEFAULT_SIZE, PLAYER_NAME, export_stops
from flowviz.scenario.model import Stop
from flowviz.tui.widgets.diagram_view import DiagramView

if TYPE_CHECKING:
    from flowviz.tui.app import FlowvizApp

EXPORT_DIR_ENV = "FLOWVIZ_EXPORT_DIR"
"""The folder the walkthrough exports into (default: the current folder)."""


def export_folder() -> Path:
    """Where the walkthrough's exports go."""
    return Path(os.environ.get(EXPORT_DIR_ENV, "").strip() or ".")


def canvas_size(app: FlowvizApp) -> tuple[int, int]:
    """The diagram's canvas as the walkthrough draws it (the default before it is shown)."""
    view = app.query_one(DiagramView)
    width, height = view.size.width, view.size.height
    return (width, height) if width > 0 and height > 0 else DEFAULT_SIZE


def run_export(app: FlowvizApp, stops: Sequence[Stop], fmt: str, folder: Path) -> list[Path]:
    """Export ``stops`` and say where they went (or why not); return the files written."""
    try:
        written = export_stops(
            app.scenario, stops, fmt, folder, view=app.view_id, size=canvas_size(app)
        )
    except UserError as exc:
        app.notify(str(exc), title="Export failed", severity="error", timeout=8)
        return []
    shown = next((p for p in written if p.name == PLAYER_NAME), written[0])
    more = f" and {len(written) - 1} more" if len(written) > 1 else ""
    app.notify(f"Saved {shown.resolve()}{more}", title="Exported", timeout=8)
    return written


def export_current(app: FlowvizApp) -> list[Path]:
    """``e``: the current stop as SVG in the export folder."""
    return run_export(app, [app.stop], "svg", export_folder())


def export_all(app: FlowvizApp) -> list[Path]:
    """Every stop as HTML with its ``index.html`` player, in a folder named for the scenario."""
    folder = export_folder() / f"{app.scenario.meta.id}-export"
    return run_export(app, app.scenario.stops, "html", folder)
