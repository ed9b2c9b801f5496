"""flowviz's own schema validator says what jsonschema says, in the same order.

The oracle is jsonschema itself (a dev dependency): its Draft202012Validator
extended with the same bounded keywords, as the schema check used before it had
a validator of its own. Over the bundled scenarios and a few hundred seeded
mutations of them, both must give the same errors: the same paths into the
file and the schema, the same keyword, the same message, the same instance and
schema mapping, and the same errors under each anyOf/oneOf option.
"""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from flowviz.scenario.loader import load_documents, merge, scenario_files
from flowviz.scenario.schema import part_schema, scenario_schema
from flowviz.scenario.schema_keywords import BOUNDED_KEYWORDS
from flowviz.scenario.schema_validator import UnsupportedSchema, ValidationError, Validator
from tests.conftest import bundled_scenario_dirs

MUTANTS = 360
"""Mutated scenarios compared (most of them the small example, which is quick)."""
LIMIT = 400
"""Errors compared per instance: enough to cover every mutation, bounded in time."""


def adapted(keyword: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A bounded keyword made to yield jsonschema's errors, as jsonschema expects.

    Errors passed up from ``descend`` are jsonschema's already; an error the keyword
    made itself (ours) is copied, keeping its message and the option errors under it."""

    def check(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
        for error in keyword(validator, value, instance, schema):
            if isinstance(error, jsonschema.ValidationError):
                yield error
            else:
                yield jsonschema.ValidationError(error.message, context=error.context)

    return check


def oracle(schema: dict[str, Any]) -> Any:
    keywords = {name: adapted(keyword) for name, keyword in BOUNDED_KEYWORDS.items()}
    extended = jsonschema.validators.extend(jsonschema.Draft202012Validator, keywords)
    return extended(schema)


def signature(error: Any) -> tuple[Any, ...]:
    return (
        tuple(error.absolute_path),
        tuple(error.absolute_schema_path),
        error.validator,
        error.message,
        repr(error.validator_value),
        id(error.instance),
        id(error.schema),
        [signature(child) for child in error.context],
    )


@pytest.fixture(scope="module")
def validators() -> tuple[Validator, Any]:
    schema = scenario_schema()
    return Validator(schema, BOUNDED_KEYWORDS), oracle(schema)


def errors_of(validators: tuple[Validator, Any], data: Any) -> tuple[list[Any], list[Any]]:
    ours, theirs = validators
    return (
        [signature(e) for e in islice(ours.iter_errors(data), LIMIT)],
        [signature(e) for e in islice(theirs.iter_errors(data), LIMIT)],
    )


def merged(folder: Path) -> dict[str, Any]:
    """A bundled scenario's files merged, as the schema check sees them, whole floats
    left as floats (the loader turns them into ints first; the validator must not care)."""
    data, _owner = merge(load_documents(scenario_files(folder)))
    return data


SCENARIOS = {folder.name: merged(folder) for folder in bundled_scenario_dirs()}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_bundled_scenario_is_valid_for_both(
    name: str, validators: tuple[Validator, Any]
) -> None:
    assert errors_of(validators, SCENARIOS[name]) == ([], [])


# Mutations. Each picks a place in the scenario (a key of a mapping or an index of
# a list, anywhere) and breaks it in one of the ways an author (or an attacker) would.

ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2.0, 2.5, 51, 10**20, float("inf"), "", "x", "Bad Id",
    "-x", "a" * 5000, [], ["a", "a"], [1, 2.0, True], {}, {"k": 1}, {"title": "t"},
]
ODD_KEYS: list[Any] = [
    "colour", "titel", "narations", "id", "x", "$schema", "phases", "narration",
    "services", "messages", "step", "steps", "state", "Bad", 1,
]
Place = tuple[Any, Any]  # (a mapping or a list, a key or an index in it)


def places(data: Any) -> list[Place]:
    found: list[Place] = []
    stack = [data]
    while stack:
        item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            found.append((item, key))
            if isinstance(child, dict | list) and child:
                stack.append(child)
    return found


def a_step(data: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    steps = data.get("steps")
    if isinstance(steps, list) and steps and isinstance(steps[0], dict):
        step: dict[str, Any] = rng.choice(steps)
        return step
    return None


def mutate(data: dict[str, Any], rng: random.Random) -> bool:
    """Break one place of ``data`` in one way; False if that way does not fit there."""
    kind = rng.randrange(16)
    everywhere = places(data)
    if kind == 11:  # a list, one of few places among thousands: look at lists only
        everywhere = [(parent, key) for parent, key in everywhere if isinstance(parent[key], list)]
    parent, key = rng.choice(everywhere)
    value = parent[key]
    if kind == 0 and isinstance(parent, dict):
        del parent[key]  # often a required key
    elif kind in (1, 2):
        parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))  # the wrong type, or out of range
    elif kind == 3 and isinstance(holder := parent if isinstance(parent, dict) else value, dict):
        holder[rng.choice(ODD_KEYS)] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif kind == 4 and isinstance(value, str):
        parent[key] = value * rng.choice([2, 50, 400])  # too long
    elif kind == 5 and isinstance(value, str):
        parent[key] = rng.choice([value.upper(), "-" + value, value + " x", value[:1] + "é"])
    elif kind == 6 and isinstance(value, list) and value:
        value.insert(rng.randrange(len(value) + 1), rng.choice(value))  # a duplicate
    elif kind == 7 and isinstance(value, dict | list) and value:
        value.clear()
    elif kind == 8 and isinstance(value, int | float) and not isinstance(value, bool):
        parent[key] = rng.choice([float(int(value)), value + 0.5, bool(value % 2), -int(value)])
    elif kind == 9 and isinstance(value, dict):
        parent[key] = list(value.values())  # a list where a mapping goes
    elif kind == 10 and isinstance(value, list):
        parent[key] = {str(i): item for i, item in enumerate(value)}
    elif kind == 11 and isinstance(value, list) and value:
        parent[key] = value * rng.choice([5, 13, 25])  # too many items, all of them twice
    elif kind == 12 and (step := a_step(data, rng)) is not None:
        if "phases" in step:  # a step with both forms, or neither
            step[rng.choice(["narration", "services", "messages"])] = []
        elif rng.random() < 0.5:
            step["phases"] = [{"label": "a"}, {"label": "b", "title": 1}]
        else:
            step.pop(rng.choice(["narration", "services", "messages"]), None)
    elif kind == 13 and (step := a_step(data, rng)) is not None:
        # State, counterparts and questions, wrong in their own ways.
        step[rng.choice(["state", "counterpart", "questions"])] = copy.deepcopy(
            rng.choice(
                [
                    {"Bad": "x", "ok": [1], "fine": None, "long": "l" * 41},
                    {},
                    {"scenario": "other", "step": 0, "steps": ["6b", "6k", "6b", 2.0]},
                    {"scenario": "other"},
                    [{"question": "?", "choices": ["a", "a"], "answer": 7}],
                    [{"question": "", "choices": ["a"], "answer": True, "explain": 1}],
                ]
            )
        )
    elif kind == 14 and isinstance(data.get("hosts"), list) and data["hosts"]:
        boxes = data["hosts"] + (data.get("services") or [])
        box = rng.choice(boxes)
        if not isinstance(box, dict):
            return False
        odd = [-1, 0, 51, 2.0, 2.5, True, "1", None]
        box["layout"] = {"row": rng.choice(odd), "col": rng.choice(odd)}
    elif kind == 15 and isinstance(parent, list) and len(parent) > 1:
        parent[key] = parent[rng.randrange(len(parent))]  # one item in two places (an alias)
    else:
        return False
    return True


def mutants() -> Iterator[tuple[str, int, dict[str, Any]]]:
    names = sorted(SCENARIOS)
    for index in range(MUTANTS):
        rng = random.Random(index)
        # One in seven from a large scenario, the rest from the small example.
        name = names[index % len(names)] if index % 7 == 0 else "web-request"
        data = copy.deepcopy(SCENARIOS[name])
        wanted = rng.choice([1, 1, 2, 3])
        while wanted:
            wanted -= mutate(data, rng)
        yield name, index, data


CHUNKS = 6


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_scenarios_give_the_same_errors(
    chunk: int, validators: tuple[Validator, Any]
) -> None:
    compared = 0
    for name, index, data in islice(mutants(), chunk, None, CHUNKS):
        ours, theirs = errors_of(validators, data)
        assert ours == theirs, f"mutant {index} of {name}"
        compared += bool(theirs)
    assert compared > MUTANTS / CHUNKS * 0.8  # most mutations break something


def keywords_of(errors: Iterator[ValidationError] | list[ValidationError]) -> Iterator[str]:
    for error in errors:
        yield str(error.validator)
        yield from keywords_of(error.context)


def test_the_mutations_cover_every_keyword(validators: tuple[Validator, Any]) -> None:
    ours, _ = validators
    seen: set[str] = set()
    for _name, _index, data in mutants():
        seen.update(keywords_of(islice(ours.iter_errors(data), LIMIT)))
    # anyOf is only under not, whose error says no more than that a form is not allowed.
    used = set(BOUNDED_KEYWORDS) - {"anyOf"} | {"required"}
    assert used <= seen, used - seen


def test_the_part_schema_gives_the_same_errors() -> None:
    schema = part_schema()
    ours, theirs = Validator(schema, BOUNDED_KEYWORDS), oracle(schema)
    for name, index, data in islice(mutants(), 0, None, 10):
        found, expected = errors_of((ours, theirs), data)
        assert found == expected, f"mutant {index} of {name}"


def test_types_are_draft_2020_12s(validators: tuple[Validator, Any]) -> None:
    ours, theirs = validators
    values: list[Any] = [None, True, False, 0, 1, 2.0, 2.5, float("nan"), "1", [], {}]
    for name in ("array", "boolean", "integer", "null", "number", "object", "string"):
        for value in values:
            assert ours.is_type(value, name) == theirs.is_type(value, name), (name, value)
    assert ours.is_type(2.0, "integer") and not ours.is_type(True, "number")


# The schema file itself: what check_schema did at every run is now a test.


@pytest.mark.parametrize("schema", [scenario_schema(), part_schema()], ids=["main", "part"])
def test_the_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator
    jsonschema.Draft202012Validator.check_schema(schema)
    Validator(schema, BOUNDED_KEYWORDS)  # and uses only keywords the validator implements


@pytest.mark.parametrize(
    "schema",
    [
        {"allOf": [{"type": "string"}]},  # a keyword not implemented
        {"properties": {"a": {"items": {"const": 1}}}},  # … however deep
        {"$defs": {"unused": {"format": "email"}}},  # … even where nothing refers to it
        {"prefixItems": [{"type": "string"}], "items": {"type": "integer"}},
        {"properties": {"a": True}},  # a boolean schema
        {"$ref": "other.json#/$defs/id"},  # not a local reference
        {"$ref": "#/$defs/nothing"},  # a reference to nothing
        {"type": "text"},  # not a JSON type
        {"$schema": "http://json-schema.org/draft-07/schema#"},  # another draft
        {"properties": {"a": {"$id": "https://elsewhere.invalid/a"}}},  # another base URI
    ],
)
def test_a_schema_using_what_is_not_implemented_is_refused(schema: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedSchema):
        Validator(schema, BOUNDED_KEYWORDS)


def test_a_reference_is_resolved_in_its_turn_and_once() -> None:
    schema = {
        "$defs": {"id": {"type": "string", "maxLength": 3}},
        "properties": {"a": {"minLength": 2, "$ref": "#/$defs/id", "pattern": "^x"}},
    }
    validator = Validator(schema, BOUNDED_KEYWORDS)
    errors = list(validator.iter_errors({"a": "yyyy"}))
    assert [e.validator for e in errors] == ["maxLength", "pattern"]
    assert [list(e.absolute_path) for e in errors] == [["a"], ["a"]]
    assert errors[0].schema is schema["$defs"]["id"]
    assert list(validator._shared.refs) == ["#/$defs/id"]


def test_errors_are_found_one_at_a_time(validators: tuple[Validator, Any]) -> None:
    # 200,000 steps (one bad mapping aliased, as YAML can): a checker that listed every
    # error before giving the first, or every error of a list before its first item's,
    # would take seconds; the first errors of the first steps come at once.
    bad = {"number": "x", "title": 1}
    data = {"steps": [bad] * 200_000}
    ours, _ = validators
    errors = ours.iter_errors(data)
    started = time.perf_counter()
    first = list(islice(errors, 20))
    assert time.perf_counter() - started < 0.5
    assert first[0].message == "'scenario' is a required property"
    assert [list(e.absolute_path) for e in first[-4:]] == [
        ["steps", 1],
        ["steps", 2, "number"],
        ["steps", 2, "title"],
        ["steps", 2],
    ]
    assert isinstance(next(errors), ValidationError)
