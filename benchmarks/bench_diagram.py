"""Figures for the diagram engine (a script that prints numbers, not a timed test).

    python benchmarks/bench_diagram.py [SCENARIO]

Prints, for the bundled scenario (default: the OpenStack one): the layout time at
the walkthrough's canvases, what a new stop costs (its arrows routed and painted,
the frame styled: median and p90 over every stop) against the baseline of a
frame already drawn, and how every permanent link routes on the same layout
against baselines in the same run (exact A* with ε = 1, and networkx's
astar_path on the same obstacle grid, which cannot price bends); then synthetic
topologies of 50, 100 and 200 services with every link routed, to show the growth.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import networkx as nx
from rich.cells import cell_len

from flowviz.diagram import engine
from flowviz.diagram.canvas import grid_for
from flowviz.diagram.checks import crossings_bends_length, overlaps, violations
from flowviz.diagram.layout import Rect
from flowviz.diagram.routing import route_all
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import (
    Bookend,
    GroupBy,
    Host,
    LayoutHint,
    LineStyle,
    Link,
    Message,
    MessageType,
    Metadata,
    Scenario,
    Service,
    ServiceKind,
    Step,
    View,
)
from flowviz.scenario.stops import with_stops

REPO = Path(__file__).resolve().parent.parent


def median_ms(fn: object, runs: int) -> float:
    assert callable(fn)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pick_scenario(argv: list[str]) -> Scenario:
    if argv:
        return load_scenario(argv[0])
    folder = REPO / "steps" / "openstack-vm-launch"
    if not folder.exists():
        folders = [p for p in (REPO / "steps").iterdir() if p.is_dir()]
        folder = max(folders, key=lambda p: sum(f.stat().st_size for f in p.glob("*.yaml")))
    return load_scenario(folder)


def synthetic(n_services: int, per_host: int = 5) -> Scenario:
    """A deterministic topology: hosts of ``per_host`` services, a ring plus chords."""
    hosts = {f"h{i}": Host(f"h{i}", f"Host {i}", f"H{i}", "", (), LayoutHint())
             for i in range((n_services + per_host - 1) // per_host)}
    services = {f"s{i}": Service(f"s{i}", f"service-{i}", f"s{i}", "p", f"h{i // per_host}",
                                 "", ServiceKind.SERVICE, LayoutHint())
                for i in range(n_services)}
    links: dict[str, Link] = {}
    for i in range(n_services):
        for j in (i + 1, i + 7):
            if j < n_services:
                links[f"l{i}-{j}"] = Link(f"l{i}-{j}", f"s{i}", f"s{j}", "t")
    types = {"t": MessageType("t", "T", "", LineStyle.LIGHT, "blue", "T")}
    view = View("v", "V", "", GroupBy.HOST, False)
    first = next(iter(links.values()))
    step = Step(1, "one", "", "", (first.source, first.target),
                (Message(first.source, first.target, "t", first.id, "x"),))
    return with_stops(Scenario(Metadata("syn", "syn", "", "", (), ()), types, {}, hosts, {},
                               services, links, {"v": view}, (step,), Bookend("i", "", ""),
                               Bookend("f", "", "")))


def networkx_baseline(d: engine.Diagram) -> tuple[float, int, int]:
    """(ms, routed, bends) routing each link alone with networkx.astar_path on the same grid."""
    layout = d.layout
    grid = grid_for(layout, {g.id: cell_len(g.title) + 2 for g in layout.groups})
    start = time.perf_counter()
    graph = nx.grid_2d_graph(grid.width, grid.height)
    graph.remove_nodes_from([(i % grid.width, i // grid.width)
                             for i, b in enumerate(grid.blocked) if b])
    routed = bends = 0
    for link in d.scenario.links.values():
        a, b = layout.boxes[link.source].rect, layout.boxes[link.target].rect
        sa, sb = (a.x - 1, a.y + 1), (b.x - 1, b.y + 1)
        if sa not in graph or sb not in graph:
            continue
        try:
            path = nx.astar_path(graph, sa, sb, heuristic=lambda p, q: abs(p[0] - q[0])
                                 + abs(p[1] - q[1]))
        except nx.NetworkXNoPath:
            continue
        routed += 1
        bends += sum(1 for p, q, r in zip(path, path[1:], path[2:], strict=False)
                     if (p[0] == q[0]) != (q[0] == r[0]))
    return (time.perf_counter() - start) * 1000, routed, bends


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(name: str, scenario: Scenario, width: int, height: int) -> None:
    """Layout (first build), then each stop drawn as the walkthrough draws it: its arrows
    routed and painted (``drawing``) and the styled frame (``frame``), against the
    baseline of styling a frame already drawn (what a step change costs when cached)."""
    view = engine.view_for(scenario, None)
    start = time.perf_counter()
    d = engine._build(scenario, view, width, height, False)
    layout_ms = (time.perf_counter() - start) * 1000
    draws, frames, cached = [], [], []
    for stop in scenario.stops:
        t0 = time.perf_counter()
        d.drawing(stop)
        t1 = time.perf_counter()
        d.frame(stop)
        t2 = time.perf_counter()
        d.frame(stop)
        t3 = time.perf_counter()
        draws.append((t1 - t0) * 1000)
        frames.append((t2 - t0) * 1000)
        cached.append((t3 - t2) * 1000)
    overlaps_n = sum(len(overlaps(d, stop)) for stop in scenario.stops)
    missing = sum(d.drawing(stop).not_drawn for stop in scenario.stops)
    bad = sum(len(violations(d, stop)) for stop in scenario.stops)
    print(f"{name:<26} {width:>3}×{height:<3} rung={d.rung:<13} "
          f"{'cropped' if d.cropped else 'whole  '}  layout {layout_ms:6.1f} ms  "
          f"new stop median {statistics.median(frames):5.1f} ms p90 {percentile(frames, 0.9):5.1f}"
          f" (routing {statistics.median(draws):4.1f})  cached frame (baseline) "
          f"{statistics.median(cached):4.1f} ms  overlaps {overlaps_n}  not drawn {missing}  "
          f"rule violations {bad}")


def overview(name: str, scenario: Scenario, width: int, height: int) -> None:
    """Layout and first stop of a view that routes every link (the communication view)."""
    view = View("all", "All links", "", GroupBy.HOST, True)
    scenario = replace(scenario, views={"all": view})
    start = time.perf_counter()
    d = engine._build(scenario, view, width, height, False)
    d.frame(scenario.stops[0])
    ms = (time.perf_counter() - start) * 1000
    crossings, bends, length = crossings_bends_length(d)
    print(f"{name:<26} {width:>3}×{height:<3} rung={d.rung:<13} layout + first stop "
          f"{ms:7.1f} ms  links {len(d.routes)}/{len(scenario.links)}  crossings {crossings}  "
          f"bends {bends}  length {length}")


def baselines(scenario: Scenario, width: int, height: int) -> None:
    view = View("all", "All links", "", GroupBy.HOST, True)
    scenario = replace(scenario, views={"all": view})
    d = engine._build(scenario, view, width, height, False)
    print(f"  routing every link on the same layout ({d.rung}, {d.width}×{d.height}):")
    boxes: dict[str, Rect] = {sid: b.rect for sid, b in d.layout.boxes.items()}
    links = [(lid, lk.source, lk.target) for lid, lk in scenario.links.items()]
    titles = {g.id: cell_len(g.title) + 2 for g in d.layout.groups}
    for label, eps in (("weighted A* ε=1.6 (ours)", 1.6), ("weighted A* ε=2", 2.0),
                       ("exact A* ε=1", 1.0)):
        counter = [0]
        start = time.perf_counter()
        routes, failed, _ = route_all(lambda: grid_for(d.layout, titles), boxes, links,
                                      epsilon=eps, counter=counter)
        ms = (time.perf_counter() - start) * 1000
        bends = sum(r.kinds.count("c") for r in routes.values())
        length = sum(len(r.cells) for r in routes.values())
        print(f"    {label:<26} {ms:7.1f} ms  expanded {counter[0]:>7}  routed {len(routes)}"
              f"  failed {len(failed)}  bends {bends}  length {length}")
    ms, routed, nx_bends = networkx_baseline(d)
    print(f"    {'networkx astar_path':<26} {ms:7.1f} ms  (each link alone, no sharing rules,"
          f" no bend cost)  routed {routed}  bends {nx_bends}")


def main(argv: list[str]) -> int:
    scenario = pick_scenario(argv)
    print(f"scenario: {scenario.meta.id}: {len(scenario.hosts)} hosts, "
          f"{len(scenario.services)} services, {len(scenario.links)} links, "
          f"{len(scenario.stops)} stops")
    print("the walkthrough's canvases: 120×23 (120×36), 100×19 (100×30), 80×15 (80×24), "
          "118×40 (160×45); goal: a new stop ≤ 16 ms (a 60 Hz frame)\n")
    for width, height in ((120, 23), (100, 19), (80, 15), (118, 40), (40, 12)):
        report(scenario.meta.id, scenario, width, height)
    baselines(scenario, 120, 36)
    print("\nevery link of a generated topology routed (goal: 200 services ≤ 2 s):")
    for n in (50, 100, 200):
        overview(f"synthetic {n} services", synthetic(n), 200, 60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
