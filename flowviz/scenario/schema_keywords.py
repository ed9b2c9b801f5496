"""JSON Schema keywords whose messages quote a short prefix of the value, never all of it.

jsonschema's own keywords put ``repr(instance)`` in every message. Through a
YAML alias one list can stand in a thousand places, so a 100 KB file made
100 MB of messages (and 800 MB of memory) before any was printed. These
replacements validate exactly as the originals do (the logic follows
jsonschema's ``_keywords``) but say what is wrong in bounded words: the count,
the limit, and at most :data:`~flowviz.errors.QUOTE_LIMIT` characters of text.

They are the keywords :class:`~flowviz.scenario.schema_validator.Validator`
applies besides its own navigation ones, with jsonschema's signature, so the
test that compares the two validators can also plug them into jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flowviz.errors import quote
from flowviz.scenario.schema_validator import Keyword, ValidationError, Validator

Errors = Iterator[ValidationError]


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'s' if n != 1 else ''}"


def min_length(validator: Validator, limit: int, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "string") and len(instance) < limit:
        if not instance:
            yield ValidationError("must not be empty")
        else:
            yield ValidationError(
                f"{quote(instance)} is too short ({_count(len(instance), 'character')}; "
                f"at least {limit})"
            )


def max_length(validator: Validator, limit: int, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "string") and len(instance) > limit:
        yield ValidationError(
            f"{quote(instance, count=False)} is too long ({_count(len(instance), 'character')}; "
            f"at most {limit})"
        )


def min_items(validator: Validator, limit: int, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "array") and len(instance) < limit:
        if not instance:
            yield ValidationError("must not be empty")
        else:
            yield ValidationError(
                f"has {_count(len(instance), 'item')}; at least {limit} are needed"
            )


def max_items(validator: Validator, limit: int, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "array") and len(instance) > limit:
        yield ValidationError(f"has {_count(len(instance), 'item')}; at most {limit} are allowed")


def unique_items(validator: Validator, unique: bool, instance: Any, schema: Any) -> Errors:
    if not (unique and validator.is_type(instance, "array")):
        return
    seen: list[Any] = []
    hashable: set[Any] = set()
    for item in instance:
        try:
            if item in hashable:
                yield ValidationError(f"lists {quote(item)} more than once")
                return
            hashable.add(item)
        except TypeError:  # lists and mappings: compare the slow way
            if item in seen:
                yield ValidationError(f"lists {quote(item)} more than once")
                return
            seen.append(item)


def pattern(validator: Validator, regex: str, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "string") and not re.search(regex, instance):
        yield ValidationError(f"{quote(instance)} does not match {regex!r}")


def enum(validator: Validator, options: list[Any], instance: Any, schema: Any) -> Errors:
    if all(not _equal(instance, option) for option in options):
        yield ValidationError(
            f"{quote(instance)} is not one of {', '.join(str(o) for o in options)}"
        )


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    return bool(one == two)


def type_(validator: Validator, types: str | list[str], instance: Any, schema: Any) -> Errors:
    names = [types] if isinstance(types, str) else list(types)
    if not any(validator.is_type(instance, name) for name in names):
        yield ValidationError(f"{quote(instance)} is not of type {' or '.join(names)}")


def minimum(validator: Validator, limit: float, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "number") and instance < limit:
        yield ValidationError(f"{quote(instance)} is less than the minimum of {limit}")


def maximum(validator: Validator, limit: float, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "number") and instance > limit:
        yield ValidationError(f"{quote(instance)} is greater than the maximum of {limit}")


def min_properties(validator: Validator, limit: int, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "object") and len(instance) < limit:
        yield ValidationError(f"needs at least {_count(limit, 'key')}")


def any_of(validator: Validator, options: list[Any], instance: Any, schema: Any) -> Errors:
    errors: list[ValidationError] = []
    for index, option in enumerate(options):
        found = list(validator.descend(instance, option, schema_path=index))
        if not found:
            return
        errors.extend(found)
    yield ValidationError(f"{quote(instance)} matches none of the allowed forms", context=errors)


def one_of(validator: Validator, options: list[Any], instance: Any, schema: Any) -> Errors:
    errors: list[ValidationError] = []
    valid = 0
    for index, option in enumerate(options):
        found = list(validator.descend(instance, option, schema_path=index))
        errors.extend(found)
        valid += not found
    if not valid:
        yield ValidationError(
            f"{quote(instance)} matches none of the allowed forms", context=errors
        )
    elif valid > 1:
        yield ValidationError(f"{quote(instance)} matches more than one of the allowed forms")


def not_(validator: Validator, forbidden: Any, instance: Any, schema: Any) -> Errors:
    if validator.evolve(schema=forbidden).is_valid(instance):
        yield ValidationError(f"{quote(instance)} has a form that is not allowed here")


def additional_properties(validator: Validator, allowed: Any, instance: Any, schema: Any) -> Errors:
    if not validator.is_type(instance, "object"):
        return
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = [
        key
        for key in instance
        if key not in properties and not any(re.search(p, key) for p in patterns)
    ]
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif allowed is False and extras:
        more = f" (and {_count(len(extras) - 1, 'other')})" if len(extras) > 1 else ""
        yield ValidationError(f"unknown key {quote(extras[0])}{more}")


BOUNDED_KEYWORDS: dict[str, Keyword] = {
    "additionalProperties": additional_properties,
    "minLength": min_length,
    "maxLength": max_length,
    "minItems": min_items,
    "maxItems": max_items,
    "uniqueItems": unique_items,
    "pattern": pattern,
    "enum": enum,
    "type": type_,
    "minimum": minimum,
    "maximum": maximum,
    "minProperties": min_properties,
    "anyOf": any_of,
    "oneOf": one_of,
    "not": not_,
}
"""Every keyword of the scenario schema that would quote a value, by its bounded version."""
