"""Commands that print scenario text to a terminal never let it act (issue #12).

An escape sequence in a title must not clear the screen, rename the window or
make an OSC 8 link; Rich markup in data stays literal; bidi controls show as
``⟨U+202E⟩``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from flowviz.cli import main

HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.invalid/\x1b\\[bold]click[/bold]\u202egnp.exe"
"""Clear screen, set the window title, an OSC 8 link, Rich markup, a right-to-left override."""


def as_yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted string


@pytest.fixture
def hostile_scenario(write_scenario: Callable[..., Path], example_text: str) -> Path:
    text = example_text.replace(
        "title: How a web page is served", f"title: {as_yaml('Web ' + HOSTILE)}", 1
    ).replace(
        "title: The browser asks for the page", f"title: {as_yaml('Ask ' + HOSTILE)}", 1
    )
    return write_scenario(text)


def assert_inert(output: str) -> None:
    assert "\x1b" not in output
    assert "\x07" not in output
    assert "\u202e" not in output
    assert "␛[2J" in output  # shown, not obeyed
    assert "[bold]click[/bold]" in output  # markup stays literal
    assert "⟨U+202E⟩gnp.exe" in output


def test_validate_prints_the_title_inert(
    hostile_scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(hostile_scenario)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{hostile_scenario}: ok: Web ␛[2J␛]0;pwned␇")
    assert_inert(out)


def test_steps_table_prints_titles_inert(
    hostile_scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["steps", str(hostile_scenario)]) == 0
    out = capsys.readouterr().out
    assert_inert(out)
    assert out.count("␛[2J") == 2  # the scenario's title and the step's


def test_steps_json_escapes_every_control(
    hostile_scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["steps", "--json", str(hostile_scenario)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert json.loads(out)[0]["title"] == "Ask " + HOSTILE  # the data itself is unchanged


def test_problems_never_carry_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "scen"
    folder.mkdir()
    (folder / "bad\x1b]0;pwned\x07.yaml").write_text("- a list\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "bad␛]0;pwned␇.yaml:1:1: top level must be a mapping" in err
