"""examples/hello: functions with arguments, keywords, defaults, errors and a panic."""

import inspect

import pytest

import hello
from conftest import CONTEXT_NAMES, MODE, pypy_bug


def test_loaded_in_the_requested_mode():
    assert hello.context_name() == CONTEXT_NAMES[MODE]


def test_greet():
    assert hello.greet("World") == "Hello, World!"
    assert hello.greet("Bob", "Hi") == "Hi, Bob!"
    assert hello.greet(name="Ann", greeting="Hey") == "Hey, Ann!"
    assert hello.greet("Zoë", greeting=None) == "Hello, Zoë!"


def test_add_positional_only_with_default():
    assert hello.add(2, 3) == 5
    assert hello.add(41) == 42
    with pytest.raises(TypeError, match=r"add\(\) takes from 1 to 2 positional arguments but 3 were given"):
        hello.add(1, 2, 3)
    with pytest.raises(OverflowError, match="does not fit in 64 bits"):
        hello.add(2**63 - 1, 1)


def test_square_is_one_positional_argument():
    assert hello.square(3.0) == 9.0
    assert hello.square(2) == 4.0
    with pytest.raises(TypeError, match="takes exactly one argument"):
        hello.square()


def test_divide_raises_a_python_exception():
    assert hello.divide(1, 4) == 0.25
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        hello.divide(1, 0)


def test_keyword_only_arguments():
    assert hello.repeat("ab") == "ab ab"
    assert hello.repeat("ab", times=3, sep="-") == "ab-ab-ab"
    with pytest.raises(ValueError, match="times must be at most 1000, not 1001"):
        hello.repeat("x", times=1001)
    with pytest.raises(TypeError, match=r"repeat\(\) takes 1 positional argument but 2 were given"):
        hello.repeat("x", 2)


def test_returns_containers():
    assert hello.word_counts("a b a") == {"a": 2, "b": 1}
    assert hello.summarize(1, 2, 3, x=1, y=2) == (6, ["x", "y"])
    assert hello.summarize() == (0, [])


def test_callbacks_and_their_exceptions():
    assert hello.apply(len, [1, 2, 3]) == 3
    assert hello.apply(lambda x: x * 2, "ab") == "abab"

    def fails(_):
        raise KeyError("from Python")

    with pytest.raises(KeyError, match="from Python"):
        hello.apply(fails, 1)


@pytest.mark.no_hpy_calls
def test_module_constants_from_the_exec_hook():
    assert hello.VERSION == "0.1.0"
    assert hello.ANSWER == 42


def test_panic_becomes_an_exception_and_the_interpreter_survives():
    assert issubclass(hello.PanicException, BaseException)
    assert not issubclass(hello.PanicException, Exception)
    with pytest.raises(hello.PanicException, match="kaboom"):
        hello.boom("kaboom")
    assert hello.greet("still alive") == "Hello, still alive!"


def test_bad_arguments_raise_cpython_like_errors():
    with pytest.raises(TypeError, match=r"greet\(\) missing 1 required positional argument: 'name'"):
        hello.greet()
    with pytest.raises(TypeError, match=r"greet\(\) argument 'name' must be str, not int"):
        hello.greet(1)
    with pytest.raises(TypeError, match=r"greet\(\) got an unexpected keyword argument 'nope'"):
        hello.greet("a", nope=1)
    with pytest.raises(OverflowError, match=r"add\(\) argument 'a' is out of range for i64"):
        hello.add(2**70)
    with pytest.raises(OverflowError, match=r"repeat\(\) argument 'times' is out of range for u32"):
        hello.repeat("x", times=-1)
    with pytest.raises(UnicodeEncodeError, match=r"surrogates not allowed \(greet\(\) argument 'name'\)"):
        hello.greet("a\ud800")


@pytest.mark.no_hpy_calls
def test_docstrings():
    assert hello.__doc__ == "A small Python module written in Rust with HPy."
    assert hello.greet.__doc__ == 'Returns a greeting.\n\n`greeting` defaults to "Hello".'


@pytest.mark.no_hpy_calls
@pypy_bug("inspect.signature cannot read HPy functions")
def test_signatures():
    assert str(inspect.signature(hello.greet)) == "(name, greeting=None)"
    assert str(inspect.signature(hello.add)) == "(a, b=1, /)"
    assert str(inspect.signature(hello.square)) == "(x, /)"
    assert str(inspect.signature(hello.repeat)) == "(word, *, times=2, sep=' ')"
    assert str(inspect.signature(hello.summarize)) == "(*numbers, **options)"


@pytest.mark.skipif(MODE != "trace", reason="trace mode only")
def test_trace_mode_counts_the_calls_of_module_functions():
    from hpy.trace import get_call_counts

    before = dict(get_call_counts())
    assert hello.greet("World") == "Hello, World!"
    after = get_call_counts()
    grown = {name for name, count in after.items() if count > before.get(name, 0)}
    assert "ctx_Unicode_AsUTF8AndSize" in grown  # reading the argument
