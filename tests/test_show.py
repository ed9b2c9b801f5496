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
    assert ".. " not in out  # every stop is there already: no neighbours for context


def test_show_sequence_one_step_shows_its_neighbours_in_ascii(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "openstack-vm-launch", "--sequence", "--step", "6", "--width", "80",
                 "--ascii"]) == 0
    out = capsys.readouterr().out
    assert ".. 5: Process API request ." in out and ".. 6b: Pick up" in out
    assert "-- 6a: Publish provisioning request to queue --" in out
    assert "(1)" in out and "....>" in out  # the neighbours' arrows: dots, no number


@pytest.mark.parametrize(("flag", "value", "said"), [
    ("--width", "10", "at least 20"),
    ("--width", "-5", "must be above 0"),
    ("--height", "0", "must be above 0"),
    ("--height", "5", "at least 8"),
    ("--width", "wide", "not a whole number"),
])
def test_show_refuses_sizes_it_cannot_draw(flag: str, value: str, said: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["show", "web-request", f"{flag}={value}"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert flag in err and said in err


def test_show_says_the_height_a_tall_legend_needs(capsys: pytest.CaptureFixture[str]) -> None:
    # At 20 columns the OpenStack legend takes six rows: 8 rows cannot hold the frame.
    assert main(["show", "--width", "20", "--height", "8"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "--height 8 is too small" in err and "at least 10 rows" in err


def test_show_at_the_terminal_height_leaves_a_line_for_the_prompt(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    monkeypatch.setattr(shutil, "get_terminal_size",
                        lambda fallback=(0, 0): os.terminal_size((100, 36)))
    assert main(["show", "web-request"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 35 and lines[0].startswith("Initial state")
    assert main(["show", "web-request", "--height", "36"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 36  # asked for: exactly
