"""examples/floatarray: a realistic class with the sequence, number and
buffer protocols."""

import operator
import struct

import pytest

from conftest import pypy_bug, reenters
from floatarray import Array, linspace


def test_construction():
    assert Array([1, 2.5, 3]).tolist() == [1.0, 2.5, 3.0]
    assert Array(range(3)).tolist() == [0.0, 1.0, 2.0]
    assert Array((0.5,)).tolist() == [0.5]
    assert Array().tolist() == [] and len(Array.zeros(4)) == 4
    assert linspace(0, 1, 5).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    with pytest.raises(TypeError, match="values"):
        Array(["a"])


@reenters
def test_construction_from_an_array():
    assert Array(Array([4])).tolist() == [4.0]


@pypy_bug("a Python subclass of an HPy type with tp_destroy aborts PyPy when collected")
def test_class_and_static_methods_and_subclasses():
    class Mine(Array):
        pass

    mine = Mine.arange(3)
    assert type(mine) is Mine and mine.tolist() == [0.0, 1.0, 2.0]
    assert Array.zeros(2).tolist() == [0.0, 0.0]


def test_sequence_protocol():
    a = Array([1, 2, 3])
    assert len(a) == 3 and a[0] == 1.0 and a[-1] == 3.0
    a[1] = 20
    a[-1] = 30
    assert a.tolist() == [1.0, 20.0, 30.0]
    assert 20 in a and 5 not in a
    with pytest.raises(IndexError, match="array index out of range"):
        a[3]
    with pytest.raises(IndexError):
        a[-4] = 0
    with pytest.raises(TypeError, match="item deletion"):
        del a[0]


def test_iteration_goes_through_getitem():
    a = Array([1, 2, 3])
    assert list(a) == [1.0, 2.0, 3.0]
    assert [x * 2 for x in a] == [2.0, 4.0, 6.0]
    assert sum(a) == a.sum() == 6.0 and max(a) == a.max() == 3.0
    assert list(reversed(a)) == [3.0, 2.0, 1.0]


@pytest.mark.parametrize(
    "op, expected",
    [
        (operator.add, [11.0, 22.0]),
        (operator.sub, [-9.0, -18.0]),
        (operator.mul, [10.0, 40.0]),
        (operator.truediv, [0.1, 0.1]),
    ],
)
def test_arithmetic_between_arrays(op, expected):
    assert op(Array([1, 2]), Array([10, 20])).tolist() == pytest.approx(expected)


def test_arithmetic_with_scalars_on_both_sides():
    a = Array([1, 2])
    assert (a + 1).tolist() == [2.0, 3.0] and (1 + a).tolist() == [2.0, 3.0]
    assert (a - 1).tolist() == [0.0, 1.0] and (1 - a).tolist() == [0.0, -1.0]
    assert (a * 3).tolist() == [3.0, 6.0] and (3 * a).tolist() == [3.0, 6.0]
    assert (a / 2).tolist() == [0.5, 1.0]
    assert (-a).tolist() == [-1.0, -2.0] and abs(Array([3, 4])) == 5.0
    assert Array([1, 2]) @ Array([3, 4]) == 11.0
    with pytest.raises(ZeroDivisionError):
        a / 0


def test_unsupported_operands_raise_python_type_errors():
    with pytest.raises(TypeError, match="unsupported operand"):
        Array([1]) + "x"
    with pytest.raises(TypeError, match="unsupported operand"):
        None * Array([1])
    with pytest.raises(TypeError, match="unsupported operand"):
        Array([1]) @ 2
    with pytest.raises(ValueError, match="lengths 2 and 3"):
        Array([1, 2]) + Array([1, 2, 3])


def test_in_place_operators_keep_the_object():
    a = Array([1, 2])
    alias = a
    a += 1
    a *= Array([2, 3])
    a -= 0.5
    assert a is alias and a.tolist() == [3.5, 8.5]
    a += a  # the same array on both sides: no borrow conflict
    assert a.tolist() == [7.0, 17.0]


def test_truth_and_equality():
    assert not Array() and Array([0])
    assert Array([1, 2]) == Array([1, 2]) and Array([1, 2]) != Array([2, 1])
    assert Array([1]) != [1.0]
    with pytest.raises(TypeError):
        Array([1]) < Array([2])
    assert repr(Array([1, 2.5])) == "Array([1.0, 2.5])"


def test_buffer_protocol_shares_memory():
    a = Array([1.5, 2.5, 3.5])
    view = memoryview(a)
    assert (view.format, view.itemsize, view.shape, view.strides) == ("d", 8, (3,), (8,))
    assert not view.readonly and view.tolist() == [1.5, 2.5, 3.5]
    view[0] = 10.0
    assert a[0] == 10.0
    view.release()
    assert bytes(a) == struct.pack("3d", 10.0, 2.5, 3.5)
