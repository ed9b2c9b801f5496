"""Editors check each file against the schema its modeline names (issue #13).

A scenario split across files (the bundled OpenStack one) names
``scenario-part.schema.json``, which requires no top-level key; a one-file
scenario names the full schema. Checked with jsonschema directly, as an editor's
YAML language server would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from flowviz.scenario.schema import PART_SCHEMA_FILE, part_schema_text, scenario_schema
from tests.conftest import REPO, STEPS

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
BUNDLED_FILES = sorted(STEPS.glob("*/*.yaml"))


def modeline_schema(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path}: first line is not a yaml-language-server modeline"
    return (path.parent / match.group(1)).resolve()


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_bundled_file_validates_against_its_modelines_schema(path: Path) -> None:
    schema_path = modeline_schema(path)
    assert schema_path.is_file(), schema_path
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == [], f"{path} against {schema_path.name}"


def test_a_multi_file_scenario_names_the_part_schema() -> None:
    for folder in {p.parent for p in BUNDLED_FILES}:
        files = sorted(folder.glob("*.yaml"))
        expected = PART_SCHEMA_FILE if len(files) > 1 else "scenario.schema.json"
        for path in files:
            assert modeline_schema(path).name == expected, path


def test_the_part_schema_is_the_main_one_without_required_keys() -> None:
    shipped = REPO / "flowviz" / "scenario" / "schema" / PART_SCHEMA_FILE
    assert shipped.read_text(encoding="utf-8") == part_schema_text(), (
        "regenerate with: python -m flowviz.scenario.schema"
    )
    part = json.loads(part_schema_text())
    assert "required" not in part
    assert part["properties"] == scenario_schema()["properties"]
    assert part["$defs"] == scenario_schema()["$defs"]
