"""Frozen, slotted records: what ``@dataclass(frozen=True, slots=True)`` gives the
model, without generating code at import.

``dataclasses`` writes each class's ``__init__``, ``__eq__``, ``__hash__`` and
``__repr__`` as source text and compiles it: for the model's 19 classes that was
~20 ms of every start, a tenth of the walkthrough's own share of it. A
:func:`record` gets the same methods as closures over its field names. Type
checkers see a frozen dataclass (:func:`typing.dataclass_transform`).

A record's fields are its class's annotations, in order; a class attribute is the
field's default, or a :func:`field` for a default that equality ignores. The
class is rebuilt with ``__slots__``, as ``slots=True`` does. Change one with
:func:`replace`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_MISSING: Any = object()
_SKIP = frozenset(("__dict__", "__weakref__"))


class _Field:
    __slots__ = ("compare", "default")

    def __init__(self, default: Any, compare: bool) -> None:
        self.default, self.compare = default, compare


def field(*, default: Any = _MISSING, compare: bool = True) -> Any:
    """A field's default (if any) and whether equality and hashing look at it."""
    return _Field(default, compare)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T], /) -> type[T]:
    """Make ``cls`` a frozen, slotted record (see the module's docstring)."""
    # The class's own annotations (not its bases'); ``inspect.get_annotations`` says
    # the same at the cost of importing inspect.
    names = tuple(cls.__annotations__)
    namespace = {key: value for key, value in cls.__dict__.items() if key not in _SKIP}
    defaults: dict[str, Any] = {}
    compared: list[str] = []
    for name in names:
        value = namespace.pop(name, _MISSING)
        compare = True
        if isinstance(value, _Field):
            value, compare = value.default, value.compare
        if value is not _MISSING:
            defaults[name] = value
        elif defaults:
            raise TypeError(f"{cls.__name__}.{name}: a field without a default after one "
                            "with a default")
        if compare:
            compared.append(name)
    keys = tuple(compared)
    known = frozenset(names)
    setter = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} positional "
                            f"arguments but {len(args)} were given")
        for name, value in zip(names, args, strict=False):
            setter(self, name, value)
        for name, value in kwargs.items():
            if name not in known:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword "
                                f"argument {name!r}")
            if names.index(name) < len(args):
                raise TypeError(f"{type(self).__name__}() got multiple values for "
                                f"argument {name!r}")
            setter(self, name, value)
        for name in names[len(args):]:
            if name not in kwargs:
                value = defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{type(self).__name__}() missing required argument "
                                    f"{name!r}")
                setter(self, name, value)

    def _key(self: Any) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in keys])

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _key(self) == _key(other)

    def __hash__(self: Any) -> int:
        return hash(_key(self))

    def __repr__(self: Any) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in names])

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            setter(self, name, value)

    methods: list[Callable[..., Any]] = [__init__, __eq__, __hash__, __repr__, __setattr__,
                                         __delattr__, __getstate__, __setstate__]
    for method in methods:
        if method.__name__ not in namespace:  # as dataclasses: the class's own stays
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
            namespace[method.__name__] = method
    namespace.update(__match_args__=names, __record_fields__=names, __slots__=names)
    metaclass: Any = type(cls)
    built: type[T] = metaclass(cls.__name__, cls.__bases__, namespace)
    return built


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` to some of its fields."""
    values = {name: getattr(obj, name) for name in type(obj).__record_fields__}  # type: ignore[attr-defined]
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)
