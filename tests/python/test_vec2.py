"""A newcomer's first class (tests/extensions/classes/src/vec2.rs): `!=`
derived from `__eq__` as Python derives it, setters taking borrowed values,
Python subclasses with their own `__init__`."""

import gc
import inspect
import sys
import weakref

import pytest

import classes as c
from classes import Point
from conftest import pypy_bug, reenters

python_subclass = pypy_bug("a Python subclass of an HPy type with tp_destroy aborts PyPy when collected")


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


@python_subclass
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


# --- Python subclasses with their own __init__ ---


@python_subclass
def test_a_new_constructor_builds_the_value_in_new():
    class Sub(c.Vec2):
        def __init__(self, x, y, z=0.0):
            super().__init__(x, y)
            self.z = z

    # `Vec2.__new__` gets the subclass's arguments, and `object.__init__`
    # those of `super().__init__`: Python's rules for a type built in `__new__`.
    with pytest.raises(TypeError, match="takes 2 positional arguments but 3 were given"):
        Sub(1, 2, 3)
    with pytest.raises(TypeError, match="object.__init__"):
        Sub(1, 2)


@pytest.mark.parametrize("base", [c.Flexible, c.Vec3], ids=["new_args_kwargs", "init"])
def test_subclasses_define_their_own_init(base):
    class Tagged(base):
        def __init__(self, x, y, tag="t"):
            super().__init__(x, y)
            self.tag = tag

    t = Tagged(1, 2, "u")
    assert (t.x, t.y, t.tag) == (1.0, 2.0, "u") and isinstance(t, base)
    assert Tagged(3, 4).tag == "t"

    class Lazy(base):
        def __init__(self):
            pass

    # Without `super().__init__`, the value is the initial (default) one.
    assert (Lazy().x, Lazy().y) == (0.0, 0.0)


def test_init_constructor_parses_raises_and_runs_again():
    v = c.Vec3(1, 2)
    assert (v.x, v.y, v.z) == (1.0, 2.0, 0.0)
    v.z = 2.0
    assert v.norm() == 3.0
    v.__init__(0, 3, z=4)
    assert v.norm() == 5.0
    with pytest.raises(TypeError, match=r"Vec3\(\) missing 2 required positional arguments: 'x' and 'y'"):
        c.Vec3()
    with pytest.raises(TypeError, match="must be real number, not str"):
        c.Vec3("a", 1)
    with pytest.raises(ValueError, match="NaN coordinate"):
        c.Vec3(float("nan"), 1)


@pytest.mark.no_hpy_calls
@pytest.mark.skipif(sys.version_info < (3, 10), reason="CPython < 3.10 ignores a heap type's text signature")
@pypy_bug("inspect.signature cannot read HPy types")
def test_init_constructor_signature():
    assert str(inspect.signature(c.Vec3)) == "(x, y, z=0.0)"


def test_init_constructor_releases_the_old_fields():
    class Item:
        pass

    h = c.Holder()
    item = Item()
    ref = weakref.ref(item)
    h.hold(item)
    del item
    gc.collect()
    assert h.held() is ref()
    h.__init__()
    gc.collect()
    assert h.held() is None and ref() is None


@reenters
def test_init_constructor_refuses_a_borrowed_value():
    h = c.Holder()
    with pytest.raises(RuntimeError, match="Holder is already borrowed"):
        h.while_reading(lambda: h.__init__())
