"""Run a Textual app in a pseudo-terminal, as a user's terminal runs it, and time it.

The app's process writes to a real pty (its driver encodes every frame, as it does
for a terminal) while this process reads the other end, so what is timed is what a
user waits for. The child reports over a pipe: the ``time.monotonic()`` (one
clock for every process on Linux) at which its first frame with the diagram had
been written, and then after each frame written with a new stop. Nothing here
waits for "idle" (Pilot's ``pause`` sleeps in 20 ms slices until the process goes
quiet, which made the earlier headless figures step in 20 ms and charged
flowviz's extra pauses to it).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r'''
import json, os, resource, sys, time
kind, scenario, report = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = os.fdopen(report, "w", buffering=1)
phases = {}

def when_imported(name, then):
    """Call then(module) once the module ``name`` has been executed."""
    import importlib.util

    class Finder:
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            real_exec = spec.loader.exec_module

            def exec_module(module):
                real_exec(module)
                then(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())

if kind == "minimal":
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    app = Minimal()
    App = Minimal
    def ready() -> bool:
        return True
    def stop() -> int:
        return 0
else:
    # The real command, as `flowviz SCENARIO` runs it: the command line, loading
    # the scenario, then the app. The hooks only take times, and go in as Textual's
    # app module is first imported: importing it here would take it out of the
    # command's own order (it imports Textual while a first start is prepared).
    t0 = time.monotonic()
    import flowviz.commands.head_start as head_start

    def timed(real):
        def run(*args, **kwargs):
            start = time.monotonic()
            try:
                return real(*args, **kwargs)
            finally:
                phases["load"] = phases.get("load", 0.0) + time.monotonic() - start
        return run

    # Loading: reading the files (and forking a head start), then the checked scenario
    # (from the cache, or waiting for the head start's check).
    head_start.begin = timed(head_start.begin)
    head_start.HeadStart.scenario = timed(head_start.HeadStart.scenario)

    def hook(module):
        real_run = module.App.run

        def timed_run(self, *args, **kwargs):
            phases["run"] = time.monotonic()
            return real_run(self, *args, **kwargs)

        module.App.run = timed_run
        patch_display(module.App)

    when_imported("textual.app", hook)

    def ready() -> bool:
        from flowviz.tui.widgets.diagram_view import DiagramView
        return any(view.frame is not None for view in app.query(DiagramView))
    def stop() -> int:
        return app.stop_index

shown = [None]

def display(self, screen, renderable):
    global app
    app = self
    ok = renderable is not None and self.screen is screen and ready()
    real_display(self, screen, renderable)
    if not ok:
        return
    index = stop()
    if shown[0] is None:
        now = time.monotonic()
        if kind != "minimal":
            started = phases.pop("run")
            phases["import"] = started - t0 - phases["load"]
            phases["app"] = now - started
            engine = sys.modules.get("flowviz.diagram.engine")
            phases["layout"] = engine.LAYOUT_SECONDS[0] if engine else 0.0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        out.write(json.dumps({"first": now, "rss": usage.ru_maxrss,
                              "cpu": usage.ru_utime + usage.ru_stime, "phases": phases,
                              "stop": index}) + "\n")
    elif index != shown[0]:
        out.write(json.dumps({"stop": index, "t": time.monotonic()}) + "\n")
    shown[0] = index
    if os.environ.get("BENCH_QUIT_AT_FIRST"):
        self.call_later(self.exit)

def patch_display(cls):
    global real_display
    real_display = cls._display
    cls._display = display

if kind == "minimal":
    patch_display(App)
    app.run()
else:
    from flowviz.cli import main
    raise SystemExit(main([scenario]))
'''


class Terminal:
    """One child app in a ``width`` × ``height`` pseudo-terminal."""

    def __init__(self, kind: str, scenario: str, size: tuple[int, int], env: dict[str, str],
                 *, quit_at_first: bool) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        read_end, write_end = os.pipe()
        env = dict(env, TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]))
        if quit_at_first:
            env["BENCH_QUIT_AT_FIRST"] = "1"
        self.spawned = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, kind, scenario, str(write_end)],
            stdin=slave, stdout=slave, stderr=slave, pass_fds=(write_end,), env=env,
            cwd=REPO, start_new_session=True)
        os.close(slave)
        os.close(write_end)
        self.reports = os.fdopen(read_end, "r")
        self._pending = ""

    def _drain(self, timeout: float) -> list[str]:
        """Read the terminal's output (and throw it away) and any report lines."""
        ready, _, _ = select.select([self.master, self.reports], [], [], timeout)
        lines: list[str] = []
        if self.master in ready:
            with contextlib.suppress(OSError):
                os.read(self.master, 65536)
        if self.reports in ready:
            chunk = os.read(self.reports.fileno(), 65536).decode()
            if not chunk:
                raise EOFError("the app ended before reporting")
            self._pending += chunk
            *lines, self._pending = self._pending.split("\n")
        return lines

    def reports_until(self, deadline: float) -> Iterator[dict[str, object]]:
        while time.monotonic() < deadline:
            for line in self._drain(0.05):
                yield json.loads(line)
        raise TimeoutError("no report from the app in time")

    def press(self, keys: bytes) -> float:
        moment = time.monotonic()
        os.write(self.master, keys)
        return moment

    def close(self) -> None:
        try:
            os.write(self.master, b"\x11")  # ctrl+q
            deadline = time.monotonic() + 5
            while self.process.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(EOFError):
                    self._drain(0.05)
        except OSError:
            pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)
        self.reports.close()


def first_frame(kind: str, scenario: str, size: tuple[int, int],
                env: dict[str, str]) -> dict[str, object]:
    """Seconds from spawn to the first frame written, with the child's figures."""
    terminal = Terminal(kind, scenario, size, env, quit_at_first=True)
    try:
        report = next(terminal.reports_until(time.monotonic() + 30))
        report["seconds"] = float(report["first"]) - terminal.spawned  # type: ignore[arg-type]
        return report
    finally:
        terminal.close()


RIGHT, LEFT = b"\x1b[C", b"\x1b[D"


def key_latencies(scenario: str, size: tuple[int, int], env: dict[str, str], presses: int,
                  stops: int) -> list[float]:
    """Seconds from writing → or ← to the terminal to the new stop's frame written."""
    terminal = Terminal("flowviz", scenario, size, env, quit_at_first=False)
    times: list[float] = []
    try:
        report = next(terminal.reports_until(time.monotonic() + 30))
        stop = int(report["stop"])  # type: ignore[arg-type]
        time.sleep(0.3)  # let the view style the neighbouring stops, as a reader would
        for _ in range(presses):
            key = LEFT if stop == stops - 1 else RIGHT
            pressed = terminal.press(key)
            for report in terminal.reports_until(pressed + 10):
                if "t" in report:
                    times.append(float(report["t"]) - pressed)  # type: ignore[arg-type]
                    stop = int(report["stop"])  # type: ignore[arg-type]
                    break
            time.sleep(0.1)  # a learner presses keys at human pace
    finally:
        terminal.close()
    return times
