"""Figures for the diagram engine (a script that prints numbers, not a timed test).

    python benchmarks/bench_diagram.py [SCENARIO]

Prints, for the bundled scenario (default: the OpenStack one, else the largest
bundled scenario): layout + routing time at the sizes the app uses, restyle time
for a step change, crossings/bends/line length, and the same routing with
baselines in the same run (exact A* with ε = 1, and networkx's astar_path on the
same obstacle grid, which cannot price bends); then synthetic topologies of 50
and 200 services to show how the cost grows.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import networkx as nx
from rich.cells import cell_len

from flowviz.diagram import engine
from flowviz.diagram.canvas import grid_for
from flowviz.diagram.checks import crossings_bends_length, violations
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


def report(name: str, scenario: Scenario, width: int, height: int, runs: int) -> None:
    view = engine.view_for(scenario, None)
    engine._VIEWPORTS.clear()  # first build: nothing cached (the viewport is shared by sizes)
    first = median_ms(lambda: engine._build(scenario, view, width, height, False), 1)
    d = engine._build(scenario, view, width, height, False)
    build = median_ms(lambda: engine._build(scenario, view, width, height, False), runs)
    stop = scenario.stops[min(1, len(scenario.stops) - 1)]
    restyle = median_ms(lambda: d.frame(stop), max(runs, 20))
    crossings, bends, length = crossings_bends_length(d)
    bad = len(violations(d))
    print(f"{name:<28} {width:>3}×{height:<3} rung={d.rung:<14} picture {d.width}×{d.height}  "
          f"first {first:7.1f} ms  build {build:7.1f} ms  restyle {restyle:5.2f} ms  "
          f"links {len(d.routes)}/{len(scenario.links)}  crossings {crossings}  bends {bends}  "
          f"length {length}  "
          f"rule violations {bad}")


def baselines(scenario: Scenario, width: int, height: int) -> None:
    view = engine.view_for(scenario, None)
    d = engine._build(scenario, view, width, height, False)
    spacing = next(s for n, s in engine._candidates(scenario, view, width, height)
                   if n == d.rung) if d.rung != "viewport" else None
    print(f"  baselines on the same layout ({d.rung}, {d.width}×{d.height}):")
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
    del spacing


def main(argv: list[str]) -> int:
    scenario = pick_scenario(argv)
    print(f"scenario: {scenario.meta.id}: {len(scenario.hosts)} hosts, "
          f"{len(scenario.services)} services, {len(scenario.links)} links, "
          f"{len(scenario.stops)} stops\n")
    for width, height in ((120, 36), (116, 31), (100, 30), (78, 31), (80, 24), (40, 12)):
        report(scenario.meta.id, scenario, width, height, runs=7)
    baselines(scenario, 120, 36)
    print()
    for n in (50, 200):
        syn = synthetic(n)
        report(f"synthetic {n} services", syn, 200, 60, runs=3 if n < 200 else 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
