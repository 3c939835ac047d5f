"""bytes, str, list, dict, tuple, slices and the builders from safe Rust
(tests/extensions/api/src/containers.rs)."""

import os
import sys

import pytest

import api


def test_bytes_constructors_and_accessors():
    made, from_c, viewed, checked = api.bytes_make(b"abc")
    assert made == from_c == b"abc" and viewed == checked == b"abc"
    assert api.bytes_make(b"") == (b"", b"", b"", b"")
    with pytest.raises(ValueError, match="embedded NUL"):
        api.bytes_make(b"a\0b")  # a C string cannot hold it
    assert api.bytes_checked(b"xyz") == (b"xyz", 3)
    assert api.bytes_checked(b"") == (b"", 0)
    with pytest.raises(TypeError):
        api.bytes_checked("text")  # HPyBytes_AsString checks the type
    with pytest.raises(TypeError):
        api.bytes_checked(bytearray(b"x"))


@pytest.mark.parametrize("how", ["new", "c_str", "wide", "fs", "fs_c_str", "os_str"])
def test_str_from_utf8_and_wide_and_file_names(how):
    assert api.str_make(how, "héllo €".encode()) == "héllo €"
    assert api.str_make(how, b"") == ""


def test_str_decoders():
    assert api.str_make("new", "a\0b".encode()) == "a\0b"
    assert api.str_make("ascii", b"abc") == "abc"
    with pytest.raises(UnicodeDecodeError):
        api.str_make("ascii", b"\xe9")
    assert api.str_make("ascii", b"a\xe9", "replace") == "a\ufffd"
    assert api.str_make("ascii", b"a\xe9", "ignore") == "a"
    assert api.str_make("latin1", b"caf\xe9") == "café"
    with pytest.raises(UnicodeDecodeError):
        api.str_make("c_str", b"\xff")
    with pytest.raises(LookupError):
        api.str_make("ascii", b"\xe9", "no-such-handler")
    with pytest.raises(ValueError, match="errors contains a NUL"):
        api.str_make("ascii", b"a", "x\0y")
    # File names decode as os.fsdecode does (surrogateescape on Unix).
    assert api.str_make("fs", b"caf\xff") == os.fsdecode(b"caf\xff")
    assert api.str_make("os_str", b"\xffname") == os.fsdecode(b"\xffname")


def test_str_from_encoded_objects():
    assert api.str_decode(b"caf\xc3\xa9") == "café"
    assert api.str_decode(b"caf\xe9", "latin-1") == "café"
    assert api.str_decode(bytearray(b"ab"), "ascii", "strict") == "ab"
    assert api.str_decode(b"a\xff", "utf-8", "replace") == "a\ufffd"
    with pytest.raises(UnicodeDecodeError):
        api.str_decode(b"\xff")
    with pytest.raises(TypeError):
        api.str_decode("already text")
    with pytest.raises(LookupError):
        api.str_decode(b"a", "no-such-codec")


def test_str_encoders():
    assert api.str_encode("café", "utf8") == b"caf\xc3\xa9"
    assert api.str_encode("café", "latin1") == b"caf\xe9"
    assert api.str_encode("abc", "ascii") == b"abc"
    with pytest.raises(UnicodeEncodeError):
        api.str_encode("café", "ascii")
    with pytest.raises(UnicodeEncodeError):
        api.str_encode("€", "latin1")
    name = os.fsdecode(b"caf\xff")
    assert api.str_encode(name, "fs") == os.fsencode(name) == b"caf\xff"
    assert api.str_encode(name, "os") == b"caf\xff"
    with pytest.raises(TypeError, match="argument 'text' must be str, not bytes"):
        api.str_encode(b"x", "utf8")


