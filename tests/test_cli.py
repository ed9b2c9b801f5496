"""The command line: list, steps, validate, version and help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowviz import __version__
from flowviz.cli import COMMANDS, build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"flowviz {__version__}"


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    offered = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert {"walk", "steps", "list", "validate"} <= offered <= set(COMMANDS)
    for name in offered:
        with pytest.raises(SystemExit) as exited:
            main([name, "--help"])
        assert exited.value.code == 0
        assert f"usage: flowviz {name}" in capsys.readouterr().out


def test_list_shows_bundled_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list")
    assert status == 0
    assert "web-request" in out and "How a web page is served" in out


def test_validate_ok_prints_a_one_line_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", "web-request")
    assert status == 0
    assert out.strip().endswith(
        "ok: How a web page is served: 5 steps (7 stops), 6 services, 5 links"
    )


def test_steps_json_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "steps", "web-request", "--json")
    assert status == 0
    steps = json.loads(out)
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5]
    assert steps[3]["services"] == ["app", "jobs", "proxy", "browser"]
    assert steps[3]["messages"][0] == {
        "from": "app",
        "to": "jobs",
        "type": "queue",
        "link": "app-jobs-queue",
        "wire": "enqueue send_receipt(order=42)",
    }


def test_steps_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "steps", "web-request")
    assert status == 0
    assert "The application reads the database" in out
    assert "app → db (sql)" in out


def test_unknown_scenario_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "steps", "no-such-scenario")
    assert status == 1
    assert "no-such-scenario: no such file or folder, and no bundled scenario" in err


@pytest.mark.parametrize(("typo", "command"), [("shwo", "show"), ("lst", "list"),
                                               ("valdate", "validate")])
def test_a_misspelt_command_is_named(typo: str, command: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, typo, "--step", "2")
    assert status == 1 and out == ""
    assert err.strip() == (f"flowviz: error: unknown command {typo!r}; "
                           f"did you mean {command!r}?")


def test_a_folder_named_like_a_command_is_still_a_scenario(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(Path(__file__).parents[1] / "steps" / "web-request", tmp_path / "shwo")
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "show", "shwo", "--width", "60", "--height", "20")
    assert status == 0, err
    # With no command the word is the scenario (the walkthrough would open): no typo hint.
    from flowviz.cli import misspelt_command

    assert misspelt_command("shwo") is None
    assert misspelt_command("web-request") is None  # a bundled id
