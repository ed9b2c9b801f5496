"""Scenarios the tests write themselves, as an author who never saw the code would:
other domains, 2–8 hosts, no layout hints, labels up to 30 characters, 10–40
services, and a heavy line type. Each is written as YAML and loaded by the real
loader, so it is a scenario the documented format accepts.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario

WORDS = ("order", "payment", "ledger", "catalog", "search", "session", "image", "pod",
         "kubelet", "scheduler", "etcd", "gateway", "inventory", "shipping", "audit", "mail",
         "cache", "index", "billing", "profile", "token", "report", "stream", "queue")
TYPES = [
    {"id": "http", "name": "HTTP", "short": "HTTP", "description": "A request over HTTP.",
     "line": "light", "color": "blue"},
    {"id": "grpc", "name": "gRPC", "short": "gRPC", "description": "A gRPC call.",
     "line": "heavy", "color": "vermillion"},
    {"id": "sql", "name": "SQL", "short": "SQL", "description": "A query.", "line": "double",
     "color": "green"},
    {"id": "bus", "name": "Event", "short": "EVENT", "description": "An event on a bus.",
     "line": "dashed", "color": "orange"},
]


def _label(rng: random.Random, longest: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
    return " ".join(words)[:longest].strip() or "svc"


def _short(label: str) -> str:
    """An author's short label: the first word and the number (``payment 12``)."""
    words = label.split()
    return f"{words[0][:7]} {words[-1]}"


def scenario_data(seed: int, *, hosts: int, services: int, longest: int = 30,
                  steps: int = 6) -> dict[str, object]:
    """The YAML data of a generated scenario (deterministic for a seed)."""
    rng = random.Random(seed)
    host_ids = [f"h{i}" for i in range(hosts)]
    service_ids = [f"s{i}" for i in range(services)]
    host_of = {sid: host_ids[i % hosts] if i < hosts else rng.choice(host_ids)
               for i, sid in enumerate(service_ids)}
    labels = {sid: f"{_label(rng, longest - 4)} {i}" for i, sid in enumerate(service_ids)}
    links: dict[tuple[str, str], str] = {}
    for i, sid in enumerate(service_ids[1:], start=1):  # connected: each to an earlier one
        links[(service_ids[rng.randrange(i)], sid)] = rng.choice(TYPES)["id"]
    for _ in range(services // 2):
        a, b = rng.sample(service_ids, 2)
        if (a, b) not in links and (b, a) not in links:
            links[(a, b)] = rng.choice(TYPES)["id"]
    link_list = list(links.items())
    step_list = []
    for n in range(1, steps + 1):
        chosen = rng.sample(link_list, min(len(link_list), rng.randint(1, 5)))
        messages = []
        for (a, b), kind in chosen:
            source, target = (a, b) if rng.random() < 0.7 else (b, a)
            messages.append({"from": source, "to": target, "type": kind,
                             "wire": f"call {n}: {labels[source]} asks {labels[target]}"})
        step_list.append({
            "number": n, "title": f"Step {n} of the generated flow",
            "narration": f"Generated step {n}.", "notes": "Generated.",
            "services": sorted({m[k] for m in messages for k in ("from", "to")}),
            "messages": messages,
        })
    return {
        "scenario": {"id": f"generated-{seed}", "title": f"Generated scenario {seed}",
                     "summary": "Written by the tests.", "era": "Any"},
        "message_types": TYPES,
        "hosts": [{"id": h, "label": f"{_label(rng, longest - 7)} host {i}", "short": f"host {i}"}
                  for i, h in enumerate(host_ids)],
        # A long label gets a short one, as the format asks authors for small terminals.
        "services": [{"id": sid, "label": labels[sid], "host": host_of[sid],
                      "role": "Generated.",
                      **({"short": _short(labels[sid])} if len(labels[sid]) > 12 else {})}
                     for sid in service_ids],
        "links": [{"from": a, "to": b, "type": kind} for (a, b), kind in link_list],
        "views": [{"id": "topology", "title": "Deployment", "description": "By host.",
                   "group_by": "host"}],
        "initial": {"title": "Before", "narration": "Idle.", "notes": "Start."},
        "steps": step_list,
        "final": {"title": "After", "narration": "Done.", "notes": "End."},
    }


def write_scenario(folder: Path, seed: int, **shape: int) -> Scenario:
    """Write a generated scenario into ``folder`` and load it with the real loader."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.yaml").write_text(
        yaml.safe_dump(scenario_data(seed, **shape), sort_keys=False), encoding="utf-8")
    return load_scenario(folder)


SHAPES: list[dict[str, int]] = [
    {"hosts": 2, "services": 10},
    {"hosts": 3, "services": 13},
    {"hosts": 5, "services": 18},
    {"hosts": 6, "services": 30},
    {"hosts": 8, "services": 24},
]
"""Scenarios of the bundled size (up to ~6 hosts, 30 services): whole at 80×24 and up."""
LARGE: dict[str, int] = {"hosts": 8, "services": 40}
"""The 40-service scenario: whole from 160×45."""
