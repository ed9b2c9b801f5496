"""The JSON Schema for scenario files, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "scenario.schema.json"


@cache
def scenario_schema() -> dict[str, Any]:
    """The parsed schema (draft 2020-12) every scenario must satisfy."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
