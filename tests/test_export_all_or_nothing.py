"""An export is all or nothing per run, and what a killed run left is cleaned (issue #12)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flowviz.errors import UserError
from flowviz.export import atomic
from flowviz.export.atomic import STALE_SECONDS, clean_leftovers, write_files
from flowviz.export.formats import export_stops
from flowviz.scenario.loader import load_scenario
from tests.conftest import EXAMPLE


def files(count: int, text: str = "new") -> list[tuple[str, bytes]]:
    return [(f"{n:02d}.txt", f"{text} {n}\n".encode()) for n in range(count)]


def at(folder: Path, named: list[tuple[str, bytes]]) -> list[tuple[Path, bytes]]:
    return [(folder / name, data) for name, data in named]


def contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def full_disk_after(monkeypatch: pytest.MonkeyPatch, good: int) -> None:
    """Make the write of every file after the first ``good`` fail with ENOSPC, half-written."""
    calls = {"n": 0}
    real = atomic._write

    def write(handle, data):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > good:
            handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real(handle, data)

    monkeypatch.setattr(atomic, "_write", write)


def test_a_full_disk_writes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk_after(monkeypatch, good=13)
    with pytest.raises(UserError) as caught:
        write_files(at(tmp_path, files(21)), force=False)
    assert str(caught.value) == (
        f"cannot write {tmp_path / '13.txt'}: No space left on device; nothing was written "
        "(13 of 21 files were ready, none moved into place)"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_with_force_keeps_the_old_export_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(at(tmp_path, files(20, "old")), force=False)
    before = contents(tmp_path)
    full_disk_after(monkeypatch, good=4)
    with pytest.raises(UserError, match="nothing was written"):
        write_files(at(tmp_path, files(20, "new")), force=True)
    assert contents(tmp_path) == before  # not 4 new files beside 16 old ones


def test_a_file_created_after_the_check_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_check = atomic.check_targets

    def check_then_race(paths, *, force):  # type: ignore[no-untyped-def]
        real_check(paths, force=force)
        (tmp_path / "05.txt").write_text("someone else's", encoding="utf-8")

    monkeypatch.setattr(atomic, "check_targets", check_then_race)
    with pytest.raises(UserError) as caught:
        write_files(at(tmp_path, files(10)), force=False)
    assert str(caught.value) == (
        f"{tmp_path / '05.txt'} appeared while exporting (use --force to overwrite); "
        "nothing was written"
    )
    assert contents(tmp_path) == {"05.txt": "someone else's"}


def test_a_failed_move_with_force_restores_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(at(tmp_path, files(6, "old")), force=False)
    before = contents(tmp_path)
    real_replace = os.replace
    moved = {"n": 0}

    def replace(source, target):  # type: ignore[no-untyped-def]
        if Path(target).parent == tmp_path and Path(source).parent != tmp_path:
            moved["n"] += 1
            if moved["n"] == 4:
                raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(UserError, match="Input/output error; nothing was written"):
        write_files(at(tmp_path, files(6, "new")), force=True)
    assert contents(tmp_path) == before


def test_leftovers_of_a_killed_run_are_cleaned(tmp_path: Path) -> None:
    # A staging folder whose process is gone: start a process and let it end.
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = tmp_path / f"{atomic.STAGING_PREFIX}{ended.stdout.strip()}-abc123"
    dead.mkdir()
    (dead / "01.svg").write_text("half", encoding="utf-8")
    # One of a live process (this one), fresh: a concurrent export, kept.
    live = tmp_path / f"{atomic.STAGING_PREFIX}{os.getpid()}-def456"
    live.mkdir()
    # Old-style temporary files: a stale one is removed, a fresh one kept.
    stale_tmp = tmp_path / ".01-step.svg.0123abcd.tmp"
    stale_tmp.write_text("half", encoding="utf-8")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale_tmp, (old, old))
    fresh_tmp = tmp_path / ".02-step.svg.4567cdef.tmp"
    fresh_tmp.write_text("half", encoding="utf-8")
    # Files of the user's that merely look alike stay.
    mine = tmp_path / ".notes.tmp"
    mine.write_text("mine", encoding="utf-8")
    os.utime(mine, (old, old))
    assert sorted(clean_leftovers(tmp_path)) == sorted([dead, stale_tmp])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, fresh_tmp.name, mine.name]
    )


def test_an_export_cleans_a_killed_exports_leftovers(tmp_path: Path) -> None:
    leftover = tmp_path / f"{atomic.STAGING_PREFIX}999999999-zzz"
    leftover.mkdir()
    old = time.time() - STALE_SECONDS - 60
    os.utime(leftover, (old, old))
    scenario = load_scenario(EXAMPLE)
    written = export_stops(scenario, scenario.stops[:2], "txt", tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(written)


def test_kill_9_mid_export_leaves_only_what_the_next_run_cleans(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # A child that stages files and is killed before moving them in.
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from flowviz.export import atomic\n"
        "def killed(*args, **kwargs): os.kill(os.getpid(), signal.SIGKILL)\n"
        "atomic._move_in = killed\n"
        f"atomic.write_files([(Path({str(out)!r}) / f'{{n}}.txt', b'x') for n in range(5)],"
        " force=False)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == -9
    (leftover,) = out.iterdir()
    assert leftover.name.startswith(atomic.STAGING_PREFIX)
    written = write_files(at(out, files(3)), force=False)
    assert sorted(out.iterdir()) == sorted(written)
