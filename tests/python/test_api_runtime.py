"""The rest of the context from safe Rust (tests/extensions/api/src/runtime.rs):
the tracker, globals, imports, builtins, capsules, context variables,
compile/eval, and leaving Python execution (releasing the GIL)."""

import builtins
import contextvars
import datetime
import os
import sysconfig
import threading
import types

import pytest

import api
import conftest
import harness


def test_tracker_closes_or_gives_back_its_handles():
    assert api.track(5, "extra", False) == []  # all closed with the tracker
    assert api.track(3, "extra", True) == [0, 1, 2, "extra"]
    assert api.track(0, None, True) == [None]


@pytest.mark.parametrize("capacity", [1, 2, 2**20 + 1, 2**63 - 1, 2**64 - 1])
def test_tracker_capacity_is_a_capped_hint(capacity):
    # HPy adds one to the capacity: the largest ones overflowed (undefined
    # behaviour in C, and in practice a MemoryError).
    assert api.track(4, "extra", True, capacity) == [0, 1, 2, 3, "extra"]


def test_globals_keep_objects_across_calls():
    marker = object()
    api.global_swap(marker)
    assert api.global_swap(None) is marker
    assert api.global_swap("next") is marker
    assert api.global_swap(None) == "next"


def test_import_and_builtins():
    import json
    import os.path

    assert api.import_module("json") is json
    assert api.import_module("os.path") is os.path
    with pytest.raises(ModuleNotFoundError):
        api.import_module("no_such_module_here")
    with pytest.raises(ValueError, match="module name contains a NUL"):
        api.import_module("a\0b")
    assert api.builtins() is builtins.__dict__


def collect():
    # Capsules die by reference counting on CPython, at a collection on PyPy.
    conftest.collect()


def test_capsule_owns_a_rust_value_and_drops_it():
    collect()  # capsules of earlier tests: dropped now on PyPy
    before = api.dropped()
    capsule = api.capsule_new(42, True)
    assert type(capsule).__name__ == "PyCapsule"
    assert api.capsule_get(capsule, False, "api.counted") == 42
    assert api.capsule_info(capsule, "api.counted") == ("api.counted", True, True, True)
    assert api.dropped() == before
    del capsule
    collect()
    assert api.dropped() == before + 1


def test_capsule_name_checks():
    capsule = api.capsule_new(7, True)
    with pytest.raises(ValueError, match="incorrect name"):
        api.capsule_get(capsule, False, "api.other")
    with pytest.raises(ValueError, match="incorrect name"):
        api.capsule_get(capsule, False, None)
    assert api.capsule_info(capsule, "api.counted")[1] is True
    with pytest.raises(ValueError):
        api.capsule_info(capsule, "wrong")
    nameless = api.capsule_new(8, False)
    assert api.capsule_get(nameless, False, None) == 8
    assert api.capsule_info(nameless, None) == (None, True, True, True)
    api.capsule_rename(capsule)
    assert api.capsule_get(capsule, False, "api.renamed") == 7


def test_capsule_type_checks():
    capsule = api.capsule_new(1, True)
    with pytest.raises(TypeError, match="does not hold a u64"):
        api.capsule_get(capsule, True, "api.counted")
    with pytest.raises(TypeError, match="argument 'capsule' must be PyCapsule, not int"):
        api.capsule_get(1, False, None)


NO_DATETIME_CAPI = pytest.mark.skipif(
    not hasattr(datetime, "datetime_CAPI"), reason="this Python's datetime has no C API capsule"
)


@pytest.mark.parametrize("source", [pytest.param("datetime", marks=NO_DATETIME_CAPI), "harness"])
def test_foreign_capsules(source):
    if source == "datetime":
        foreign, name, has_context = datetime.datetime_CAPI, "datetime.datetime_CAPI", False
    else:
        foreign, name, has_context = harness.foreign_capsule(), "harness.foreign", True
    assert api.capsule_info(foreign, name) == (name, True, True, has_context)
    with pytest.raises(TypeError, match="does not hold a Rust value of this extension"):
        api.capsule_get(foreign, False, name)
    with pytest.raises(TypeError, match="only a capsule made by this extension can be renamed"):
        api.capsule_rename(foreign)


def test_capsule_raw_setters():
    collect()  # capsules of earlier tests: dropped now on PyPy
    before = api.dropped()
    capsule = api.capsule_new(5, True)
    assert api.capsule_raw_setters(capsule) is True  # a foreign context hides the value
    assert api.capsule_get(capsule, False, "api.counted") == 5  # the context is back
    del capsule
    collect()
    assert api.dropped() == before  # the destructor was removed: the value leaked


def test_context_variables():
    var = api.context_var("api_var", None)
    assert isinstance(var, contextvars.ContextVar) and var.name == "api_var"
    assert api.context_var_get(var, "dflt") == (None, "dflt")
    token = api.context_var_set(var, 5)
    assert isinstance(token, contextvars.Token)
    assert api.context_var_get(var, "dflt") == (5, 5)
    var.reset(token)
    assert api.context_var_get(var, "dflt") == (None, "dflt")
    with_default = api.context_var("with_default", "d")
    # As in Python, a default given to get() wins over the variable's own.
    assert api.context_var_get(with_default, "other") == ("d", "other") == ("d", with_default.get("other"))
    # Each thread (and each asyncio task) has its own context.
    api.context_var_set(with_default, "main")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(api.context_var_get(with_default, "x")))
    thread.start()
    thread.join()
    assert seen == [("d", "x")]
    assert api.context_var_get(with_default, "x") == ("main", "main")


