"""Check merged scenario data against the JSON Schema, in words an author understands.

The validator is flowviz's own (:mod:`flowviz.scenario.schema_validator`, which
walks the schema as jsonschema does but imports in a millisecond), with
:mod:`flowviz.scenario.schema_keywords` for every keyword that would quote a
value. Errors are turned into problems one at a time and kept in a bounded
:class:`~flowviz.errors.Problems`, so a hostile file costs bounded memory and
prints bounded text however many errors it provokes.

That the schema file itself is valid draft 2020-12 is checked by a test against
jsonschema's metaschema, not at every run.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from flowviz.errors import Problem, Problems, quote
from flowviz.scenario.schema import scenario_schema
from flowviz.scenario.schema_keywords import BOUNDED_KEYWORDS
from flowviz.scenario.schema_validator import ValidationError, Validator
from flowviz.scenario.yamlsafe import Document, PathKey
from flowviz.suggest import did_you_mean

MAX_EXAMINED = 5_000
"""Schema errors looked at before giving up: each costs the validator some work, and a
file of aliases can provoke 100,000 of them; only the first 100 are shown anyway."""

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
def _validator() -> Validator:
    return Validator(scenario_schema(), BOUNDED_KEYWORDS)


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
        if not isinstance(part, int):
            part = quote(part) if len(part) > 40 or not part.isprintable() else part
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
        return f"unknown key {quote(key)} in {where}{hint}", (*path, key), True
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return f"{where} is missing required key {missing!r}", path, True
    if validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        return f"{where} should be {wanted}, not {describe(error.instance)}", path, False
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        hint = did_you_mean(error.instance, options) if isinstance(error.instance, str) else ""
        return (
            f"{where}: {quote(error.instance)} is not one of {', '.join(options)}{hint}",
            path,
            False,
        )
    if validator == "oneOf" and len(path) == 2 and path[0] == "steps":
        return _step_form(where, error.instance), path, False
    schema = error.schema if isinstance(error.schema, dict) else {}
    if validator == "pattern" and str(schema.get("description", "")).startswith("Lower"):
        return (
            f"{where}: {quote(error.instance)} is not a valid id (lower-case letters, digits, "
            "'-', '_' and '.')",
            path,
            False,
        )
    if validator in ("oneOf", "anyOf") and schema.get("description"):
        return f"{where}: should be {_lower_first(schema['description'])}", path, False
    return f"{where}: {error.message}", path, False


_STEP_OWN = ("narration", "services", "messages")


def _step_form(where: str, step: Any) -> str:
    """Which key a step lacks, or which it has too many of, for its form."""
    if isinstance(step, dict) and "phases" in step:
        extra = [key for key in _STEP_OWN if key in step]
        if extra:
            listed = ", ".join(repr(key) for key in extra)
            return (
                f"{where} has 'phases' and also {listed}: a step with phases takes its "
                "narration, services and messages from its phases"
            )
    elif isinstance(step, dict):
        missing = [key for key in _STEP_OWN if key not in step]
        if missing:
            listed = ", ".join(repr(key) for key in missing)
            plural = "s" if len(missing) != 1 else ""
            return (
                f"{where} is missing required key{plural} {listed} (a step without "
                "'phases' needs narration, services and messages of its own)"
            )
    return (
        f"{where}: a step needs either its own narration, services and messages, "
        "or phases (not both)"
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def check_schema(
    data: dict[str, Any], owner: dict[str, Document], *, fallback: Document
) -> Problems:
    """Every schema violation in ``data``, located in the file that wrote it."""
    problems = Problems()
    for count, error in enumerate(_validator().iter_errors(data)):
        if count == MAX_EXAMINED:
            problems.stopped = True
            break
        message, path, at_key = _message(error)
        document = owner.get(str(path[0]), fallback) if path else fallback
        line, column = document.locate(path, key=at_key)
        if not path:
            # A missing top-level key belongs to no file in particular.
            line, column = None, None
        problems.add(Problem(document.path, message, line, column))
    return problems
