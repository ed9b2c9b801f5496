"""The JSON Schemas for scenario files, shipped with the package.

``scenario.schema.json`` is what a whole scenario (every file merged) must
satisfy. ``scenario-part.schema.json`` is for editors, for one file of a
scenario split across several (the bundled OpenStack one keeps its topology in
``scenario.yaml`` and its steps in ``steps.yaml``): the same keys and rules, but
no top-level key is required, since each lives in one file only. It is
generated from the first (:func:`part_schema`); ``python -m
flowviz.scenario.schema`` writes it again after the main schema changes, and a
test checks the two agree.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = "scenario.schema.json"
PART_SCHEMA_FILE = "scenario-part.schema.json"
SCHEMA_PATH = Path(__file__).with_name(SCHEMA_FILE)
"""Beside this module in a checkout and in every install (a wheel unpacks it as a file).
Not through importlib.resources: importing it costs ~15 ms of every start-up."""


def schema_bytes() -> bytes:
    """The schema file's exact bytes (part of the validated-scenario cache's key)."""
    return SCHEMA_PATH.read_bytes()


@cache
def scenario_schema() -> dict[str, Any]:
    """The parsed schema (draft 2020-12) every scenario must satisfy."""
    schema: dict[str, Any] = json.loads(schema_bytes().decode("utf-8"))
    return schema


def part_schema() -> dict[str, Any]:
    """The schema for one file of a multi-file scenario: the main one, no key required."""
    import copy

    schema = copy.deepcopy(scenario_schema())
    schema["$id"] = schema["$id"].replace(SCHEMA_FILE, PART_SCHEMA_FILE)
    schema["title"] = "flowviz scenario (one file of several)"
    schema["description"] = (
        "One YAML file of a scenario split across several files: any of the top-level keys, "
        "each checked as in scenario.schema.json; the merged files must together give every "
        f"required key ({', '.join(schema.pop('required'))}). Generated from "
        "scenario.schema.json by 'python -m flowviz.scenario.schema'."
    )
    return schema


def part_schema_text() -> str:
    """:func:`part_schema` as the shipped file's text."""
    return json.dumps(part_schema(), indent=2, ensure_ascii=True) + "\n"
