"""Check merged scenario data against the JSON Schema, in words an author understands."""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from flowviz.errors import Problem
from flowviz.scenario.schema import scenario_schema
from flowviz.scenario.yamlsafe import Document, PathKey
from flowviz.suggest import did_you_mean

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = scenario_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    for python_type, name in (
        (str, "text"),
        (int, "a whole number"),
        (float, "a number"),
        (list, "a list"),
        (dict, "a mapping"),
    ):
        if isinstance(value, python_type):
            return name
    return "null" if value is None else type(value).__name__


def _where(path: PathKey) -> str:
    """A readable path such as ``steps[3].messages[0].to``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "top level"


def _message(error: ValidationError) -> tuple[str, PathKey, bool]:
    """(message, path to point at, point at the key rather than the value)."""
    path: PathKey = tuple(error.absolute_path)
    where = _where(path)
    validator = error.validator
    if validator == "additionalProperties":
        instance = error.instance if isinstance(error.instance, dict) else {}
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extras = [k for k in instance if k not in allowed]
        key = extras[0] if extras else "?"
        hint = did_you_mean(key, allowed)
        return f"unknown key {key!r} in {where}{hint}", (*path, key), True
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return f"{where} is missing required key {missing!r}", path, True
    if validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)  # type: ignore[arg-type]
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        return f"{where} should be {wanted}, not {describe(error.instance)}", path, False
    if validator == "enum":
        options = [str(o) for o in error.validator_value]  # type: ignore[union-attr]
        hint = did_you_mean(str(error.instance), options)
        return (
            f"{where}: {error.instance!r} is not one of {', '.join(options)}{hint}",
            path,
            False,
        )
    if validator == "oneOf" and len(path) == 2 and path[0] == "steps":
        return (
            f"{where}: a step needs either its own narration, services and messages, "
            "or phases (not both)",
            path,
            False,
        )
    schema = error.schema if isinstance(error.schema, dict) else {}
    if validator == "pattern" and str(schema.get("description", "")).startswith("Lower"):
        return (
            f"{where}: {error.instance!r} is not a valid id (lower-case letters, digits, "
            "'-', '_' and '.')",
            path,
            False,
        )
    if validator in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
        return f"{where}: {error.message}", path, False
    return f"{where}: {error.message}", path, False


def check_schema(
    data: dict[str, Any], owner: dict[str, Document], *, fallback: Document
) -> list[Problem]:
    """Every schema violation in ``data``, located in the file that wrote it."""
    problems: list[Problem] = []
    seen: set[tuple[str, int | None, int | None, str]] = set()
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        message, path, at_key = _message(error)
        document = owner.get(str(path[0]), fallback) if path else fallback
        line, column = document.locate(path, key=at_key)
        if not path:
            # A missing top-level key belongs to no file in particular.
            line, column = None, None
        key = (document.path, line, column, message)
        if key not in seen:
            seen.add(key)
            problems.append(Problem(document.path, message, line, column))
    return problems
