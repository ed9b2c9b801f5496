"""Errors a user can act on: each names the file, the line and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a scenario, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    """1-based line, or None when the problem is about the file as a whole."""
    column: int | None = None
    """1-based column, or None."""

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; :attr:`problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(
            problems, key=lambda p: (p.path, p.line or 0, p.column or 0, p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class UserError(Exception):
    """A command-line mistake (bad option value, unwritable file …): one clear line."""
