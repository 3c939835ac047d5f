"""Rust errors become the right Python exceptions; misuse stays safe."""

import errno
import warnings

import pytest

import errors


def test_io_errors_carry_errno_and_pick_the_subclass(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        errors.open_file(str(missing))
    assert info.value.errno == errno.ENOENT
    assert info.value.strerror == "No such file or directory"
    with pytest.raises(IsADirectoryError):
        errors.open_file(str(tmp_path))
    (tmp_path / "data").write_bytes(b"12345")
    assert errors.open_file(str(tmp_path / "data")) == 5


def test_std_errors():
    assert errors.parse_int("42") == 42
    with pytest.raises(ValueError, match="invalid digit found in string"):
        errors.parse_int("4x2")
    assert errors.narrow(255) == 255
    with pytest.raises(OverflowError, match="out of range integral type conversion attempted"):
        errors.narrow(256)


def test_messages_keep_any_text():
    for text in ("plain", "nul\0inside", "é😀", ""):
        with pytest.raises(ValueError) as info:
            errors.raise_message(text)
        assert str(info.value) == text


def test_builders_refuse_to_build_with_missing_items():
    with pytest.raises(SystemError, match="ListBuilder: item 1 of 2 was never set"):
        errors.incomplete_list()
    with pytest.raises(errors.PanicException, match="item 0 is already set"):
        errors.tuple_item_twice()
    assert errors.pair("a", 2) == ("a", 2)


def test_an_error_without_exception_becomes_system_error():
    with pytest.raises(SystemError, match="no exception was set"):
        errors.false_pending()


def test_a_dropped_pending_error_is_reported_in_debug_builds():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert errors.drops_pending_error(object()) == 1
    # The test extensions are debug builds: the leftover exception is cleared
    # and reported as a RuntimeWarning instead of surfacing elsewhere.
    assert any("exception still set" in str(w.message) for w in caught)
