"""A JSON Schema (draft 2020-12) validator for the keywords the scenario schema uses.

Importing jsonschema cost about 115 ms of start-up and building its validator
another 56, more than a third of a minimal Textual app's start, for a schema
that uses a dozen keywords. This module walks a schema exactly as jsonschema
4.x's ``iter_errors`` does, so errors come out in the same order with the same
paths (``tests/test_schema_validator.py`` checks it against jsonschema itself):
for each keyword of a schema mapping, in the mapping's order, apply it.

Here are only the keywords that navigate: ``$ref`` (local JSON pointers,
resolved once), ``properties``, ``items``, ``required`` and ``propertyNames``.
Every other keyword is a function given to :class:`Validator`, with jsonschema's
signature ``(validator, value, instance, schema) -> errors`` (the scenario's
come from :mod:`flowviz.scenario.schema_keywords`). A keyword that neither
provides is refused when the validator is built, so a schema edit cannot go
silently unchecked; annotations (``description``, ``$defs`` …) are ignored.

Errors are generated lazily, one at a time, as jsonschema does: a hostile file
can provoke 100,000 of them and the caller stops after a bound.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"

Schema = Mapping[str, Any]
PathPart = str | int
Errors = Iterator["ValidationError"]
Keyword = Callable[["Validator", Any, Any, Schema], Errors]
"""``keyword(validator, value, instance, schema)``: the errors of ``instance``, where
``value`` is the keyword's value in ``schema``, the mapping that holds it."""

ANNOTATIONS = frozenset(
    ["$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"]
)
"""Keywords that say something about a schema but check nothing."""

_SUBSCHEMAS = {
    "properties": "mapping",
    "$defs": "mapping",
    "items": "one",
    "propertyNames": "one",
    "not": "one",
    "additionalProperties": "one",
    "anyOf": "list",
    "oneOf": "list",
}
"""Where a keyword's value holds schemas, so building a validator can check them all."""

_TYPES: dict[str, Callable[[Any], bool]] = {
    "array": lambda instance: isinstance(instance, list),
    "boolean": lambda instance: isinstance(instance, bool),
    "integer": lambda instance: (
        (isinstance(instance, int) and not isinstance(instance, bool))
        or (isinstance(instance, float) and instance.is_integer())
    ),
    "null": lambda instance: instance is None,
    "number": lambda instance: (
        isinstance(instance, int | float) and not isinstance(instance, bool)
    ),
    "object": lambda instance: isinstance(instance, dict),
    "string": lambda instance: isinstance(instance, str),
}
"""Draft 2020-12's types: ``integer`` admits 2.0, and true is neither a number nor 1."""


class UnsupportedSchema(ValueError):
    """The schema uses something this validator does not implement."""


class ValidationError:
    """One way the instance breaks the schema, told as jsonschema's ValidationError tells it.

    A keyword function gives only the ``message`` (and, for ``anyOf``/``oneOf``,
    the ``context`` of errors under each option); the validator fills in the
    rest as the error travels out: the keyword (``validator``), its value, the
    ``instance`` and the ``schema`` mapping that holds the keyword, then the
    path into the instance, one step at each level.
    """

    __slots__ = (
        "context",
        "instance",
        "message",
        "parent",
        "path",
        "schema",
        "schema_path",
        "validator",
        "validator_value",
    )

    def __init__(self, message: str, context: Iterable[ValidationError] = ()) -> None:
        self.message = message
        self.path: deque[PathPart] = deque()
        self.schema_path: deque[PathPart] = deque()
        self.context = list(context)
        self.parent: ValidationError | None = None
        self.validator: str | None = None
        self.validator_value: Any = None
        self.instance: Any = None
        self.schema: Schema = {}
        for error in self.context:
            error.parent = self

    @property
    def relative_path(self) -> deque[PathPart]:
        return self.path

    @property
    def absolute_path(self) -> deque[PathPart]:
        """The path from the root of the instance (through the errors this one is under)."""
        return self._from_root("path")

    @property
    def absolute_schema_path(self) -> deque[PathPart]:
        return self._from_root("schema_path")

    def _from_root(self, attribute: str) -> deque[PathPart]:
        path: deque[PathPart] = deque(getattr(self, attribute))
        parent = self.parent
        while parent is not None:
            path.extendleft(reversed(getattr(parent, attribute)))
            parent = parent.parent
        return path

    def __repr__(self) -> str:
        return f"<ValidationError {self.validator}: {self.message!r} at {list(self.path)}>"


def _ref(validator: Validator, ref: str, instance: Any, schema: Schema) -> Errors:
    yield from validator.descend(instance, validator._shared.refs[ref])


def _properties(
    validator: Validator, properties: Schema, instance: Any, schema: Schema
) -> Errors:
    if not isinstance(instance, dict):
        return
    for name, subschema in properties.items():
        if name in instance:
            yield from validator.descend(
                instance[name], subschema, path=name, schema_path=name
            )


def _items(validator: Validator, items: Schema, instance: Any, schema: Schema) -> Errors:
    # prefixItems is not implemented (a schema using it is refused), so every item.
    if not isinstance(instance, list):
        return
    for index, item in enumerate(instance):
        yield from validator.descend(item, items, path=index)


def _required(validator: Validator, required: list[str], instance: Any, schema: Schema) -> Errors:
    if not isinstance(instance, dict):
        return
    for name in required:
        if name not in instance:
            yield ValidationError(f"{name!r} is a required property")


def _property_names(validator: Validator, names: Schema, instance: Any, schema: Schema) -> Errors:
    if not isinstance(instance, dict):
        return
    for name in instance:
        yield from validator.descend(name, names)


