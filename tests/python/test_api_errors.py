"""Errors from safe Rust (tests/extensions/api/src/errors.rs): raising with
types and values, the error indicator, errno with file names, warnings, new
exception classes, unraisable errors and the fatal error."""

import errno
import os
import subprocess
import sys
import warnings

import pytest

import api
from conftest import MODE, pypy_bug, reenters


class MyError(Exception):
    pass


def test_raise_with_a_message():
    with pytest.raises(MyError, match="^custom$"):
        api.raise_message(MyError, "custom")
    with pytest.raises(KeyError):
        api.raise_message(KeyError, "k")
    with pytest.raises(ValueError, match=r"^a\\0b$"):
        api.raise_message(ValueError, "a\0b")  # a NUL is written as \0
    with pytest.raises(SystemError, match="not a BaseException subclass"):
        api.raise_message(int, "not an exception class")


def test_raise_with_an_object():
    with pytest.raises(MyError) as info:
        api.raise_object(MyError, (1, 2))
    assert info.value.args == (1, 2)
    with pytest.raises(MyError) as info:
        api.raise_object(MyError, "one value")
    assert info.value.args == ("one value",)
    instance = MyError("made in Python")
    with pytest.raises(MyError) as info:
        api.raise_object(MyError, instance)
    assert info.value is instance
    with pytest.raises(OSError) as info:
        api.raise_object(OSError, (errno.ENOENT, "gone"))
    assert type(info.value) is FileNotFoundError


def test_memory_error():
    with pytest.raises(MemoryError):
        api.raise_no_memory()


def test_the_error_indicator():
    def fails():
        raise KeyError("x")

    assert api.error_indicator(fails, KeyError) == (True, True, False)
    assert api.error_indicator(fails, LookupError) == (True, True, False)
    assert api.error_indicator(fails, (ValueError, KeyError)) == (True, True, False)
    assert api.error_indicator(fails, ValueError) == (True, False, False)
    assert api.error_indicator(lambda: 1, KeyError) == (False, False, False)


@pytest.mark.parametrize("how", ["errno", "filename", "objects", "os_error"])
def test_errno_errors_carry_errno_and_file_names(how):
    with pytest.raises(OSError) as info:
        api.raise_errno(OSError, how, errno.ENOENT, b"/no/such/file")
    err = info.value
    assert type(err) is FileNotFoundError  # OSError picks the subclass
    assert err.errno == errno.ENOENT
    assert err.strerror == os.strerror(errno.ENOENT)
    if how == "errno":
        assert err.filename is None
    else:
        assert err.filename == "/no/such/file"
    assert err.filename2 == ("second" if how == "objects" else None)


def test_errno_with_other_types_and_codes():
    with pytest.raises(PermissionError) as info:
        api.raise_errno(OSError, "os_error", errno.EACCES, None)
    assert info.value.errno == errno.EACCES and info.value.filename is None
    with pytest.raises(MyError) as info:
        api.raise_errno(MyError, "errno", errno.EINVAL, None)
    assert info.value.args == (errno.EINVAL, os.strerror(errno.EINVAL))
    # A file name that is not UTF-8, and one with a NUL (passed as an object).
    with pytest.raises(FileNotFoundError) as info:
        api.raise_errno(OSError, "os_error", errno.ENOENT, b"caf\xff")
    assert info.value.filename == os.fsdecode(b"caf\xff")
    with pytest.raises(FileNotFoundError) as info:
        api.raise_errno(OSError, "filename", errno.ENOENT, b"a\0b")
    assert info.value.filename == "a\0b" and info.value.errno == errno.ENOENT


