"""``flowviz show``: one frame, with a title and a legend, plain when piped."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from flowviz.cli import main


def test_show_prints_title_diagram_and_legend(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "web-request", "--step", "4", "--width", "100", "--height", "24"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Step 4: ")
    assert len(lines) == 24
    assert all(cell_len(line) <= 100 for line in lines)
    assert "\x1b" not in "".join(lines)  # piped: plain text
    assert "HTTP" in lines[-1] or "HTTP request" in lines[-1]


@pytest.mark.parametrize("step", ["0", "initial", "final", "2", "5"])
def test_show_steps(step: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "web-request", "--step", step, "--width", "40", "--height", "12",
                 "--ascii"]) == 0
    out = capsys.readouterr().out
    assert out.isascii() or "…" in out
    assert len(out.splitlines()) == 12


def test_show_unknown_step_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "web-request", "--step", "9z", "--width", "80", "--height", "24"]) == 1
    assert "no step" in capsys.readouterr().err


def test_show_sequence_one_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "openstack-vm-launch", "--sequence", "--step", "8", "--width", "120",
                 "--height", "23"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Step 8: ")
    assert len(lines) == 23
    assert all(cell_len(line) <= 120 for line in lines)
    assert "①" in "".join(lines) and "more messages" in "".join(lines)


def test_show_sequence_whole_flow_has_a_title_per_stop(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "web-request", "--sequence", "--width", "80", "--ascii"]) == 0
    out = capsys.readouterr().out
    from flowviz.scenario.loader import load_scenario

    for stop in load_scenario("web-request").stops:
        assert f"{stop.label}: " in out
    assert "(1)" in out and "more messages" not in out
