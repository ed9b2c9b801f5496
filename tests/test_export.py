"""The export core: file names, formats, determinism, escaping, safe writing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_fixtures import EXAMPLE_DIR, SCRIPT_PAYLOAD, load_hostile

from flowviz.diagram.engine import build_diagram
from flowviz.errors import UserError
from flowviz.export import atomic
from flowviz.export.formats import FORMATS, export_stops, render_stops
from flowviz.export.selection import file_stem, parse_size, select_stops, slug
from flowviz.export.snapshot import take_snapshot
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario

SIZE = (120, 36)


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE_DIR)


def keys(stops: list) -> list[str]:  # type: ignore[type-arg]
    return [f"{s.step_number}{s.phase or ''}" if s.step_number else s.label for s in stops]


# -- what is selected and how files are named -------------------------------------------


def test_select_stops_ranges_phases_and_bookends(example: Scenario) -> None:
    assert len(select_stops(example, None)) == len(example.stops)
    assert keys(select_stops(example, "1-3,5")) == ["1", "2", "3", "5"]
    assert keys(select_stops(example, " 5 , 1-2 ,2")) == ["1", "2", "5"]
    assert keys(select_stops(example, "initial")) == ["Initial state"]
    assert keys(select_stops(example, "final")) == ["Final state"]
    assert keys(select_stops(example, "initial-1")) == ["Initial state", "1"]
    assert keys(select_stops(example, "4-final")) == ["4", "5", "Final state"]


def test_select_stops_phase_of_openstack() -> None:
    scenario = load_scenario("openstack-vm-launch")
    assert keys(select_stops(scenario, "6b")) == ["6b"]
    assert keys(select_stops(scenario, "6")) == ["6a", "6b"]
    assert keys(select_stops(scenario, "5-6a")) == ["5", "6a"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("9", "no step '9'"),
        ("2-1", "runs backwards"),
        ("1,,2", "empty item"),
        ("1-2-3", "not a range"),
        ("one", "'one' is not a step"),
        ("1b", "no step '1b'"),
        ("1,", "empty item"),
    ],
)
def test_select_stops_rejects_bad_specs(example: Scenario, spec: str, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        select_stops(example, spec)


@pytest.mark.parametrize("spec", ["120", "x36", "120x", "0x0", "10x36", "120x5", "9999x36", "a×b"])
def test_parse_size_rejects(spec: str) -> None:
    with pytest.raises(UserError, match="--size"):
        parse_size(spec)


def test_parse_size_accepts() -> None:
    assert parse_size("120x36") == (120, 36)
    assert parse_size(" 80X24 ") == (80, 24)
    assert parse_size("100×30") == (100, 30)


def test_file_names_sort_in_walkthrough_order() -> None:
    scenario = load_scenario("openstack-vm-launch")
    stems = [file_stem(scenario, s) for s in scenario.stops]
    assert stems == sorted(stems)
    assert stems[0] == "00-initial-state"
    assert stems[-1] == f"{len(scenario.steps) + 1:02d}-final-state"
    assert any(s.startswith("06a-") for s in stems) and any(s.startswith("06b-") for s in stems)
    assert len(set(stems)) == len(stems)


def test_slug() -> None:
    assert slug("Publish provisioning request to queue") == "publish-provisioning-request-to-queue"
    assert slug("Café: UI/CLI → API!") == "cafe-ui-cli-api"
    assert slug("日本語") == ""
    assert len(slug("word " * 40)) <= 48


# -- what is drawn ------------------------------------------------------------------------


def test_exported_diagram_is_the_engines_frame(example: Scenario) -> None:
    """The text export holds every line of the engine's frame for that stop, in order."""
    diagram = build_diagram(example, None, *SIZE)
    for stop in example.stops:
        (txt,) = render_stops(example, [stop], "txt", size=SIZE)
        text = txt.data.decode()
        plain = diagram.frame(stop, color=False).plain()
        frame_lines = [line.rstrip() for line in plain.split("\n")]
        drawn = [line for line in frame_lines if line.strip()]
        first = text.split("\n").index(drawn[0])
        assert text.split("\n")[first : first + len(drawn)] == drawn


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "png"])
def test_every_format_is_deterministic(example: Scenario, fmt: str, tmp_path: Path) -> None:
    first = export_stops(example, example.stops, fmt, tmp_path / "a", size=SIZE)
    second = export_stops(example, example.stops, fmt, tmp_path / "b", size=SIZE)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_svg_and_html_hold_title_narration_messages_and_legend(example: Scenario) -> None:
    stop = example.stop_for_step(1)
    for fmt in ("svg", "html"):
        files = render_stops(example, [stop], fmt, size=SIZE, player_index=False)
        page = files[0].data.decode().replace("&#160;", " ")
        for needed in ("Step 1 of 5", "The browser asks for the page", "On the wire",
                       "GET /orders HTTP/1.1", "HTTP request", "nginx receives it first"):
            assert needed in page, (fmt, needed)


def test_svg_needs_no_network(example: Scenario) -> None:
    (svg,) = render_stops(example, [example.stops[1]], "svg", size=SIZE)
    assert b"@font-face" not in svg.data and b"cdnjs" not in svg.data
    assert not re.search(rb"(url\(|href=)[\"']?https?:", svg.data)