NAVIGATION: dict[str, Keyword] = {
    "$ref": _ref,
    "properties": _properties,
    "items": _items,
    "required": _required,
    "propertyNames": _property_names,
}
"""The keywords this module implements itself."""

_Steps = list[tuple[Keyword, str, Any]]


class _Shared:
    """What every validator evolved from one root shares: the keywords, the resolved
    references, and each schema mapping's keywords in order, looked up by identity."""

    def __init__(self, root: Schema, keywords: Mapping[str, Keyword]) -> None:
        self.root = root
        self.keywords = {**NAVIGATION, **keywords}
        self.refs: dict[str, Schema] = {}
        self.steps: dict[int, tuple[Schema, _Steps]] = {}

    def steps_of(self, schema: Schema) -> _Steps:
        found = self.steps.get(id(schema))
        if found is not None and found[0] is schema:
            return found[1]
        return self.prepare(schema, "(a schema outside the root)")

    def prepare(self, schema: Any, where: str) -> _Steps:
        """Check ``schema`` and everything under it; remember its keywords in order."""
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"{where}: a schema must be a mapping, not {schema!r}")
        found = self.steps.get(id(schema))
        if found is not None and found[0] is schema:
            return found[1]
        steps: _Steps = []
        self.steps[id(schema)] = (schema, steps)  # before descending: a $ref may loop back
        for key, value in schema.items():
            here = f"{where}/{key}"
            if key in ANNOTATIONS:
                if key == "$schema" and value != DRAFT:
                    raise UnsupportedSchema(f"{here}: only {DRAFT} is implemented")
                if key == "$id" and schema is not self.root:
                    raise UnsupportedSchema(f"{here}: only the root may have an $id")
            else:
                function = self.keywords.get(key)
                if function is None:
                    raise UnsupportedSchema(
                        f"{here}: the keyword {key!r} is not implemented "
                        "(see flowviz/scenario/schema_validator.py)"
                    )
                if key == "$ref":
                    self.resolve(value, here)
                elif key == "type":
                    names = [value] if isinstance(value, str) else value
                    unknown = [name for name in names if name not in _TYPES]
                    if unknown or not names:
                        raise UnsupportedSchema(f"{here}: unknown type {unknown or value!r}")
                steps.append((function, key, value))
            self._prepare_under(key, value, here)
        return steps

    def _prepare_under(self, key: str, value: Any, where: str) -> None:
        shape = _SUBSCHEMAS.get(key)
        if shape == "mapping":
            for name, subschema in value.items():
                self.prepare(subschema, f"{where}/{name}")
        elif shape == "list":
            for index, subschema in enumerate(value):
                self.prepare(subschema, f"{where}/{index}")
        elif shape == "one" and not (key == "additionalProperties" and isinstance(value, bool)):
            self.prepare(value, where)

    def resolve(self, ref: Any, where: str) -> Schema:
        """The schema a local ``$ref`` (``#/$defs/id``) points at, looked up once."""
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")) or "%" in ref:
            raise UnsupportedSchema(f"{where}: only local references ('#/...') are implemented")
        if ref in self.refs:
            return self.refs[ref]
        target: Any = self.root
        for part in ref[2:].split("/") if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                raise UnsupportedSchema(f"{where}: {ref!r} points at nothing")
        self.refs[ref] = target
        self.prepare(target, ref)
        return target  # type: ignore[no-any-return]


class Validator:
    """Validates instances against ``schema`` with the navigation keywords and ``keywords``.

    The protocol of a jsonschema validator that keyword functions use:
    :meth:`is_type`, :meth:`descend`, :meth:`evolve` and :meth:`is_valid`, and
    :meth:`iter_errors`. Raises :class:`UnsupportedSchema` if ``schema`` uses a
    keyword that is neither an annotation, navigation, nor in ``keywords``.
    """

    def __init__(self, schema: Schema, keywords: Mapping[str, Keyword]) -> None:
        self.schema = schema
        self._shared = _Shared(schema, keywords)
        self._shared.prepare(schema, "#")

    def evolve(self, *, schema: Schema) -> Validator:
        """The same validator for another schema (one under the root, usually)."""
        evolved = object.__new__(Validator)
        evolved.schema = schema
        evolved._shared = self._shared
        return evolved

    def is_type(self, instance: Any, type: str) -> bool:
        try:
            check = _TYPES[type]
        except KeyError:
            raise UnsupportedSchema(f"unknown type {type!r}") from None
        return check(instance)

    def iter_errors(self, instance: Any) -> Errors:
        """Every error of ``instance`` against this validator's schema, one at a time."""
        return self.descend(instance, self.schema)

    def is_valid(self, instance: Any) -> bool:
        return next(self.iter_errors(instance), None) is None

    def descend(
        self,
        instance: Any,
        schema: Schema,
        path: PathPart | None = None,
        schema_path: PathPart | None = None,
    ) -> Errors:
        """The errors of ``instance`` against ``schema``, found ``path`` below the current
        instance and ``schema_path`` below the current schema (as in jsonschema)."""
        for function, key, value in self._shared.steps_of(schema):
            for error in function(self, value, instance, schema):
                if error.validator is None:  # the innermost keyword names the error
                    error.validator = key
                    error.validator_value = value
                    error.instance = instance
                    error.schema = schema
                if key != "$ref":
                    error.schema_path.appendleft(key)
                if path is not None:
                    error.path.appendleft(path)
                if schema_path is not None:
                    error.schema_path.appendleft(schema_path)
                yield error
