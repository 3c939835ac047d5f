"""examples/piconumpy: piconumpy's float array in safe Rust, and the
benchmark's workload (benches/piconumpy_bench) run with it against the
pure-Python array of the benchmark."""

import importlib.util
import pathlib

import pytest

import piconumpy
from conftest import PYPY
from piconumpy import array, empty, zeros

BENCH = pathlib.Path(__file__).resolve().parents[2] / "benches" / "piconumpy_bench"


def load_bench_module(name):
    spec = importlib.util.spec_from_file_location(f"piconumpy_bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_construction_from_a_list_of_numbers():
    a = array([1.0, 2.5, -3])
    assert type(a) is array and type(a).__name__ == "array"
    assert a.tolist() == [1.0, 2.5, -3.0] and all(type(x) is float for x in a.tolist())
    assert a.size == 3 and len(a) == 3
    assert array((0.5, 1)).tolist() == [0.5, 1.0]
    assert array([]).size == 0 and array([]).tolist() == []
    assert repr(array([1, 2.5])) == "array([1.0, 2.5])"


def test_construction_refuses_what_is_not_a_sequence_of_numbers():
    with pytest.raises(TypeError, match="item 1 must be real number, not str"):
        array([1.0, "2"])
    with pytest.raises(TypeError, match="must be a sequence, not int"):
        array(3)
    with pytest.raises(TypeError, match="must be a sequence, not str"):
        array("12")
    with pytest.raises(TypeError):
        array()
    with pytest.raises(TypeError):
        array([1.0], [2.0])


def test_empty_and_zeros():
    assert zeros(3).tolist() == [0.0, 0.0, 0.0] and zeros(0).size == 0
    assert empty(4).size == 4 and len(empty(4)) == 4
    for make in (empty, zeros):
        with pytest.raises(ValueError, match="negative dimensions are not allowed"):
            make(-1)
        with pytest.raises(TypeError, match="must be int, not float"):
            make(2.0)
    assert piconumpy.zeros.__doc__ and piconumpy.array.__doc__


def test_size_is_read_only():
    a = zeros(2)
    with pytest.raises(AttributeError):
        a.size = 5
    assert a.size == 2


def test_items_read_and_written_with_index_errors():
    a = array([1.0, 2.0, 3.0])
    assert (a[0], a[2], a[-1], a[-3]) == (1.0, 3.0, 3.0, 1.0)
    a[1] = 20
    a[-1] = 30.5
    a[0] += 3.5
    assert a.tolist() == [4.5, 20.0, 30.5] and type(a[1]) is float
    for index in (3, -4, 2**62, -(2**62)):
        with pytest.raises(IndexError, match="array index out of range"):
            a[index]
        with pytest.raises(IndexError, match="array index out of range"):
            a[index] = 0.0
    with pytest.raises(TypeError):
        a["0"]
    with pytest.raises(TypeError, match="must be real number, not str"):
        a[0] = "1"
    assert a.tolist() == [4.5, 20.0, 30.5]


def test_iteration_through_items():
    assert list(array([1, 2])) == [1.0, 2.0]


def test_addition_of_two_arrays():
    a, b = array([1.0, 2.0]), array([10.0, 20.5])
    c = a + b
    assert type(c) is array and c.tolist() == [11.0, 22.5]
    assert a.tolist() == [1.0, 2.0] and b.tolist() == [10.0, 20.5]
    with pytest.raises(ValueError, match="could not be broadcast together with sizes 2 and 3"):
        a + array([1.0, 2.0, 3.0])


def test_multiplication_and_division_by_a_number():
    a = array([1.0, -2.0, 3.0])
    assert (a * 2).tolist() == [2.0, -4.0, 6.0]
    assert (a * 0.5).tolist() == [0.5, -1.0, 1.5]
    assert (a / 2).tolist() == [0.5, -1.0, 1.5]
    assert (a / 4.0).tolist() == [0.25, -0.5, 0.75]
    assert a.tolist() == [1.0, -2.0, 3.0]
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        a / 0


def test_reflected_multiplication():
    a = array([1.0, -2.0])
    assert (2 * a).tolist() == [2.0, -4.0]
    assert (0.25 * a).tolist() == [0.25, -0.5]
    assert (True * a).tolist() == [1.0, -2.0]
    k = 3.0
    k *= a  # no in-place form: k becomes a new array
    assert type(k) is array and k.tolist() == [3.0, -6.0]


@pytest.mark.parametrize(
    "operation",
    [
        lambda a: a + 1,
        lambda a: 1 + a,
        lambda a: a + [1.0, 2.0],
        lambda a: a - a,
        lambda a: 1 - a,
        lambda a: a * a,
        lambda a: a * "x",
        lambda a: None * a,
        lambda a: a / a,
        lambda a: 2 / a,
        lambda a: a / None,
    ],
)
def test_other_operands_are_python_type_errors(operation):
    # `a * "x"`: str's repetition is tried last, with the array as its count.
    expected = "unsupported operand|can't multiply sequence|cannot be interpreted as an integer"
    with pytest.raises(TypeError, match=expected):
        operation(array([1.0, 2.0]))


def test_sequence_times_an_array_is_a_type_error():
    expected = "unsupported operand" if PYPY else "can't multiply sequence by non-int"
    with pytest.raises(TypeError, match=expected):
        [1.0] * array([1.0])


@pytest.mark.no_hpy_calls
def test_not_subclassable():
    # PyPy ignores the type flag: the crate refuses the subclass there.
    with pytest.raises(TypeError, match=r"type '(piconumpy\.)?array' is not an acceptable base type"):
        type("Sub", (array,), {})


def test_the_benchmark_workload_gives_the_pure_python_results():
    workload = load_bench_module("workload")
    purepy = load_bench_module("purepy")
    expected = workload.slide(purepy, sleds=3, steps=25, seed=1)
    got = workload.slide(piconumpy, sleds=3, steps=25, seed=1)
    # The same floating-point operations in the same order: the same bits.
    assert got == expected
    assert len(got) == 3 and all(len(state) == 4 for state in got)
    # The sleds moved down the slope (x grows) and kept sliding.
    assert all(state[0] > 0.5 and state[2] > 0 for state in got)