def test_context_variable_errors():
    with pytest.raises(TypeError):
        api.context_var_get("not a variable", None)
    with pytest.raises(TypeError):
        api.context_var_set(42, 1)
    with pytest.raises(ValueError, match="the name contains a NUL"):
        api.context_var("a\0b", None)


def test_compile_and_eval():
    assert api.compile_eval("1 + 2", "eval", {}) == 3
    assert api.compile_eval("len([1, 2])", "eval", {}) == 2  # builtins are added
    namespace = {"x": 10}
    assert api.compile_eval("y = x * 2", "exec", namespace) is None
    assert namespace["y"] == 20 and "__builtins__" in namespace
    local = {}
    api.compile_eval("z = x + 1", "exec", namespace, local)
    assert local == {"z": 11} and "z" not in namespace


def test_compile_single_prints(capsys):
    api.compile_eval("6 * 7", "single", {})
    assert capsys.readouterr().out == "42\n"


def test_compile_errors_and_code_objects():
    with pytest.raises(SyntaxError) as info:
        api.compile("1 +", "broken.py", "exec")
    assert info.value.filename == "broken.py"
    with pytest.raises(NameError):
        api.compile_eval("undefined_name", "eval", {})
    with pytest.raises(ValueError, match="the source contains a NUL"):
        api.compile("a\0b", "f", "exec")
    code = api.compile("x * 3", "<mine>", "eval")
    assert code.co_filename == "<mine>"
    assert eval(code, {"x": 2}) == 6
    assert api.eval_code(compile("x - 1", "<py>", "eval"), {"x": 5}) == 4
    with pytest.raises(TypeError, match="must be code, not str"):
        api.eval_code("x - 1", {})


def closure_code():
    x = 1
    return (lambda: x).__code__


def test_eval_refuses_code_with_free_variables_as_python_does():
    code = closure_code()
    assert code.co_freevars == ("x",)
    with pytest.raises(TypeError, match="may not contain free variables") as python:
        eval(code, {})
    with pytest.raises(TypeError, match="may not contain free variables") as ours:
        api.eval_code(code, {})
    assert str(ours.value) == str(python.value)


def test_the_code_type_check_does_not_trust_the_types_module(monkeypatch):
    monkeypatch.setattr(types, "CodeType", object)
    with pytest.raises(TypeError, match="must be code, not int"):
        api.eval_code(42, {})
    monkeypatch.setattr(types, "CodeType", int)
    assert api.eval_code(compile("x + 1", "<py>", "eval"), {"x": 1}) == 2


def test_eval_locals_must_be_a_mapping_as_in_python():
    code = compile("x + y", "<py>", "eval")
    with pytest.raises(TypeError, match="mapping") as python:
        eval(code, {}, 5)
    with pytest.raises(TypeError, match="mapping") as ours:
        api.eval_code(code, {}, 5)
    assert str(ours.value) == str(python.value)
    assert api.eval_code(code, {"x": 1}, {"y": 2}) == 3
    assert api.eval_code(code, {"x": 1, "y": 3}, None) == 4  # None: the globals

    class Mapping:
        def __getitem__(self, key):
            return 10

    assert api.eval_code(code, {}, Mapping()) == eval(code, {}, Mapping()) == 20

    class Meta(type):
        def __getitem__(cls, key):  # makes the class subscriptable, not its instances
            return 0

    class NotAMapping(metaclass=Meta):
        pass

    with pytest.raises(TypeError, match="mapping") as python:
        eval(code, {}, NotAMapping())
    with pytest.raises(TypeError, match="mapping") as ours:
        api.eval_code(code, {}, NotAMapping())
    assert str(ours.value) == str(python.value)
    with pytest.raises(TypeError, match="argument 'globals' must be dict, not list"):
        api.eval_code(code, [], None)


def test_released_gil_runs_in_parallel_with_a_python_thread():
    api.clear_flag()
    started = threading.Event()

    def other_thread():
        started.set()
        api.set_flag()  # needs the GIL: only possible while it is released

    thread = threading.Thread(target=other_thread)
    thread.start()
    data = bytes(range(256))
    flagged, total = api.wait_for_flag(10.0, data)
    thread.join()
    assert started.is_set() and flagged is True
    assert total == sum(data)


def test_without_the_other_thread_the_wait_times_out():
    api.clear_flag()
    assert api.wait_for_flag(0.05, b"\x01\x02") == (False, 3)


def test_a_panic_without_the_gil_reenters_python():
    with pytest.raises(api.PanicException, match="panicked outside Python"):
        api.panic_without_gil("panicked outside Python")
    # The interpreter holds the GIL again and works normally.
    assert api.wait_for_flag(0.0, b"") == (False, 0)
    assert threading.Thread(target=lambda: None).start() is None


@pytest.mark.no_hpy_calls
def test_every_api_function_is_documented():
    names = [n for n in dir(api) if not n.startswith("_") and n != "PanicException"]
    assert len(names) >= 80
    undocumented = [n for n in names if not getattr(api, n).__doc__]
    assert undocumented == []
    # A universal module is `api.hpy0.so`, a CPython-ABI one `api.cpython-3X-<platform>.so`.
    suffix = sysconfig.get_config_var("EXT_SUFFIX") if conftest.ABI == "cpython" else ".hpy0.so"
    assert os.path.basename(api.__file__) == "api" + suffix
