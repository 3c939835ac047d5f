"""Capsules, context variables, compile and eval, imports, globals, leaving
Python execution and the CPython trampoline entry point."""

import gc

from harness import NULL, call, case, execute, ref, script

from .values import type_name

KEY_POINTER, KEY_NAME, KEY_CONTEXT, KEY_DESTRUCTOR = 0, 1, 2, 3
SOURCE_EXPR, SOURCE_FILE, SOURCE_SINGLE = 0, 1, 2


def capsule(name=b"mod.cap"):
    return call("HPyCapsule_New", 0x1234, name, NULL)


for label, pointer, name in [("named", 0x1234, b"mod.cap"), ("nameless", 0x1234, NULL), ("NULL pointer", NULL, b"x"),
                             ("non-ASCII name", 0x1234, "\u00e9".encode())]:
    case("HPyCapsule_New", label, call("HPyCapsule_New", pointer, name, NULL, post=type_name))
for label, key, name in [("pointer", KEY_POINTER, b"mod.cap"), ("pointer wrong name", KEY_POINTER, b"other"),
                         ("pointer name NULL", KEY_POINTER, NULL), ("name", KEY_NAME, NULL),
                         ("context unset", KEY_CONTEXT, NULL), ("destructor unset", KEY_DESTRUCTOR, NULL),
                         ("unknown key", 7, NULL)]:
    case("HPyCapsule_Get", label, capsule(), call("HPyCapsule_Get", ref(0), key, name, raw=key != KEY_NAME))
case("HPyCapsule_Get", "not a capsule", call("HPyCapsule_Get", 5, KEY_POINTER, NULL))
case("HPyCapsule_Get", "nameless, name given", capsule(NULL), call("HPyCapsule_Get", ref(0), KEY_POINTER, b"x", raw=True))
for label, name in [("right name", b"mod.cap"), ("wrong name", b"other"), ("name NULL", NULL)]:
    case("HPyCapsule_IsValid", label, capsule(), call("HPyCapsule_IsValid", ref(0), name))
case("HPyCapsule_IsValid", "not a capsule", call("HPyCapsule_IsValid", 5, NULL))
case("HPyCapsule_Set", "context", capsule(), call("HPyCapsule_Set", ref(0), KEY_CONTEXT, 0x99, show=True),
     call("HPyCapsule_Get", ref(0), KEY_CONTEXT, NULL, raw=True))
case("HPyCapsule_Set", "pointer", capsule(), call("HPyCapsule_Set", ref(0), KEY_POINTER, 0x42, show=True),
     call("HPyCapsule_Get", ref(0), KEY_POINTER, b"mod.cap", raw=True))
case("HPyCapsule_Set", "pointer NULL", capsule(), call("HPyCapsule_Set", ref(0), KEY_POINTER, NULL))
case("HPyCapsule_Set", "destructor NULL", capsule(), call("HPyCapsule_Set", ref(0), KEY_DESTRUCTOR, NULL))
case("HPyCapsule_Set", "unknown key", capsule(), call("HPyCapsule_Set", ref(0), 7, 1))
case("HPyCapsule_Set", "not a capsule", call("HPyCapsule_Set", 5, KEY_CONTEXT, 1))


@script("HPyCapsule_New", "destructor runs")
def _():
    before = execute(call("@destructor_calls")).value()
    made = execute(call("@capsule_destructor", 0x1234, b"mod.cap"))
    if made.exc is not None:
        return f"raises {type(made.exc).__name__}", str(made.exc)
    del made
    for _ in range(3):
        gc.collect()
    after = execute(call("@destructor_calls")).value()
    return f"destructor ran {after - before} time(s)", ""


for label, src, kind in [("expr", b"1+1", SOURCE_EXPR), ("file", b"x = 1\n", SOURCE_FILE),
                         ("single", b"1\n", SOURCE_SINGLE), ("syntax error", b"1+", SOURCE_EXPR),
                         ("unknown kind", b"1", 7), ("invalid utf-8", b"'\xff'", SOURCE_EXPR),
                         ("statement as expr", b"x = 1", SOURCE_EXPR)]:
    case("HPy_Compile_s", label, call("HPy_Compile_s", src, b"<conformance>", kind, post=type_name))
