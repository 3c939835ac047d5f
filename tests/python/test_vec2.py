"""A newcomer's first class (tests/extensions/classes/src/vec2.rs): `!=`
derived from `__eq__` as Python derives it, setters taking borrowed values,
Python subclasses with their own `__init__`."""

import pytest

import classes as c
from classes import Point


def test_ne_is_derived_from_eq():
    assert not (c.Vec2(1, 2) != c.Vec2(1, 2))
    assert c.Vec2(1, 2) != c.Vec2(2, 1)
    assert not (Point(1, 2) != Point(1, 2)) and Point(1, 2) != Point(1, 3)
    # `__eq__` answers NotImplemented for other types: Python compares identity.
    v = c.Vec2(0, 0)
    assert v != 1 and 1 != v and not (v != v)


def test_ne_negates_the_truth_of_eq():
    assert (c.Loose(3) == 3) == 0 and (c.Loose(3) == 5) == -2
    assert (c.Loose(3) != 3) is True and (c.Loose(3) != 5) is False
    assert (c.Loose(3) != "") is True and (c.Loose(3) != "x") is False

    class NoTruth:
        def __bool__(self):
            raise ZeroDivisionError("no truth")

    with pytest.raises(ZeroDivisionError, match="no truth"):
        c.Loose(3) != NoTruth()


def test_ne_of_subclasses_follows_their_eq():
    class Always(c.Vec2):
        def __eq__(self, other):
            return True

    class Plain(c.Vec2):
        pass

    assert (Always(1, 2) != Always(3, 4)) is False
    assert (Plain(1, 2) != Plain(1, 2)) is False and (Plain(1, 2) != Plain(3, 4)) is True


def test_setters_take_borrowed_values():
    v = c.Vec2(1, 2)
    v.name = "arrow"
    assert v.name == "arrow"
    v.x_from = 7
    assert v.x == 7.0
    with pytest.raises(TypeError, match="attribute 'name' must be str, not int"):
        v.name = 3
    with pytest.raises(TypeError, match="must be real number, not str"):
        v.x_from = "seven"
    with pytest.raises(AttributeError, match="cannot delete attribute 'name'"):
        del v.name
