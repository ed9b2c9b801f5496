"""The help screen: every key the walkthrough knows, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from flowviz.tui.screens.modal import OnceModal
from flowviz.tui.widgets.key_footer import KeyFooter


class HelpScreen(OnceModal[None]):
    """Lists the App's bindings (key → what it does), grouped by description."""


    BINDINGS: ClassVar[list[BindingType]] = [
        # Its own footer entry: q closes this screen here, it does not quit.
        Binding("escape,q", "dismiss", "Close help", key_display="Esc/q"),
        Binding("question_mark", "dismiss", "Close help", show=False),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def _table(self) -> Table:
        table = Table(box=None, show_header=True, header_style="bold", expand=False)
        table.add_column("Keys", no_wrap=True)
        table.add_column("Does")
        grouped: dict[str, list[str]] = {}
        for binding in self.bindings:
            keys = grouped.setdefault(binding.tooltip or binding.description or binding.action, [])
            for key in binding.key.split(","):
                shown = binding.key_display if binding.key_display and "," not in binding.key \
                    else self.app.get_key_display(Binding(key.strip(), binding.action))
                if shown not in keys:
                    keys.append(shown)
        for description, keys in grouped.items():
            table.add_row(Text(" ".join(keys), style="bold"), Text(description))
        table.add_row(Text("click", style="bold"), Text("a box: details of that service"))
        table.add_row(Text("click", style="bold"), Text("a tick of the step bar: go there"))
        return table

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="modal-body"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield Static(self._table(), id="help-table")
            yield Static(Text("Esc, q or ? closes this screen."), id="help-hint")
        yield KeyFooter()  # its own: q closes help here, it does not quit
