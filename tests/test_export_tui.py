"""The export shows what the walkthrough draws; ``e`` and the palette export from the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import EXAMPLE_DIR

from flowviz.export.formats import render_stops
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import create_app
from flowviz.tui.export_action import EXPORT_DIR_ENV
from flowviz.tui.widgets.diagram_view import DiagramView


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE_DIR)


@pytest.mark.parametrize("step", ["initial", "1", "3", "final"])
async def test_exported_frame_matches_the_walkthrough(example: Scenario, step: str) -> None:
    """Every row the diagram widget shows is the same row of the exported picture."""
    app = create_app(example, step=step, animate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.query_one(DiagramView)
        assert view.frame is not None
        region = view.scrollable_content_region
        on_screen = [
            "".join(segment.text for segment in view.render_line(y)).rstrip()
            for y in range(region.height)
        ]
        (txt,) = render_stops(example, [app.stop], "txt", view=app.view_id,
                              size=(view.size.width, view.size.height))
        exported = txt.data.decode().split("\n")
        x0, y0 = view.scroll_offset
        # The frame the widget holds is the one the export drew from …
        frame_rows = [line.plain for line in view.frame.lines]
        drawn = [row.rstrip() for row in frame_rows if row.strip()]
        start = exported.index(drawn[0])
        assert exported[start : start + len(drawn)] == drawn
        # … and the screen shows exactly that frame, at the widget's scroll offset.
        expected = [row[x0 : x0 + region.width].rstrip() for row in frame_rows[y0:]]
        assert on_screen[: len(expected)] == expected[: len(on_screen)]
        assert any(row.strip() for row in on_screen)


async def test_e_exports_the_current_step(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EXPORT_DIR_ENV, str(tmp_path))
    app = create_app(example, step="2", animate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        files = sorted(p.name for p in tmp_path.iterdir())
        assert files == ["02-the-proxy-forwards-the-request.svg"]
        messages = [n.message for n in app._notifications]
        assert any(str(tmp_path / files[0]) in m for m in messages)
        await pilot.press("e")  # again: never overwrites, saves as -2 and says where
        await pilot.pause()
        second = tmp_path / "02-the-proxy-forwards-the-request-2.svg"
        assert second.is_file()
        assert any(str(second) in n.message for n in app._notifications)


async def test_export_is_off_where_serve_says_so(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EXPORT_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("FLOWVIZ_NO_EXPORT", "1")
    app = create_app(example, step="2", animate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        app.action_export_all()
        await pilot.pause()
        assert list(tmp_path.iterdir()) == []
        assert any("Export is off" in n.message for n in app._notifications)


async def test_export_all_writes_a_player(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EXPORT_DIR_ENV, str(tmp_path))
    app = create_app(example, animate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.action_export_all()
        await pilot.pause()
        folder = tmp_path / "web-request-export"
        assert (folder / "index.html").is_file()
        assert len(list(folder.glob("*.html"))) == len(example.stops) + 1


async def test_the_export_folder_is_set_from_the_palette(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input, Static

    from flowviz.tui.screens.export_folder import ExportFolderScreen

    elsewhere = tmp_path / "env"
    elsewhere.mkdir()
    monkeypatch.setenv(EXPORT_DIR_ENV, str(elsewhere))
    chosen = tmp_path / "slides [draft]"  # brackets: a path, never markup
    chosen.mkdir()
    # The folders are typed as ~/…, a key at a time: a short path keeps the typing cheap.
    monkeypatch.setenv("HOME", str(tmp_path))
    app = create_app(example, step="2", animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Set export folder", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportFolderScreen)
        field = screen.query_one(Input)
        assert field.value == str(elsewhere)  # starts at where exports go now
        # A folder that does not exist is refused, and not created.
        await pilot.press("ctrl+u", *"~/missing", "enter")
        await pilot.pause()
        assert app.screen is screen and not (tmp_path / "missing").exists()
        error = str(screen.query_one("#export-folder-error", Static).render())
        assert "no such folder" in error
        await pilot.press("ctrl+u", *"~/slides [draft]", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportFolderScreen)
        assert app.export_dir == chosen
        await pilot.press("e")
        await pilot.pause()
    assert [p.suffix for p in chosen.iterdir()] == [".svg"]
    assert list(elsewhere.iterdir()) == []


async def test_escape_keeps_the_export_folder(example: Scenario) -> None:
    from flowviz.tui.screens.export_folder import ExportFolderScreen

    app = create_app(example, animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.action_set_export_folder()
        await pilot.pause()
        assert isinstance(app.screen, ExportFolderScreen)
        await pilot.press("q", "escape")  # q is typed into the field, it does not quit
        await pilot.pause()
        assert not isinstance(app.screen, ExportFolderScreen)
        assert app.export_dir is None and app.is_running