def test_io_errors_from_rust(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        api.open_file(str(missing))
    assert info.value.errno == errno.ENOENT and info.value.filename == str(missing)
    with pytest.raises(IsADirectoryError) as info:
        api.open_file(str(tmp_path))
    assert info.value.errno == errno.EISDIR
    present = tmp_path / "present.txt"
    present.write_bytes(b"12345")
    assert api.open_file(str(present)) == 5


def test_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        api.warn(UserWarning, "careful", 1)
        api.warn(DeprecationWarning, "old", 1)
    assert [(w.category, str(w.message)) for w in caught] == [(UserWarning, "careful"), (DeprecationWarning, "old")]
    assert caught[0].filename == __file__  # stack level 1: the caller
    with pytest.warns(RuntimeWarning, match="^pytest sees it$"):
        api.warn(RuntimeWarning, "pytest sees it", 1)


def warn_from_here(level):
    api.warn(UserWarning, f"level {level}", level)  # level 1 blames this line


def test_warning_stack_levels():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn_from_here(1)
        caller = sys._getframe().f_lineno + 1
        warn_from_here(2)  # level 2 blames this line, the caller's
    inner = warn_from_here.__code__.co_firstlineno + 1
    assert [w.lineno for w in caught] == [inner, caller]


def test_a_warning_filter_can_make_warnings_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="now an error"):
            api.warn(UserWarning, "now an error", 1)


def test_warning_category_must_be_a_warning_class():
    with pytest.raises(TypeError, match="category must be a Warning subclass, not ValueError"):
        api.warn(ValueError, "x", 1)
    with pytest.raises(TypeError, match="argument 'category' must be type, not str"):
        api.warn("UserWarning", "x", 1)


def test_new_exception_classes():
    Plain = api.new_exception("mymod.Plain", None, None, None)
    assert issubclass(Plain, Exception) and Plain.__name__ == "Plain" and Plain.__module__ == "mymod"
    assert Plain.__doc__ is None
    Documented = api.new_exception("mymod.Documented", "Explains itself.", KeyError, {"extra": 42})
    assert issubclass(Documented, KeyError) and Documented.__doc__ == "Explains itself."
    assert Documented.extra == 42
    Multi = api.new_exception("mymod.Multi", None, (ValueError, TypeError), None)
    assert issubclass(Multi, ValueError) and issubclass(Multi, TypeError)
    with pytest.raises(Documented):
        api.raise_message(Documented, "raised")
    with pytest.raises(SystemError, match="must be module.class"):
        api.new_exception("nodot", None, None, None)


class NotAlwaysAClass(type):
    def __new__(mcls, name, bases, namespace):
        if name == "Evil":
            return 12345
        return super().__new__(mcls, name, bases, namespace)


class WithOddMetaclass(Exception, metaclass=NotAlwaysAClass):
    pass


@pytest.mark.parametrize("doc", [None, "A docstring."])
def test_new_exception_checks_that_the_metaclass_made_a_class(doc):
    function = "new_exception" if doc is None else "new_exception_with_doc"
    with pytest.raises(TypeError, match=rf"the class made by {function}\(\) must be type, not int"):
        api.new_exception("m.Evil", doc, WithOddMetaclass, None)
    Fine = api.new_exception("m.Fine", doc, WithOddMetaclass, None)
    assert type(Fine) is NotAlwaysAClass and issubclass(Fine, WithOddMetaclass)


def test_write_unraisable(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    context = object()

    def fails():
        raise ValueError("cannot propagate")

    assert api.call_unraisable(fails, context) is True
    assert api.call_unraisable(lambda: None, context) is False
    assert api.call_unraisable(fails) is True
    assert len(seen) == 2
    assert seen[0].exc_type is ValueError and str(seen[0].exc_value) == "cannot propagate"
    assert seen[1].object is None


@reenters  # the report calls the object's __repr__, an HPy function
def test_write_unraisable_about_an_hpy_object(monkeypatch):
    # PyPy 7.3.19 calls the object's `__repr__` with the reported exception
    # still set: the crate's debug-build check that a function does not
    # succeed with an exception set must not take that one for its own.
    from floatarray import Array

    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert api.call_unraisable(object(), Array([])) is True
    assert [str(w.message) for w in caught] == []
    assert len(seen) == 1 and seen[0].exc_type is TypeError


@pypy_bug("HPyErr_WriteUnraisable passes None to sys.unraisablehook, not the object")
def test_write_unraisable_names_the_object(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    context = object()

    def fails():
        raise ValueError("cannot propagate")

    assert api.call_unraisable(fails, context) is True
    assert seen[0].object is context


@pytest.mark.no_hpy_calls  # they happen in the child process
def test_fatal_error_aborts_the_process():
    code = "import api; api.fatal_error('the end of the road'); print('still alive')"
    env = {**os.environ, "HPY": MODE}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "the end of the road" in result.stderr
    assert "still alive" not in result.stdout
