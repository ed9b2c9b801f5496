"""The walkthrough's exports: ``e`` saves the current step, the palette saves them all.

Both call the pure core (:func:`flowviz.export.formats.export_stops`) with the
view the learner is looking at and the diagram's own canvas size, so the file
shows the picture on screen. Files go to the folder set in the app (the
palette's "Set export folder…"), or :data:`EXPORT_DIR_ENV`, or the current
folder; an existing file is never overwritten (a taken name gets ``-2``).
Nothing here knows the app: it is handed what to export and answers with what
to tell the learner.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from flowviz.errors import UserError
from flowviz.export.formats import DEFAULT_SIZE, PLAYER_NAME, export_stops
from flowviz.scenario.model import Scenario, Stop

EXPORT_DIR_ENV = "FLOWVIZ_EXPORT_DIR"
"""The folder the walkthrough exports into (default: the current folder)."""

NO_EXPORT_ENV = "FLOWVIZ_NO_EXPORT"
"""Set (non-empty) by ``flowviz serve``: a browser may not write files on the server."""
REFUSED_MESSAGE = "Export is off here (flowviz serve --allow-export turns it on)"


def exports_refused() -> bool:
    """True when exports are off (``flowviz serve`` without ``--allow-export``)."""
    return bool(os.environ.get(NO_EXPORT_ENV, "").strip())


class ExportOutcome(NamedTuple):
    """What an export wrote and the sentence that says so (or why not)."""

    written: list[Path]
    message: str
    ok: bool


def export_folder(chosen: Path | None = None) -> Path:
    """Where the walkthrough's exports go: the folder ``chosen`` in the app (the
    palette's "Set export folder…"), else :data:`EXPORT_DIR_ENV`, else here."""
    if chosen is not None:
        return chosen
    return Path(os.environ.get(EXPORT_DIR_ENV, "").strip() or ".")


def run_export(scenario: Scenario, stops: Sequence[Stop], fmt: str, folder: Path, *,
               view: str | None, size: tuple[int, int] | None) -> ExportOutcome:
    """Export ``stops`` as the learner sees them (``size`` None: the default canvas).

    Nothing is ever overwritten: a name already taken gets ``-2`` (``-3`` …)."""
    try:
        written = export_stops(scenario, stops, fmt, folder, view=view,
                               size=size or DEFAULT_SIZE, new_names=True)
    except UserError as exc:
        return ExportOutcome([], str(exc), False)
    shown = next((p for p in written if p.name == PLAYER_NAME), written[0])
    more = f" and {len(written) - 1} more" if len(written) > 1 else ""
    return ExportOutcome(written, f"Saved {shown.resolve()}{more}", True)


def all_steps_folder(scenario: Scenario, chosen: Path | None = None) -> Path:
    """Where "Export all steps" writes: a folder named for the scenario."""
    return export_folder(chosen) / f"{scenario.meta.id}-export"
