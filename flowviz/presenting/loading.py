"""Load the scenario a presenter's message names: checked first, never on the UI thread.

A notes terminal (or a follower) loads whatever scenario the presenter says it
shows. That name arrives in a datagram, so it gets the checks the command line
gives a path, and more: a bundled id is looked up among the bundled scenarios
only (never as a file of that name in the current folder), and a path must be
absolute and, followed through symbolic links, a regular file or a folder whose
YAML files are regular files. A FIFO, a device or a socket would block ``open``
forever.

Even checked, reading and validating takes time (and a path can change between
the check and the read), so :func:`load_in_background` does it on a daemon
thread: the UI keeps answering, and quitting never waits for a load.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

from flowviz.errors import Problem, ScenarioError
from flowviz.presenting.sync import valid_reference
from flowviz.scenario.bundled import bundled_path
from flowviz.scenario.model import Scenario

YAML_SUFFIXES = (".yaml", ".yml")

Loader = Callable[[str], Scenario]


def _refuse(reference: str, why: str) -> ScenarioError:
    return ScenarioError([Problem(reference, why)])


def checked_path(reference: str) -> Path:
    """The path to load for ``reference``, or :class:`ScenarioError` saying why not."""
    if not valid_reference(reference):
        raise _refuse(reference[:80], "not a scenario reference")
    if "/" not in reference:
        bundled = bundled_path(reference)
        if bundled is None:
            raise _refuse(reference, "no bundled scenario of that id")
        return bundled
    path = Path(reference)
    if not path.is_absolute():
        raise _refuse(reference, "a presenter names a scenario by id or by absolute path")
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode):
            return path
        if not stat.S_ISDIR(info.st_mode):
            raise _refuse(reference, "not a regular file or a folder")
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.endswith(YAML_SUFFIXES) and not stat.S_ISREG(
                        os.stat(entry.path).st_mode):
                    raise _refuse(entry.path, "not a regular file")
    except OSError as exc:
        raise _refuse(reference, exc.strerror or "cannot be read") from None
    return path


def load_checked(reference: str) -> Scenario:
    """Check ``reference`` (:func:`checked_path`), then load it."""
    from flowviz.scenario.loader import load_scenario

    return load_scenario(checked_path(reference))


async def load_in_background(reference: str, loader: Loader | None = None) -> Scenario:
    """Load ``reference`` on a daemon thread and return (or raise) what the loader did."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Scenario] = loop.create_future()
    load = loader or load_checked

    def settle(result: Scenario | None, error: BaseException | None) -> None:
        if future.done():
            return  # the app stopped waiting (it quit)
        if error is not None:
            future.set_exception(error)
        else:
            assert result is not None
            future.set_result(result)

    def work() -> None:
        result: Scenario | None = None
        error: BaseException | None = None
        try:
            result = load(reference)
        except BaseException as exc:  # handed to the awaiting task, never lost
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=work, name="flowviz-load", daemon=True).start()
    return await future