case("HPy_Compile_s", "filename NULL", call("HPy_Compile_s", b"1", NULL, SOURCE_EXPR, post=type_name))
for label, src, g, l in [("1+2", b"1+2", {}, {}), ("globals", b"x*2", {"x": 21}, NULL),
                         ("locals", b"x*2", {}, {"x": 4}), ("globals not a dict", b"1", 5, NULL),
                         ("name error", b"missing", {}, {}), ("globals NULL", b"1", NULL, NULL)]:
    case("HPy_EvalCode", label, call("HPy_Compile_s", src, b"<f>", SOURCE_EXPR), call("HPy_EvalCode", ref(0), g, l))
case("HPy_EvalCode", "not code", call("HPy_EvalCode", 5, {}, {}))
case("HPy_EvalCode", "file kind returns None", call("HPy_Compile_s", b"y = 3\n", b"<f>", SOURCE_FILE),
     call("HPy_EvalCode", ref(0), {}, {}))

for label, name, default in [("no default", b"v", NULL), ("default", b"v", 5), ("invalid utf-8", b"\xff", NULL),
                             ("name NULL", NULL, NULL)]:
    case("HPyContextVar_New", label, call("HPyContextVar_New", name, default, post=type_name))
for label, var_default, default in [("unset", NULL, NULL), ("call default", NULL, 7), ("var default", 5, NULL),
                                    ("both defaults", 5, 7)]:
    case("HPyContextVar_Get", label, call("HPyContextVar_New", b"v", var_default),
         call("HPyContextVar_Get", ref(0), default, 1))
case("HPyContextVar_Get", "after Set", call("HPyContextVar_New", b"v", NULL), call("HPyContextVar_Set", ref(0), 9),
     call("HPyContextVar_Get", ref(0), NULL, 1))
case("HPyContextVar_Get", "not a var", call("HPyContextVar_Get", 5, NULL, 1, garbage_outs=True))
case("HPyContextVar_Set", "token", call("HPyContextVar_New", b"v", NULL),
     call("HPyContextVar_Set", ref(0), 9, post=type_name))
case("HPyContextVar_Set", "not a var", call("HPyContextVar_Set", 5, 9))
case("HPyContextVar_Set", "NULL value", call("HPyContextVar_New", b"v", NULL), call("HPyContextVar_Set", ref(0), NULL))

for label, name in [("math", b"math"), ("os.path", b"os.path"), ("missing", b"no_such_module_xyz"), ("''", b""),
                    ("invalid utf-8", b"\xff"), ("relative", b".x")]:
    case("HPyImport_ImportModule", label, call("HPyImport_ImportModule", name, post=lambda m: m.__name__))

case("HPyGlobal_Store", "then Load", call("@global"), call("HPyGlobal_Store", ref(0), "stored"),
     call("@peek", ref(0)), call("HPyGlobal_Load", ref(2)))
case("HPyGlobal_Store", "twice", call("@global"), call("HPyGlobal_Store", ref(0), "first"),
     call("HPyGlobal_Store", ref(0), "second"), call("@peek", ref(0)), call("HPyGlobal_Load", ref(3)))
case("HPyGlobal_Store", "list value", call("@global"), call("HPyGlobal_Store", ref(0), ["kept"]),
     call("@peek", ref(0)), call("HPyGlobal_Load", ref(2)))


@script("HPyGlobal_Load", "in a later call")
def _():
    address = execute(call("@global")).value()
    execute(call("HPyGlobal_Store", address, ("later",)))
    r = execute(call("@peek", address), call("HPyGlobal_Load", ref(0)))
    return (repr(r.value()) if r.exc is None else f"raises {type(r.exc).__name__}"), ""


case("HPy_LeavePythonExecution", "then reenter", call("@leave_reenter"))
case("HPy_ReenterPythonExecution", "after leaving", call("@leave_reenter"))

case("_HPy_CallRealFunctionFromTrampoline", "NOARGS", call("HPy_AsPyObject", "self"), call("@trampoline", ref(0)),
     call("HPy_FromPyObject", ref(1)))
