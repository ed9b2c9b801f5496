"""A head start for the walkthrough: the scenario's first checks and layout are done
in a child process while this one imports Textual.

With empty caches a start spends ~150 ms checking the scenario (YAML, schema,
references), choosing the screen's arrangement and laying out the first picture,
and as long again importing Textual, which needs none of it. On Linux, with a
terminal and the caches on, ``flowviz walk`` forks before importing Textual; the
child does the first part and stores what it found in the caches
(:mod:`flowviz.scenario.validated_cache`, :mod:`flowviz.diagram.start_cache`,
through :func:`flowviz.tui.first_frame.prepare_start`); the parent then starts
as from warm caches. A start whose caches hold it all forks nothing.

The child shares nothing with the parent but the cache files (each written
atomically), writes nothing to the terminal, and reports one thing on a pipe:
that the scenario is checked. If it fails the parent finds no entry and checks
the scenario itself, reporting its problems as always. The parent waits for the
check, then at most :data:`FRAME_WAIT` seconds for the frame; a child still
busy then finishes on its own.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import sys
import time

from flowviz.scenario.loader import ReadScenario, from_cache, load_read, read_scenario
from flowviz.scenario.model import Scenario

FRAME_WAIT = 0.5
"""Seconds the parent waits for the first frame once the scenario is checked (a
large scenario's layout can take longer: the app then lays it out as usual)."""
CHECKED = b"c"


class HeadStart:
    """A start under way: the scenario's files read, maybe a child preparing the rest
    (see the module's docstring)."""

    def __init__(self, read: ReadScenario, scenario: Scenario | None,
                 child: tuple[int, int] | None = None) -> None:
        self.read, self._scenario, self.child = read, scenario, child
        """The child's process id and the pipe it signals on, if one was started."""

    def scenario(self) -> Scenario:
        """The scenario checked: from the cache, or from the child's work once it has
        checked it, or checked here (raises :class:`~flowviz.errors.ScenarioError` as
        :func:`~flowviz.scenario.loader.load_scenario` does)."""
        if self.child is not None:
            self._join(*self.child)
            self.child = None
        return self._scenario if self._scenario is not None else load_read(self.read)

    def _join(self, pid: int, signal: int) -> None:
        from flowviz.diagram import start_cache

        ended = _wait(signal)
        os.close(signal)
        if ended:
            os.waitpid(pid, 0)
        else:  # still laying out: reaped whenever it ends
            import threading

            threading.Thread(target=os.waitpid, args=(pid, 0), daemon=True,
                             name="flowviz-head-start").start()
        start_cache.forget()  # the child may have written the entry read before the fork


def _wait(signal: int) -> bool:
    """True once the child has ended; False when it is still laying out
    :data:`FRAME_WAIT` seconds after it said the scenario is checked."""
    deadline: float | None = None
    while True:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([signal], [], [], timeout)
        if not ready:
            return False
        if not os.read(signal, 1):
            return True  # the pipe closed: the child has ended
        deadline = time.monotonic() + FRAME_WAIT


def begin(args: argparse.Namespace) -> HeadStart:
    """Read the scenario's files (raising if they cannot be read, as a load does) and,
    if the caches lack its start at this terminal's size, fork a child to prepare it.
    Call :meth:`HeadStart.scenario` once the app is imported."""
    read = read_scenario(args.scenario)
    scenario = from_cache(read)
    if not _forkable():
        return HeadStart(read, scenario)
    width, height = shutil.get_terminal_size()  # as Textual's driver reads it
    if scenario is not None:
        known, view = _view(scenario, args.view)
        if not known or _prepared(scenario, view, width, height):
            return HeadStart(read, scenario)
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return HeadStart(read, scenario)
    if pid == 0:  # pragma: no cover - the child: measured by its effects in the tests
        os.close(reader)
        _child(writer, read, scenario, args.view, args.step, width, height)
    os.close(writer)
    return HeadStart(read, scenario, (pid, reader))


def _forkable() -> bool:
    """A head start pays on Linux (a cheap fork), in a terminal, with the caches on."""
    from flowviz import cache_files

    return (sys.platform == "linux" and hasattr(os, "fork") and os.isatty(1)
            and cache_files.folder("start") is not None)


def _view(scenario: Scenario, asked: str | None) -> tuple[bool, str | None]:
    """The view the app will draw (as :class:`~flowviz.tui.stepping.SteppingApp`
    chooses it), after False for one the scenario does not have (the app says so)."""
    if asked is not None:
        return asked in scenario.views, asked
    return True, next(iter(scenario.views), None)


def _prepared(scenario: Scenario, view: str | None, width: int, height: int) -> bool:
    from flowviz.diagram import start_cache

    key = start_cache.start_key(scenario, view, width, height)
    return key is None or start_cache.complete(key, start_cache.WALKTHROUGH_SLOT)


def _child(signal: int, read: ReadScenario, scenario: Scenario | None,
           asked: str | None, step: str | None, width: int,
           height: int) -> None:  # pragma: no cover - runs in the forked child
    """Check the scenario (writing the validated cache), say so, prepare the start,
    and end without running anything of the parent's (no atexit, no buffers)."""
    status = 1
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        if scenario is None:
            scenario = load_read(read)
        os.write(signal, CHECKED)
        known, view = _view(scenario, asked)
        if known:
            from flowviz.tui.first_frame import prepare_start
            from flowviz.tui.navigation import resolve_step

            prepare_start(scenario, view, resolve_step(scenario, step), width, height,
                          color="NO_COLOR" not in os.environ)  # Textual's rule
        status = 0
    except BaseException:  # anything: the parent then does the work itself
        pass
    finally:
        os._exit(status)
