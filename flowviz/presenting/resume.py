"""Where a presenter stood, so that a restarted presenter resumes its talk.

A presenter of a session keeps a small JSON file, ``<session>.place``, in the
private sync folder (:func:`flowviz.presenting.sync.runtime_dir`): the
scenario, the stop and when the talk's clock started. It is written atomically
(a temporary file in the same folder, then renamed over), so a crash leaves the
old place or the new one, never half a file. A presenter started again with the
same session and scenario reads it back and carries on, with its elapsed time;
the notes terminals follow it there.

The file is read as data from outside: it must be a regular file of ours, small,
and every field is checked; anything else is ignored (the talk then starts at
the beginning). A place older than :data:`RESUME_WITHIN_SECONDS` is a talk that
is over, not a restart.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flowviz.presenting.sync import MAX_DATAGRAM, PresenterState, decode, encode

RESUME_WITHIN_SECONDS = 3600.0
"""A presenter restarted within this long of its last save resumes; later, it starts over."""
SAVE_EVERY_SECONDS = 10.0
"""While nothing changes, the place is saved this often, so a crash still resumes."""


@dataclass(frozen=True, slots=True)
class Place:
    """A presenter's place in its talk."""

    scenario: str
    """The scenario reference (a bundled id or an absolute path)."""
    stop: int
    started: float
    """When the talk's clock started (the presenter's clock)."""
    saved: float
    """When this place was written (the presenter's clock)."""


def place_path(folder: Path, session: str) -> Path:
    return folder / f"{session}.place"


def save_place(folder: Path, session: str, place: Place) -> bool:
    """Write ``place`` atomically; False (and nothing changed) when it cannot be written."""
    # The same shape and checks as a state datagram, plus when it was saved.
    data = encode("state", session, {"stop": place.stop, "started": place.started,
                                     "scenario": place.scenario})
    record = json.dumps({"state": json.loads(data), "saved": place.saved},
                        allow_nan=False).encode()
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{session}.place.")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(record)
        os.replace(temporary, place_path(folder, session))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def load_place(folder: Path, session: str, *, now: float) -> Place | None:
    """The saved place of ``session``, or None when there is none worth resuming."""
    path = place_path(folder, session)
    try:
        info = os.lstat(path)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid()
                or info.st_size > MAX_DATAGRAM):
            return None
        with path.open("rb") as handle:
            raw = handle.read(MAX_DATAGRAM + 1)
        record = json.loads(raw.decode("utf-8"), parse_constant=_refuse)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.keys() != {"state", "saved"}:
        return None
    saved = record["saved"]
    if isinstance(saved, bool) or not isinstance(saved, int | float):
        return None
    if not 0 <= now - saved <= RESUME_WITHIN_SECONDS:
        return None  # a talk that is over, or a clock that went backwards
    state = decode(json.dumps(record["state"]).encode(), session)
    if not isinstance(state, PresenterState) or not state.started <= now:
        return None
    return Place(state.scenario, state.stop, state.started, float(saved))


def forget_place(folder: Path, session: str) -> None:
    """Remove the saved place (``--fresh``)."""
    with contextlib.suppress(OSError):
        place_path(folder, session).unlink()


def _refuse(name: str) -> float:
    raise ValueError(f"{name} is not a number")
