"""The number protocol from safe Rust (tests/extensions/api/src/numbers.rs):
every binary, unary, in-place and power operation, the Rust operators, and
the int/float conversions with their errors."""

import operator

import pytest

import api

BINARY = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "floor_div": operator.floordiv,
    "true_div": operator.truediv,
    "rem": operator.mod,
    "divmod": divmod,
    "lshift": operator.lshift,
    "rshift": operator.rshift,
    "bitand": operator.and_,
    "bitxor": operator.xor,
    "bitor": operator.or_,
}
INPLACE = {
    "inplace_add": operator.iadd,
    "inplace_sub": operator.isub,
    "inplace_mul": operator.imul,
    "inplace_floor_div": operator.ifloordiv,
    "inplace_true_div": operator.itruediv,
    "inplace_rem": operator.imod,
    "inplace_lshift": operator.ilshift,
    "inplace_rshift": operator.irshift,
    "inplace_bitand": operator.iand,
    "inplace_bitxor": operator.ixor,
    "inplace_bitor": operator.ior,
}


@pytest.mark.parametrize("name", list(BINARY) + list(INPLACE))
def test_binary_operations_on_ints(name):
    python = {**BINARY, **INPLACE}[name]
    for a, b in ((7, 3), (-7, 2), (2**70, 5)):
        assert api.binary(name, a, b) == python(a, b)
    with pytest.raises(TypeError):
        api.binary(name, 1, None)
    if "div" in name or "rem" in name:
        with pytest.raises(ZeroDivisionError):
            api.binary(name, 1, 0)


class Matrix:
    """Just enough of a matrix for `@` and `@=`."""

    def __init__(self, value, inplace=False):
        self.value, self.inplace = value, inplace

    def __matmul__(self, other):
        return Matrix(self.value * other.value)

    def __imatmul__(self, other):
        self.value *= other.value
        self.inplace = True
        return self


def test_matrix_multiplication():
    a, b = Matrix(3), Matrix(4)
    assert api.binary("matmul", a, b).value == 12 and a.value == 3
    result = api.binary("inplace_matmul", a, b)
    assert result is a and a.value == 12 and a.inplace
    with pytest.raises(TypeError):
        api.binary("matmul", 1, 2)


def test_inplace_operations_mutate_mutable_objects():
    items = [1]
    result = api.binary("inplace_add", items, [2])
    assert result is items and items == [1, 2]
    assert api.binary("add", items, [3]) == [1, 2, 3] and items == [1, 2]
    numbers = {1}
    assert api.binary("inplace_bitor", numbers, {2}) is numbers and numbers == {1, 2}


@pytest.mark.parametrize(
    "name, python",
    [
        ("neg", operator.neg),
        ("pos", operator.pos),
        ("abs", abs),
        ("invert", operator.invert),
        ("index", operator.index),
        ("to_int", int),
        ("to_float", float),
    ],
)
def test_unary_operations(name, python):
    for value in (5, -3, 0):
        assert api.unary(name, value) == python(value)
    if name in ("to_int", "to_float"):
        assert api.unary(name, "12") == python("12")
        with pytest.raises(ValueError):
            api.unary(name, "twelve")
    else:
        with pytest.raises(TypeError):
            api.unary(name, "12")
    if name == "index":
        with pytest.raises(TypeError):
            api.unary(name, 1.5)


@pytest.mark.parametrize("in_place", [False, True])
def test_power_with_and_without_modulo(in_place):
    assert api.power(in_place, 3, 4) == 81
    assert api.power(in_place, 3, 4, None) == 81
    assert api.power(in_place, 3, 4, 5) == pow(3, 4, 5) == 1
    assert api.power(in_place, 2.0, 0.5) == 2.0**0.5
    with pytest.raises(TypeError):
        api.power(in_place, 2.0, 3, 5)  # a modulo needs ints
    with pytest.raises(ValueError):
        api.power(in_place, 2, 3, 0)


def test_rust_operators():
    a, b = 13, 5
    expected = [
        a + b, a - b, a * b, a / b, a % b, a << 2, a >> 1, a & b, a ^ b, a | b, -a, ~a,
        (a + 1) * 2, -a, ~a, (a - 1) / 2.0, (a % 3) << 1, (a >> 1) & 0xFF, (a ^ 1) | 16,
    ]
    assert api.operators(a, b) == expected
    with pytest.raises(TypeError):
        api.operators("a", "b")


INT32 = (-(2**31), 2**31 - 1)
UINT32 = (0, 2**32 - 1)
INT64 = (-(2**63), 2**63 - 1)
UINT64 = (0, 2**64 - 1)
RANGES = {
    "as_i32": INT32,
    "as_u32": UINT32,
    "as_i64": INT64,
    "as_u64": UINT64,
    "as_usize": UINT64,
    "as_isize": INT64,
}


class Index:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("name", RANGES)
def test_int_conversions_with_overflow_errors(name):
    low, high = RANGES[name]
    for value in (low, high, 0, 1, True):
        assert api.convert(name, value) == value
    for value in (low - 1, high + 1, 2**100):
        with pytest.raises(OverflowError):
            api.convert(name, value)
    # HPy 0.9 narrows `PyLong_AsUnsignedLong`'s result for `as_u32` and
    # replaces the TypeError with "Python int too large to convert to C
    # uint32_t" (hpy/devel/src/runtime/ctx_long.c).
    with pytest.raises(OverflowError if name == "as_u32" else TypeError):
        api.convert(name, "1")
    if name in ("as_i32", "as_i64"):  # these accept __index__, like PyLong_AsLong
        assert api.convert(name, Index(-5)) == -5


@pytest.mark.parametrize("name, bits", [("as_u32_mask", 32), ("as_u64_mask", 64)])
def test_masks_never_overflow(name, bits):
    for value in (0, 5, -1, 2**bits, 2**bits + 3, -(2**100) - 7, 2**200 + 9):
        assert api.convert(name, value) == value % 2**bits
    assert api.convert(name, Index(-2)) == 2**bits - 2
    with pytest.raises(TypeError):
        api.convert(name, "1")  # (before 3.10, a float's __int__ was accepted)


def test_void_pointer_and_float_conversions():
    assert api.convert("as_void_ptr", 0) == 0
    assert api.convert("as_void_ptr", 0xDEADBEEF) == 0xDEADBEEF
    with pytest.raises(OverflowError):
        api.convert("as_void_ptr", 2**100)
    assert api.convert("long_as_f64", 2**60) == float(2**60)
    with pytest.raises(OverflowError):
        api.convert("long_as_f64", 10**400)
    with pytest.raises(TypeError):
        api.convert("long_as_f64", 1.5)
    assert api.convert("as_f64", 2.5) == 2.5
    assert api.convert("as_f64", 3) == 3.0
    assert api.convert("as_f64", -1.0) == -1.0  # the error value, but no error

    class Floaty:
        def __float__(self):
            return 0.25

    assert api.convert("as_f64", Floaty()) == 0.25
    with pytest.raises(TypeError):
        api.convert("as_f64", "1.0")
    with pytest.raises(OverflowError):
        api.convert("as_f64", 10**400)


def test_number_check_and_bools():
    assert api.is_number(1) and api.is_number(1.5) and api.is_number(Index(1))
    assert not api.is_number("1") and not api.is_number([])
    assert api.new_bools() == (True, False)
    assert api.new_bools()[0] is True
