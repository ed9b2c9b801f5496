"""Live reload's core: a change to a scenario's files is noticed once, then loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

from flowviz.scenario.watch import Broken, Reloaded, ScenarioWatch, files_digest

EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "steps" / "web-request"


def copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "web"
    shutil.copytree(EXAMPLE_DIR, folder)
    return folder


def test_a_change_is_seen_once_and_reloaded(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    watch = ScenarioWatch(folder)
    assert watch.check() is None  # nothing changed yet
    file = folder / "scenario.yaml"
    file.write_text(file.read_text().replace("The browser asks for the page",
                                             "The browser asks for the web page"))
    outcome = watch.check()
    assert isinstance(outcome, Reloaded)
    assert outcome.scenario.stop_for_step(1).title == "The browser asks for the web page"
    assert watch.check() is None  # seen: no second reload


def test_a_broken_edit_says_where(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    watch = ScenarioWatch(folder)
    file = folder / "scenario.yaml"
    file.write_text(file.read_text() + "\nsteps: [unclosed\n")
    outcome = watch.check()
    assert isinstance(outcome, Broken) and watch.broken
    first = outcome.message().splitlines()[0]
    assert first.startswith(f"{file}:") and first.split(":")[1].isdigit()


def test_adding_or_removing_a_file_changes_the_digest(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    before = files_digest(folder)
    (folder / "extra.yaml").write_text("x: 1\n")
    added = files_digest(folder)
    (folder / "extra.yaml").unlink()
    assert before != added and files_digest(folder) == before
    assert files_digest(tmp_path / "gone") != before  # a missing folder never raises
