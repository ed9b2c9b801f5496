"""The walkthrough's first picture, kept on disk so that the next start shows it at once.

Opening the walkthrough means choosing where the side panel goes (ranking three
canvases, up to nine trial layouts each), importing the layout engine and laying
the diagram out: ~60 ms before the first frame, each time the same for the same
scenario at the same terminal size. After a start, this cache keeps what it
found — the arrangement of the screen, and the first stop's styled frame as
plain text and styles — under a key of the scenario's digest (its files' exact
bytes), the view, the terminal's size and flowviz's code; the next start draws
them before the engine is even imported, while the real layout runs behind
(and replaces the frame with an identical one).

The key covers the size and modification time of every module of flowviz, so
any change of code (an upgrade, an edit in a checkout) starts a new entry. An
entry is JSON (data only); one that does not read back as expected is ignored.
Only frames that survive the round trip exactly are stored. Core code: no Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from rich.style import Style
from rich.text import Span, Text

from flowviz import __version__, cache_files
from flowviz.scenario.model import Scenario

FORMAT = 1
MAX_ENTRIES = 64
WALKTHROUGH_SLOT = "frame:DiagramView"
"""The slot of the walkthrough's diagram (a view's slot is ``frame:`` and its class's
name)."""
PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_version() -> str:
    """flowviz's version and the size and mtime of each of its modules, hashed."""
    hasher = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for folder, folders, files in os.walk(PACKAGE):
        folders[:] = sorted(name for name in folders if not name.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                hasher.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return hasher.hexdigest()


def start_key(scenario: Scenario, view_id: str | None, width: int, height: int) -> str | None:
    """The entry for ``scenario``'s ``view_id`` in a ``width`` × ``height`` terminal, or
    None when the scenario has no digest (not loaded from files) or caching is off."""
    if not scenario.digest or cache_files.folder("start") is None:
        return None
    text = f"{code_version()}\0{scenario.digest}\0{view_id}\0{width}\0{height}"
    return hashlib.sha256(text.encode()).hexdigest()


class CachedFrame:
    """A stored frame: what :class:`~flowviz.diagram.frame.Frame` shows, no more.

    It knows no owners: a click before the real diagram arrives (a few dozen
    milliseconds) finds no service."""

    __slots__ = ("height", "lines", "not_drawn", "origin", "width")

    def __init__(self, width: int, height: int, lines: list[Text], origin: tuple[int, int],
                 not_drawn: int) -> None:
        self.width, self.height, self.lines = width, height, lines
        self.origin, self.not_drawn = origin, not_drawn

    def plain(self) -> str:
        return "\n".join(line.plain for line in self.lines)

    def owner_at(self, x: int, y: int) -> str | None:
        return None


class Shown(Protocol):
    """What a frame is made of (:class:`~flowviz.diagram.frame.Frame` or
    :class:`CachedFrame`)."""

    width: int
    height: int
    lines: list[Text]
    origin: tuple[int, int]
    not_drawn: int


class StartFrame(NamedTuple):
    """The first stop's frame as stored, with what it was drawn for."""

    stop: int
    color: bool
    canvas: tuple[int, int]
    offset: tuple[int, int]
    """Where the view was scrolled (a cropped picture shows the active part)."""
    frame: Shown


def _path(key: str) -> Path | None:
    folder = cache_files.folder("start")
    return None if folder is None else folder / f"{key}.json"


_LAST: dict[Path | None, dict[str, Any]] = {}
"""The entry last read, by its file: a start asks for the arrangement, then the frame,
of one entry (read once). A write forgets it: the next read is of what was written."""


def _entry(key: str) -> dict[str, Any]:
    path = _path(key)
    if path in _LAST:
        return _LAST[path]
    entry = cache_files.read_entry(path) if path is not None else None
    if not (isinstance(entry, dict) and entry.get("key") == key):
        entry = {"key": key}
    _LAST.clear()
    _LAST[path] = entry
    return entry


def forget() -> None:
    """Read entries afresh from now on (another process may have written them)."""
    _LAST.clear()


def complete(key: str, slot: str) -> bool:
    """Whether the entry under ``key`` has an arrangement and a frame in ``slot`` (it
    was stored by a start at this size; whether they read back is for later)."""
    entry = _entry(key)
    return "arrangement" in entry and slot in entry


def recall_arrangement(key: str) -> list[Any] | None:
    """The screen arrangement stored under ``key`` (a list of plain values), or None."""
    value = _entry(key).get("arrangement")
    return value if isinstance(value, list) else None


def remember_arrangement(key: str, values: list[Any]) -> None:
    entry = _entry(key)
    entry["arrangement"] = values
    _write(key, entry)


def _encode(line: Text) -> list[Any]:
    return [line.plain, str(line.style or ""),
            [[span.start, span.end, str(span.style)] for span in line.spans]]


def _style(text: str) -> Style:
    """A stored style: colours and attributes only (a link or a control code in an
    entry someone else wrote is refused, as the frames never have them)."""
    style = Style.parse(text)
    if style.link or style.meta:
        raise ValueError("not a frame's style")
    return style


def _decode(value: list[Any]) -> Text:
    plain, style, spans = value
    if not isinstance(plain, str) or not isinstance(style, str) or not plain.isprintable():
        raise TypeError("not a line")
    return Text(plain, style=_style(style) if style else "", end="", spans=[
        Span(int(start), int(end), _style(str(span))) for start, end, span in spans])


def _same(one: Text, other: Text) -> bool:
    """The same characters and the same style on every cell."""
    def styled(line: Text) -> list[tuple[int, int, Style]]:
        base = Style.parse(line.style) if isinstance(line.style, str) else line.style
        return [(0, len(line), base), *((span.start, span.end, Style.parse(span.style)
                                         if isinstance(span.style, str) else span.style)
                                        for span in line.spans)]
    return one.plain == other.plain and styled(one) == styled(other)


def recall_frame(key: str, slot: str = "frame") -> StartFrame | None:
    """The frame stored under ``key`` (a :class:`CachedFrame`), or None (never raises).
    ``slot``: which view of the picture (the walkthrough's, the presenter's stage …)."""
    value = _entry(key).get(slot)
    if not isinstance(value, dict):
        return None
    try:
        lines = [_decode(line) for line in value["lines"]]
        width, height = int(value["width"]), int(value["height"])
        if len(lines) != height or any(line.cell_len != width for line in lines):
            return None
        frame = CachedFrame(width, height, lines, (int(value["origin"][0]),
                                                   int(value["origin"][1])),
                            int(value["not_drawn"]))
        return StartFrame(int(value["stop"]), bool(value["color"]),
                          (int(value["canvas"][0]), int(value["canvas"][1])),
                          (int(value["offset"][0]), int(value["offset"][1])), frame)
    except Exception:  # a missing field, a wrong type, a style Rich cannot parse …
        return None


def remember_frame(key: str, start: StartFrame, slot: str = "frame") -> bool:
    """Store ``start`` under ``key`` (in ``slot``) if it reads back exactly; True if
    stored."""
    frame = start.frame
    lines = [_encode(line) for line in frame.lines]
    try:
        if not all(_same(_decode(value), line) for value, line in zip(lines, frame.lines,
                                                                       strict=True)):
            return False
    except Exception:  # a style that does not survive as text
        return False
    entry = _entry(key)
    entry[slot] = {"stop": start.stop, "color": start.color, "canvas": list(start.canvas),
                   "offset": list(start.offset), "width": frame.width, "height": frame.height,
                   "origin": list(frame.origin), "not_drawn": frame.not_drawn, "lines": lines}
    return _write(key, entry)


def _write(key: str, entry: dict[str, Any]) -> bool:
    _LAST.clear()
    path = _path(key)
    if path is None:
        return False
    try:
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return cache_files.write_entry(path, text, keep=MAX_ENTRIES)
