"""``--watch``: reload the scenario in a running app when one of its files changes.

A Textual timer asks :class:`LiveReload` to :meth:`~LiveReload.check` every
:data:`~flowviz.scenario.watch.POLL_SECONDS`. The check runs in a thread worker
(stat calls, and on a change the whole load and validation, stay off the UI
thread) and hands its answer back to the app's loop: a new scenario goes to the
app's ``swap`` coroutine, which stays at the same stop; errors are shown as a
notification (plain text, never markup: a path or message may hold ``[``) and
the last good picture stays until the files load again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events, on
from textual.app import App
from textual.timer import Timer
from textual.worker import Worker

from flowviz.scenario.model import Scenario, Stop
from flowviz.scenario.watch import POLL_SECONDS, Broken, Reloaded, ScenarioWatch

PROBLEMS_TITLE = "The scenario no longer loads (showing the last good version)"
"""The title of the notification that lists a broken edit's problems."""
PROBLEMS_TIMEOUT = 24 * 3600.0
"""Seconds the problems stay on screen: until fixed, in practice."""

Swap = Callable[[Scenario], Awaitable[None]]
"""The app's way to show a reloaded scenario (staying at the same stop)."""


def stop_index_for(scenario: Scenario, old: Stop) -> int:
    """Where to stand in an edited ``scenario`` after ``old``: the stop of the same
    label ('Step 6b'), else the first of the same step (6b gone: 6), else the same
    index (clamped)."""
    for stop in scenario.stops:
        if stop.label == old.label:
            return stop.index
    for stop in scenario.stops:
        if old.step_number is not None and stop.step_number == old.step_number:
            return stop.index
    return max(0, min(old.index, len(scenario.stops) - 1))


class LiveReload:
    """Polls a :class:`ScenarioWatch` for one app and applies what it finds."""

    def __init__(self, app: App[int], watch: ScenarioWatch, swap: Swap, *,
                 interval: float | None = POLL_SECONDS) -> None:
        self.app = app
        self.watch = watch
        self.swap = swap
        self.interval = interval
        """Seconds between checks; None: no timer (tests call :meth:`check`)."""
        self.timer: Timer | None = None
        self.showing_problems = False
        """True while a notification lists the problems of a broken edit."""
        self._busy = False

    def start(self) -> None:
        """Start polling (once the app runs; again is harmless)."""
        if self.timer is None and self.interval is not None:
            self.timer = self.app.set_interval(self.interval, self.check)

    def check(self) -> Worker[None] | None:
        """Look for a change off the UI thread; None while a check still runs."""
        if self._busy:
            return None  # a slow load is still going: the next tick looks again
        self._busy = True
        return self.app.run_worker(self._poll, thread=True, group="live-reload",
                                   exit_on_error=False)

    def _poll(self) -> None:
        try:
            outcome = self.watch.check()
        finally:
            self._busy = False
        if outcome is not None:
            # Thread-safe and not waiting for the answer: an app closing meanwhile
            # simply drops it (call_from_thread would block this thread at exit).
            self.app.call_later(self.apply, outcome)

    async def apply(self, outcome: Reloaded | Broken) -> None:
        """Show a reloaded scenario, or the problems of a broken edit (on the UI thread)."""
        if self.showing_problems:
            self.app.clear_notifications()
            self.showing_problems = False
        if isinstance(outcome, Broken):
            self.app.notify(outcome.message(), title=PROBLEMS_TITLE, severity="error",
                            timeout=PROBLEMS_TIMEOUT, markup=False)
            self.showing_problems = True
            return
        await self.swap(outcome.scenario)
        self.app.notify("Scenario reloaded", timeout=2, markup=False)


class WatchedApp(App[int]):
    """An app that can reload its scenario (``--watch``): the walkthrough and the
    presenter. Each says how to show the edited scenario in :meth:`_reload_scenario`."""

    live_reload: LiveReload | None = None
    """Set by ``--watch`` (:meth:`enable_live_reload`): reloads the scenario on a change."""

    def enable_live_reload(self, path: Path, *,
                           interval: float | None = POLL_SECONDS) -> LiveReload:
        """Reload the scenario at ``path`` when its files change, looking every
        ``interval`` seconds (None: no timer; tests call ``live_reload.check()``)."""
        self.live_reload = LiveReload(self, ScenarioWatch(path), self._reload_scenario,
                                      interval=interval)
        return self.live_reload

    @on(events.Mount)
    def _start_live_reload(self) -> None:
        if self.live_reload is not None:
            self.live_reload.start()

    async def _reload_scenario(self, scenario: Scenario) -> None:
        """Show the edited ``scenario`` (at the stop of the same label)."""
        raise NotImplementedError