def test_str_utf8_read_char_and_substring():
    assert api.str_utf8("é€") == ("é€", 5)
    with pytest.raises(UnicodeEncodeError):
        api.str_utf8("\udc80")
    assert api.str_read_char("aé€😀", 3) == ord("😀")
    assert api.str_read_char("\udc80", 0) == 0xDC80  # a lone surrogate is a code point
    with pytest.raises(IndexError):
        api.str_read_char("abc", 3)
    with pytest.raises(IndexError):
        api.str_read_char("abc", 2**63)
    text = "héllo wörld"
    assert api.str_substring(text, 1, 5) == text[1:5]
    assert api.str_substring(text, 6, 100) == text[6:]
    assert api.str_substring(text, 20, 30) == ""
    assert api.str_substring(text, 5, 2) == ""
    assert api.str_substring(text, 0, len(text)) == text


def test_lists():
    marker = object()
    made = api.list_make(marker)
    assert made == [marker, 2, "three"] and made[0] is marker
    items = [1]
    assert api.list_append(items, "x") == 2 and items == [1, "x"]

    class MyList(list):
        pass

    assert api.list_append(MyList(), 1) == 1
    with pytest.raises(TypeError, match="list_append\\(\\) argument 'items' must be list, not tuple"):
        api.list_append((1,), 2)


def test_dicts():
    dct, keys, copy, items = api.dict_make((1, 2), "tuple key")
    assert dct == {"a": 1, (1, 2): "tuple key"}
    assert keys == ["a", (1, 2)]
    assert copy == {"a": 1, (1, 2): "tuple key", "only_in_copy": True}
    assert items == [("a", 1), ((1, 2), "tuple key")]
    with pytest.raises(TypeError, match="unhashable"):
        api.dict_make([], 1)


def test_tuples():
    a, b = object(), "b"
    from_values, from_owned, from_borrowed, empty = api.tuple_make(a, b)
    assert from_values == (1, "x", a) and from_values[2] is a
    assert from_owned == (a, b) and from_borrowed == (a, b, a)
    assert empty == ()


SLICES = [
    slice(None),
    slice(1, 4),
    slice(-3, None),
    slice(None, None, -1),
    slice(5, 1, -2),
    slice(-100, 100, 3),
    slice(2, 2),
    slice(10, 20),
    slice(None, -20, -1),
    slice(2**70, -(2**70), -(2**70)),
]


@pytest.mark.parametrize("s", SLICES, ids=repr)
@pytest.mark.parametrize("length", [0, 1, 7])
def test_slices_as_python_adjusts_them(s, length):
    unpacked, adjusted, indices = api.slice_indices(s, length)
    clamp = lambda i: max(-sys.maxsize, min(sys.maxsize, i))  # noqa: E731
    assert unpacked[2] == clamp(1 if s.step is None else s.step)
    start, stop, step = s.indices(length)
    assert adjusted[:3] == (start, stop, clamp(step))
    assert indices == list(range(*s.indices(length)))
    assert adjusted[3] == len(indices)


def test_slice_errors():
    with pytest.raises(ValueError, match="slice step cannot be zero"):
        api.slice_indices(slice(None, None, 0), 3)
    with pytest.raises(TypeError):
        api.slice_indices(slice("a", 2), 3)
    with pytest.raises(TypeError, match="argument 'slice' must be slice, not range"):
        api.slice_indices(range(3), 3)


def test_builders():
    assert api.build(3) == ([0, 10, 20], (0, 10, 20), False)
    assert api.build(0) == ([], (), True)
    assert api.build(100)[1] == tuple(range(0, 1000, 10))


def test_a_builder_dropped_without_building_is_cancelled():
    assert api.build_misuse("cancel") is None  # debug mode: nothing leaks


@pytest.mark.parametrize(
    "how, message",
    [
        ("twice", "item 0 is already set"),
        ("out_of_bounds", "index 2 out of bounds for 2 items"),
    ],
)
def test_builder_misuse_panics_instead_of_crashing(how, message):
    with pytest.raises(api.PanicException, match=message):
        api.build_misuse(how)


def test_building_with_an_item_missing_is_an_error():
    with pytest.raises(SystemError, match="ListBuilder: item 1 of 2 was never set"):
        api.build_misuse("missing")