def test_html_export_names_files_and_adds_a_player(example: Scenario) -> None:
    files = render_stops(example, example.stops, "html", size=SIZE)
    assert files[-1].name == "index.html"
    assert files[0].name == "00-initial-state.html"
    index = files[-1].data.decode()
    for anchor in ("step-initial", "step-1", "step-5", "step-final"):
        assert f'id="{anchor}"' in index
    assert "http://" not in index.split("<main")[0]


def test_markdown_handout(example: Scenario) -> None:
    (md,) = render_stops(example, example.stops, "md", size=SIZE)
    assert md.name == "handout.md"
    text = md.data.decode()
    assert text.count("\n## ") == len(example.stops) + 1  # and the credits
    assert "## Step 1 of 5 — The browser asks for the page" in text
    assert "`GET /orders HTTP/1.1`" in text
    assert "```text\n" in text


def test_png_without_cairosvg_says_how_to_get_it(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_cairosvg(name: str, *args: object, **kwargs: object) -> object:
        if name == "cairosvg":
            raise ImportError("No module named 'cairosvg'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_cairosvg)
    with pytest.raises(UserError, match=re.escape("pip install 'flowviz[png]'")):
        export_stops(example, example.stops, "png", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_png_export(example: Scenario, tmp_path: Path) -> None:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):  # not installed, or installed without the cairo library
        pytest.skip("the optional png extra (cairosvg, with libcairo) is not usable here")
    (path,) = export_stops(example, [example.stops[1]], "png", tmp_path, size=SIZE)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# -- escaping -----------------------------------------------------------------------------


def test_scenario_text_is_escaped_in_every_format(tmp_path: Path) -> None:
    scenario = load_hostile(tmp_path)
    stop = scenario.stop_for_step(1)
    for fmt in ("svg", "html"):
        for file in render_stops(scenario, [stop], fmt, size=SIZE):
            page = file.data.decode()
            assert "<script>document" not in page, (fmt, file.name)
            assert "<img src=x" not in page and "<div id=\"pwned" not in page
            assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in page, (fmt, file.name)
    (md,) = render_stops(scenario, [stop], "md", size=SIZE)
    text = md.data.decode()
    assert SCRIPT_PAYLOAD not in text and "\\<script\\>" in text
    assert "\\[bold\\]" in text and "\\*star\\*" in text
    assert "```` GET /<script>x</script> ``` ` ````" in text


def test_control_characters_never_reach_ansi_output(tmp_path: Path) -> None:
    text = (EXAMPLE_DIR / "scenario.yaml").read_text(encoding="utf-8").replace(
        'wire: "GET /orders HTTP/1.1"', 'wire: "GET \\e[2J"', 1
    ).replace("    title: The browser asks for the page", '    title: "Asks \\e]0;x\\a"', 1)
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    scenario = load_scenario(tmp_path / "s.yaml")
    (ansi,) = render_stops(scenario, [scenario.stop_for_step(1)], "ansi", size=SIZE)
    data = ansi.data.decode()
    assert "\x1b[2J" not in data and "\x1b]0;" not in data and "\a" not in data


# -- writing safely -----------------------------------------------------------------------


def test_output_folder_is_created(example: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er"
    written = export_stops(example, example.stops[:2], "txt", out)
    assert [p.parent for p in written] == [out, out]


def test_never_overwrites_without_force(example: Scenario, tmp_path: Path) -> None:
    first = export_stops(example, example.stops, "txt", tmp_path)
    target = first[3]
    for path in first:
        if path != target:
            path.unlink()
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(UserError, match=re.escape(f"{target} already exists")):
        export_stops(example, example.stops, "txt", tmp_path)
    assert target.read_text(encoding="utf-8") == "mine"
    assert list(tmp_path.iterdir()) == [target]  # nothing written at all
    export_stops(example, example.stops, "txt", tmp_path, force=True)
    assert target.read_text(encoding="utf-8") != "mine"


def test_interrupted_write_leaves_no_partial_or_temporary_file(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real_write = atomic._write

    def failing_write(handle, data):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            handle.write(data[: len(data) // 2])  # half a file, then the failure
            raise KeyboardInterrupt
        real_write(handle, data)

    monkeypatch.setattr(atomic, "_write", failing_write)
    with pytest.raises(KeyboardInterrupt):
        export_stops(example, example.stops, "svg", tmp_path)
    # All or nothing: the two files finished before the interruption are not moved in.
    assert list(tmp_path.iterdir()) == []


def test_disk_error_is_a_user_error_and_leaves_no_temporary_file(
    example: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(handle, data):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_write", full_disk)
    with pytest.raises(UserError, match="No space left on device"):
        export_stops(example, example.stops, "txt", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_location_is_a_clear_error(example: Scenario, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="cannot create folder"):
        export_stops(example, example.stops, "txt", blocker / "out")
    with pytest.raises(UserError, match="cannot create folder"):
        export_stops(example, example.stops, "txt", blocker)


def test_unknown_view_is_a_user_error(example: Scenario, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such view"):
        export_stops(example, example.stops, "svg", tmp_path, view="nope")


def test_snapshot_uses_the_frame_width_when_the_engine_needs_more(example: Scenario) -> None:
    snap = take_snapshot(example, example.stops[1], view=None, size=(40, 10))
    assert snap.width >= snap.frame.width
    assert all(line.cell_len == snap.frame.width for line in snap.frame.lines)
