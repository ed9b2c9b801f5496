"""The walkthrough's exports as keys: ``e`` saves the step on screen, the palette
saves every step and sets the folder.

A layer of the walkthrough app (:class:`ExportingApp` sits between
:class:`~flowviz.tui.stepping.SteppingApp` and
:class:`~flowviz.tui.app.FlowvizApp`): it knows where the walkthrough stands and
the diagram's size, and hands them to :mod:`flowviz.tui.export_action`, which
knows nothing of the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from flowviz.scenario.model import Stop
from flowviz.tui.stepping import SteppingApp
from flowviz.tui.widgets.diagram_view import DiagramView


class ExportingApp(SteppingApp):
    """The walkthrough's export actions (off under ``flowviz serve``)."""

    def action_export(self) -> None:
        """Save the current stop as SVG and say where it went."""
        from flowviz.tui.export_action import export_folder

        self._export([self.stop], "svg", export_folder(self.export_dir))

    def action_export_all(self) -> None:
        """Save every stop as HTML with an index.html player and say where."""
        from flowviz.tui.export_action import all_steps_folder

        self._export(self.scenario.stops, "html",
                     all_steps_folder(self.scenario, self.export_dir))

    export_dir: Path | None = None
    """The export folder chosen in the app ("Set export folder…"); None: the
    environment's (``FLOWVIZ_EXPORT_DIR``) or the current folder."""

    def action_set_export_folder(self) -> None:
        """Ask for the folder exports go to (an existing one) and say where they will go."""
        from flowviz.tui.export_action import export_folder
        from flowviz.tui.screens.export_folder import ExportFolderScreen

        if self._export_refused():
            return

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.export_dir = folder
                self.notify(f"Exports go to {folder.resolve()}", title="Export folder",
                            timeout=5, markup=False)

        self.push_screen(ExportFolderScreen(export_folder(self.export_dir)), chosen)

    def _export_refused(self) -> bool:
        """True (and the learner told) when exports are off (``flowviz serve``)."""
        from flowviz.tui.export_action import REFUSED_MESSAGE, exports_refused

        if exports_refused():
            self.notify(REFUSED_MESSAGE, title="Export off", severity="warning", timeout=6,
                        markup=False)
            return True
        return False

    def _export(self, stops: Sequence[Stop], fmt: str, folder: Path) -> list[Path]:
        from flowviz.tui.export_action import run_export

        if self._export_refused():
            return []

        view = self.query_one(DiagramView)
        size = (view.size.width, view.size.height) if view.size.area else None
        outcome = run_export(self.scenario, stops, fmt, folder, view=self.view_id, size=size)
        self.notify(outcome.message, title="Exported" if outcome.ok else "Export failed",
                    severity="information" if outcome.ok else "error", timeout=8, markup=False)
        return outcome.written
