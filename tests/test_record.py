"""The model's records behave as the frozen, slotted dataclasses they replace."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest

from flowviz.errors import Problem
from flowviz.record import field, record, replace
from flowviz.scenario.loader import load_scenario


@record
class Point:
    x: int
    y: int = 0
    note: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"({self.x}, {self.y})"

    @property
    def total(self) -> int:
        return self.x + self.y


@dataclass(frozen=True, slots=True)
class Twin:
    x: int
    y: int = 0
    note: str = field(default="", compare=False)


def test_construction_as_a_dataclass() -> None:
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(x=3, y=4).total) == (1, 0, 2, 7)
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, "a", 4)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Point(1, z=2)  # type: ignore[call-arg]


def test_equality_hash_and_repr_match_a_dataclass() -> None:
    assert Point(1, 2, "a") == Point(1, 2, "b")  # the note is not compared
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    other: object = (1, 0)
    assert Point(1, 2) != Point(2, 1) and Point(1) != other
    assert repr(Point(1, 2, "a")).replace("Point", "Twin") == repr(Twin(1, 2, "a"))
    assert Point.__match_args__ == Twin.__match_args__
    assert str(Point(1, 2)) == "(1, 2)"  # a method of the class's own is kept


def test_frozen_and_slotted() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.x
    assert not hasattr(point, "__dict__")
    assert copy.deepcopy(point) == point and pickle.loads(pickle.dumps(point)) == point


def test_replace_changes_only_what_it_is_told() -> None:
    point = Point(1, 2, "a")
    assert replace(point, y=5) == Point(1, 5) and replace(point, y=5).note == "a"
    with pytest.raises(TypeError):
        replace(point, z=1)


def test_a_loaded_scenario_is_made_of_records() -> None:
    scenario = load_scenario("openstack-vm-launch")
    again = load_scenario("openstack-vm-launch")
    assert scenario == again and scenario is not again
    stop = scenario.stops[3]
    assert hash(stop) == hash(again.stops[3]) and replace(stop, title="x").title == "x"
    assert Problem("f.yaml", "bad", 3) == Problem("f.yaml", "bad", 3) != Problem("f.yaml", "bad")
    assert str(Problem("f.yaml", "bad", 3, 1)) == "f.yaml:3:1: bad"  # its own __str__
