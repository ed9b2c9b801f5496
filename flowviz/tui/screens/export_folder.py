"""Where the walkthrough's exports go: a folder typed in the app (the palette's
"Set export folder…"), instead of ``$FLOWVIZ_EXPORT_DIR`` or the current folder."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from flowviz.tui.text import one_line


def folder_problem(path: Path) -> str | None:
    """Why exports cannot go to ``path``, or None. A missing folder is not created: a
    typo would otherwise scatter files into a new folder nobody looks in."""
    if not path.exists():
        return f"{path}: no such folder (create it first, or give another)"
    if not path.is_dir():
        return f"{path}: not a folder"
    return None


class ExportFolderScreen(ModalScreen[Path | None]):
    """Dismisses with the folder typed (an existing one), or None when cancelled."""

    DEFAULT_CSS = """
    ExportFolderScreen {
        align: center middle;
    }
    #export-folder-body {
        width: 80%;
        max-width: 90;
        height: auto;
        background: $surface;
        border: round $accent;
        padding: 0 1;
    }
    #export-folder-error {
        color: $text-error;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel", tooltip="Keep the export folder as it is"),
    ]

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="export-folder-body"):
            yield Static(Text("Export folder", style="bold"))
            yield Static(Text("Where e and “Export all steps” save files. "
                              "Enter to choose, Esc to cancel."), id="export-folder-help")
            # The Input shows and takes plain text: a path with [brackets] is a path.
            yield Input(value=str(self.current), placeholder="a folder, e.g. ~/slides",
                        id="export-folder-input")
            yield Static(Text(""), id="export-folder-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        path = Path(typed).expanduser() if typed else Path(".")
        problem = folder_problem(path)
        if problem is not None:
            self.query_one("#export-folder-error", Static).update(
                Text(one_line(problem), style="bold"))
            return
        self.dismiss(path)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
