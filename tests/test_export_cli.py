"""``flowviz export`` on the command line: exit codes and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import EXAMPLE_DIR

from flowviz.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["export", str(EXAMPLE_DIR), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_export_writes_and_lists_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "--format", "txt", "--out", str(tmp_path), "--steps", "1-2")
    assert status == 0
    assert out.split() == [
        str(tmp_path / "01-the-browser-asks-for-the-page.txt"),
        str(tmp_path / "02-the-proxy-forwards-the-request.txt"),
    ]
    assert "wrote 2 files" in err


def test_existing_file_needs_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "--format", "md", "--out", str(tmp_path))[0] == 0
    status, _, err = run(capsys, "--format", "md", "--out", str(tmp_path))
    assert status == 1
    assert err.strip() == (
        f"flowviz: error: {tmp_path / 'handout.md'} already exists (use --force to overwrite)"
    )
    assert run(capsys, "--format", "md", "--out", str(tmp_path), "--force")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--steps", "7"], "--steps '7': no step '7'"),
        (["--steps", "3-1"], "runs backwards"),
        (["--size", "big"], "--size 'big': expected WIDTHxHEIGHT"),
        (["--view", "nope"], "--view 'nope': no such view"),
    ],
)
def test_bad_options_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    status, _out, err = run(capsys, "--out", str(tmp_path / "o"), *args)
    assert status == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_unwritable_out_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    status, _, err = run(capsys, "--out", str(blocker / "sub"))
    assert status == 1
    assert f"cannot create folder {blocker / 'sub'}" in err


def test_png_without_cairosvg(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "cairosvg", None)  # makes `import cairosvg` fail
    status, _, err = run(capsys, "--format", "png", "--out", str(tmp_path / "png"))
    assert status == 1
    assert "pip install 'flowviz[png]'" in err
    assert not (tmp_path / "png").exists()
