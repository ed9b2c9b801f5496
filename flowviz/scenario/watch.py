"""Live reload for scenario authors: notice when a scenario's files change, and reload.

``flowviz PATH --watch`` and ``flowviz present PATH --watch`` poll
:meth:`ScenarioWatch.check` (every :data:`POLL_SECONDS`, off the UI thread).
Polling a digest of each file's path, modification time and size costs a few
``stat`` calls and needs no file-system notification library; a file added to
or removed from a scenario folder changes the digest too. Plain Python: the
apps decide what to do with the answer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flowviz.errors import ScenarioError
from flowviz.scenario.model import Scenario

# The loader (and its YAML reader) is imported where it is used: the apps import
# this module for POLL_SECONDS at start-up, before anything needs a reload.

POLL_SECONDS = 0.5
"""How often the apps look for a change."""


def files_digest(path: Path) -> str:
    """A digest of the (path, mtime_ns, size) of every YAML file making up ``path``.

    Never raises: a folder that cannot be listed or a file gone missing is part of
    the digest (the reload then says what is wrong)."""
    from flowviz.scenario.loader import YAML_SUFFIXES

    entries: list[str] = []
    try:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES)
        else:
            files = [path]
    except OSError as exc:
        files, entries = [], [f"unlistable {exc.errno}"]
    for file in files:
        try:
            status = file.stat()
            entries.append(f"{file}\0{status.st_mtime_ns}\0{status.st_size}")
        except OSError:
            entries.append(f"{file}\0missing")
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Reloaded:
    """The files changed and the scenario loads: show it."""

    scenario: Scenario


@dataclass(frozen=True)
class Broken:
    """The files changed and the scenario no longer validates: keep the last good one."""

    error: ScenarioError

    def message(self, limit: int = 8) -> str:
        """The problems as ``path:line:column: message`` lines (the first ``limit``)."""
        problems = [str(problem) for problem in self.error.problems]
        if len(problems) <= limit:
            return "\n".join(problems)
        more = self.error.total - limit
        return "\n".join([*problems[:limit],
                          f"… and {more:,} more (flowviz validate lists them all)"])


class ScenarioWatch:
    """Remembers a scenario's files as last seen; :meth:`check` says what changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._digest = files_digest(path)
        self.broken = False
        """True while the last reload failed (the app shows the last good scenario)."""

    def changed(self) -> bool:
        """True once for each change to the files since the last call."""
        digest = files_digest(self.path)
        if digest == self._digest:
            return False
        self._digest = digest
        return True

    def check(self) -> Reloaded | Broken | None:
        """None when nothing changed; else the reloaded scenario or why it fails."""
        from flowviz.scenario.loader import load_scenario

        if not self.changed():
            return None
        try:
            scenario = load_scenario(self.path)
        except ScenarioError as exc:
            self.broken = True
            return Broken(exc)
        self.broken = False
        return Reloaded(scenario)
