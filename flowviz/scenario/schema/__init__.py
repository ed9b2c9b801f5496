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

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "scenario.schema.json"
PART_SCHEMA_FILE = "scenario-part.schema.json"


@cache
def scenario_schema() -> dict[str, Any]:
    """The parsed schema (draft 2020-12) every scenario must satisfy."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def part_schema() -> dict[str, Any]:
    """The schema for one file of a multi-file scenario: the main one, no key required."""
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
