"""The diagram engine's hard rules, checked on every bundled scenario, view, size and stop.

The rules are asserted from the routed geometry (flowviz.diagram.checks), not from the
drawn text, so a glyph change cannot hide a broken route.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from flowviz import record
from flowviz.diagram.checks import overlaps, violations
from flowviz.diagram.engine import STOP_DRAWINGS, build_diagram
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import GroupBy, Scenario, View

STEPS = Path(__file__).resolve().parent.parent / "steps"
SCENARIOS = sorted(p for p in STEPS.iterdir() if p.is_dir() and any(p.glob("*.yaml")))
SIZES = [(120, 36), (100, 30), (80, 24), (40, 12)]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.name)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


# ASCII draws the same routes with other glyphs: checked at the two small sizes,
# where crowding makes junctions and arrowheads meet most.
RULE_CASES = [(size, False) for size in SIZES] + [(size, True) for size in SIZES[2:]]


@pytest.mark.parametrize(("size", "ascii"), RULE_CASES,
                         ids=[f"{'ascii' if a else 'unicode'}-{w}x{h}" for (w, h), a in RULE_CASES])
def test_hard_rules_every_view_and_stop(scenario: Scenario, size: tuple[int, int],
                                        ascii: bool) -> None:
    width, height = size
    for view_id in scenario.views:
        diagram = build_diagram(scenario, view_id, width, height, ascii=ascii)
        # An overview (every link) on a small canvas may leave links out, and says so;
        # a step view draws every message's arrow.
        found = [v for v in violations(diagram)
                 if not (diagram.overview and v.endswith("not routed"))]
        assert found == [], f"{view_id} at {width}x{height}"
        if not diagram.cropped:
            assert (diagram.width, diagram.height) == (width, height)
        for stop in scenario.stops:
            if not diagram.cropped or diagram.overview:
                found = [v for v in violations(diagram, stop)
                         if not (diagram.overview and v.endswith("not routed"))]
                assert found == [], f"{view_id}, {stop.label}"
            if diagram.unrouted:
                assert "not drawn" in diagram.frame(stop, color=False).plain()
            frame = diagram.frame(stop)
            assert len(frame.lines) == diagram.height
            for line in frame.lines:
                assert line.cell_len == diagram.width
            window = diagram.viewport(stop, width, height)
            cut = diagram.frame(stop, color=False, window=window)
            assert [line.cell_len for line in cut.lines] == [width] * height


def test_a_stop_is_routed_once_and_the_boxes_never_move(scenario: Scenario) -> None:
    assert len(scenario.stops) <= STOP_DRAWINGS  # a whole walk fits the drawings kept
    diagram = build_diagram(scenario, None, 120, 36)
    drawings = [diagram.drawing(stop) for stop in scenario.stops]
    boxes = dict(diagram.layout.boxes)
    for stop, drawing in zip(scenario.stops, drawings, strict=True):
        diagram.frame(stop)
        assert diagram.drawing(stop) is drawing
    assert build_diagram(scenario, None, 120, 36) is diagram
    assert diagram.layout.boxes == boxes


def test_lit_links_and_active_boxes_are_marked(scenario: Scenario) -> None:
    diagram = build_diagram(scenario, None, 120, 36)
    stop = next(s for s in scenario.stops if s.messages)
    frame = diagram.frame(stop, color=False)
    active = stop.services[0]
    x, y, w, h = diagram.service_box(active)
    label_row = y + 1 if h >= 3 else y
    assert frame.owner_at(x + w // 2, label_row) == active
    # The active border survives monochrome: heavy for a framed box, ▐ ▌ for a one-row one.
    assert frame.plain().splitlines()[y][x] == ("┏" if h >= 3 else "▐")
    path = diagram.message_paths(stop)[0]
    assert path and any(frame.owner_at(x, y) == stop.messages[0].link for x, y in path)


def _with_label(scenario: Scenario, label: str) -> Scenario:
    sid = next(iter(scenario.services))
    services = dict(scenario.services)
    services[sid] = record.replace(services[sid], label=label, short=label)
    return record.replace(scenario, services=services)


LABELS = ["数据库サーバー🚀🚀", "evil\x1b[31mred\x07\nline", "e\u0301\u0301"]


@pytest.mark.parametrize("label", LABELS)
def test_wide_and_control_characters_in_labels(label: str) -> None:
    scenario = _with_label(load_scenario(STEPS / "web-request"), label)
    for width, height in SIZES:
        diagram = build_diagram(scenario, None, width, height)
        assert violations(diagram) == []
        for stop in scenario.stops:
            if not diagram.cropped:
                assert violations(diagram, stop) == []
            frame = diagram.frame(stop)
            text = frame.plain()
            assert "\x1b" not in text and "\x07" not in text
            assert len(text.splitlines()) == diagram.height
            for line in frame.lines:
                assert cell_len(line.plain) == diagram.width


def test_project_view_groups_services_without_a_project_entry() -> None:
    scenario = load_scenario(STEPS / "web-request")
    view = View("by-project", "Projects", "By project.", GroupBy.PROJECT, False)
    scenario = record.replace(scenario, views={**scenario.views, view.id: view})
    diagram = build_diagram(scenario, view.id, 120, 36)
    assert violations(diagram) == []
    groups = {g.id for g in diagram.layout.groups}
    assert groups == {s.project for s in scenario.services.values()}


def test_core_modules_never_import_textual() -> None:
    modules = ["flowviz.diagram.engine", "flowviz.diagram.legend", "flowviz.commands.show",
               "flowviz.diagram.checks"]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "assert 'textual' not in sys.modules, 'textual imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("size", [(120, 23), (100, 19), (80, 15)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_message_is_routed_over_another_in_the_topology(scenario: Scenario,
                                                          size: tuple[int, int]) -> None:
    """At the walkthrough's canvases every arrow of the bundled topologies has its own
    lane: the last resort (drawing over other lines) is never needed."""
    diagram = build_diagram(scenario, None, *size)
    assert [(stop.label, overlaps(diagram, stop)) for stop in scenario.stops
            if overlaps(diagram, stop)] == []
