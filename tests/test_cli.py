"""The command line: list, steps, validate, version and help."""

from __future__ import annotations

import json

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
