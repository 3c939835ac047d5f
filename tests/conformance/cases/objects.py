"""Handles, the object protocol (attributes, items, type checks, repr,
comparison, hashing) and calls."""

from harness import NULL, call, case, moved, ref, script, execute

from .values import (
    BIG, SSIZE, BytesSub, DictSub, IntSub, ListSub, Namespace, Plain, Raising, StrSub, echo, fails, type_name,
)

case("HPy_Dup", "5", call("HPy_Dup", 5))
case("HPy_Dup", "NULL", call("HPy_Dup", NULL))
case("HPy_Close", "a new handle", call("HPy_Dup", "x"), call("HPy_Close", moved(0)))
case("HPy_Close", "NULL", call("HPy_Close", NULL))

for label, v in [("[1,2,3]", [1, 2, 3]), ("'abc'", "abc"), ("{}", {}), ("5", 5), ("Raising()", Raising()),
                 ("b'ab'", b"ab")]:
    case("HPy_Length", label, call("HPy_Length", v))

for label, v in [("len", len), ("5", 5), ("int", int), ("echo", echo), ("Raising()", Raising())]:
    case("HPyCallable_Check", label, call("HPyCallable_Check", v))

for label, v in [("0", 0), ("1", 1), ("[]", []), ("'x'", "x"), ("None", None), ("Raising()", Raising())]:
    case("HPy_IsTrue", label, call("HPy_IsTrue", v))

ns = Namespace()
ATTRS = [("x", "x"), ("missing", "missing"), ("prop", "prop"), ("''", ""), ("surrogate", "x\udc80")]
for label, name in ATTRS:
    case("HPy_GetAttr", label, call("HPy_GetAttr", ns, name))
    case("HPy_HasAttr", label, call("HPy_HasAttr", ns, name))
    case("HPy_SetAttr", label, call("HPy_SetAttr", Namespace(), name, 5))
for label, name in [("x", b"x"), ("missing", b"missing"), ("prop", b"prop"), ("invalid utf-8", b"\xff"),
                    ("non-ASCII", "\u00e9".encode())]:
    case("HPy_GetAttr_s", label, call("HPy_GetAttr_s", ns, name))
    case("HPy_HasAttr_s", label, call("HPy_HasAttr_s", ns, name))
    case("HPy_SetAttr_s", label, call("HPy_SetAttr_s", Namespace(), name, 5))
case("HPy_GetAttr", "name 5", call("HPy_GetAttr", ns, 5))
case("HPy_HasAttr", "name 5", call("HPy_HasAttr", ns, 5))
case("HPy_SetAttr", "name 5", call("HPy_SetAttr", ns, 5, 1))
case("HPy_SetAttr", "on object()", call("HPy_SetAttr", object(), "y", 1))
case("HPy_SetAttr_s", "on object()", call("HPy_SetAttr_s", object(), b"y", 1))
case("HPy_SetAttr", "value NULL (delete)", call("HPy_SetAttr", Namespace(), "x", NULL))
case("HPy_SetAttr_s", "value NULL (delete)", call("HPy_SetAttr_s", Namespace(), b"x", NULL))
case("HPy_GetAttr", "str.upper", call("HPy_GetAttr", "abc", "upper", post=type_name))

ITEMS = [("[10,20,30][1]", [10, 20, 30], 1), ("[10,20,30][-1]", [10, 20, 30], -1), ("[1][5]", [1], 5),
         ("{'a':1}['a']", {"a": 1}, "a"), ("{}['x']", {}, "x"), ("[1]['x']", [1], "x"),
         ("'abc'[0:2]", "abc", slice(0, 2)), ("5[0]", 5, 0), ("{}[[]]", {}, []), ("[1][big]", [1], BIG)]
for label, obj, key in ITEMS:
    case("HPy_GetItem", label, call("HPy_GetItem", obj, key))
    case("HPy_SetItem", label, call("HPy_SetItem", obj if not isinstance(obj, (list, dict)) else type(obj)(obj),
                                    key, "v"))
    case("HPy_DelItem", label, call("HPy_DelItem", obj if not isinstance(obj, (list, dict)) else type(obj)(obj),
                                    key))
case("HPy_SetItem", "tuple", call("HPy_SetItem", (1,), 0, 2))
case("HPy_SetItem", "value NULL", call("HPy_SetItem", {"a": 1}, "a", NULL))
for label, obj, i in [("[10,20,30][0]", [10, 20, 30], 0), ("[10,20,30][-1]", [10, 20, 30], -1),
                      ("[1][10]", [1], 10), ("{0:'z'}[0]", {0: "z"}, 0), ("'abc'[1]", "abc", 1),
                      ("5[0]", 5, 0), ("[1][min]", [1], SSIZE[0]), ("[1][max]", [1], SSIZE[1])]:
    case("HPy_GetItem_i", label, call("HPy_GetItem_i", obj, i))
    copy = type(obj)(obj) if isinstance(obj, (list, dict)) else obj
    case("HPy_SetItem_i", label, call("HPy_SetItem_i", copy, i, "v"))
    copy = type(obj)(obj) if isinstance(obj, (list, dict)) else obj
    case("HPy_DelItem_i", label, call("HPy_DelItem_i", copy, i))
for label, obj, key in [("{'a':1}['a']", {"a": 1}, b"a"), ("{}['b']", {}, b"b"), ("[1]['0']", [1], b"0"),
                        ("non-ASCII", {"\u00e9": 1}, "\u00e9".encode()), ("invalid utf-8", {}, b"\xff")]:
    case("HPy_GetItem_s", label, call("HPy_GetItem_s", obj, key))
    case("HPy_SetItem_s", label, call("HPy_SetItem_s", type(obj)(obj), key, "v"))
    case("HPy_DelItem_s", label, call("HPy_DelItem_s", type(obj)(obj), key))

for label, c, k in [("1 in [1,2]", [1, 2], 1), ("5 in [1]", [1], 5), ("1 in 5", 5, 1), ("'b' in 'abc'", "abc", "b"),
                    ("5 in 'abc'", "abc", 5), ("Raising()", Raising(), 1), ("[] in {}", {}, [])]:
    case("HPy_Contains", label, call("HPy_Contains", c, k))

for label, v in [("5", 5), ("int", int), ("None", None), ("IntSub(5)", IntSub(5))]:
    case("HPy_Type", label, call("HPy_Type", v))
for label, o, t in [("5 int", 5, int), ("True int", True, int), ("5 str", 5, str), ("IntSub(5) int", IntSub(5), int),
                    ("int type", int, type), ("5 object", 5, object)]:
    case("HPy_TypeCheck", label, call("HPy_TypeCheck", o, t))
case("HPy_Is", "same object", call("h_None"), call("HPy_Is", ref(0), None))
case("HPy_Is", "equal ints", call("HPy_Is", 1000, 1000.0))
case("HPy_Is", "NULL NULL", call("HPy_Is", NULL, NULL))
case("HPy_Is", "x NULL", call("HPy_Is", 5, NULL))

for name in ["HPy_Repr", "HPy_Str", "HPy_ASCII"]:
    for label, v in [("'\u00e9'", "\u00e9"), ("5", 5), ("b'x'", b"x"), ("surrogate", "\ud800"),
                     ("Raising()", Raising())]:
        case(name, label, call(name, v))
for label, v in [("b'x'", b"x"), ("3", 3), ("'x'", "x"), ("[1,2]", [1, 2]), ("-1", -1),
                 ("BytesSub", BytesSub(b"y")), ("Raising()", Raising())]:
    case("HPy_Bytes", label, call("HPy_Bytes", v))

for label, v in [("5", 5), ("-1", -1), ("big", BIG), ("1.5", 1.5), ("'abc'", "abc"), ("(1,2)", (1, 2)),
                 ("[]", []), ("Raising()", Raising())]:
    try:
        expected = hash(v)
    except Exception:
        expected = None
    case("HPy_Hash", label, call("HPy_Hash", v, post=lambda h, e=expected: "== hash(x)" if h == e else h))

for label, args, kw in [("(1,2)", (1, 2), NULL), ("kw", (1,), {"k": 2}), ("NULL NULL", NULL, NULL),
                        ("args list", [1], NULL), ("kw not str", (), {1: 2}), ("kw not dict", (), [1])]:
    case("HPy_CallTupleDict", label, call("HPy_CallTupleDict", echo, args, kw))
case("HPy_CallTupleDict", "not callable", call("HPy_CallTupleDict", 5, (), NULL))
case("HPy_CallTupleDict", "callee raises", call("HPy_CallTupleDict", fails, (), NULL))

for label, args, n, kw in [("(1,2)", (1, 2), 2, NULL), ("kwnames", (1, 2), 1, ("b",)), ("no args", NULL, 0, NULL),
                           ("empty kwnames", (1,), 1, ()), ("offset flag", (1,), 1 | (1 << 63), NULL)]:
    case("HPy_Call", label, call("HPy_Call", echo, args, n, kw))
case("HPy_Call", "not callable", call("HPy_Call", 5, NULL, 0, NULL))
case("HPy_Call", "callee raises", call("HPy_Call", fails, NULL, 0, NULL))
for label, name, args, n, kw in [("'abc'.upper()", "upper", ("abc",), 1, NULL),
                                 ("missing", "missing", ("abc",), 1, NULL),
                                 ("'a,b'.split(',')", "split", ("a,b", ","), 2, NULL),
                                 ("maxsplit=1", "split", ("a b c", 1), 1, ("maxsplit",)),
                                 ("name 5", 5, ("abc",), 1, NULL),
                                 ("offset flag", "upper", ("abc",), 1 | (1 << 63), NULL)]:
    case("HPy_CallMethod", label, call("HPy_CallMethod", name, args, n, kw))

for label, v in [("b'x'", b"x"), ("BytesSub", BytesSub(b"x")), ("bytearray", bytearray(b"x")), ("'x'", "x")]:
    case("HPyBytes_Check", label, call("HPyBytes_Check", v))
for label, v in [("'x'", "x"), ("StrSub", StrSub("x")), ("b'x'", b"x")]:
    case("HPyUnicode_Check", label, call("HPyUnicode_Check", v))
for label, v in [("[]", []), ("ListSub", ListSub()), ("()", ())]:
    case("HPyList_Check", label, call("HPyList_Check", v))
for label, v in [("{}", {}), ("DictSub", DictSub()), ("[]", [])]:
    case("HPyDict_Check", label, call("HPyDict_Check", v))
for label, v in [("()", ()), ("[]", []), ("os.stat_result", __import__("os").stat(".")), ("'x'", "x")]:
    case("HPyTuple_Check", label, call("HPyTuple_Check", v))

case("_HPy_Dump", "5", call("_HPy_Dump", 5))
case("_HPy_Dump", "Plain()", call("_HPy_Dump", Plain()))


@script("HPy_AsPyObject", "round trip through FromPyObject")
def _():
    obj = Plain()
    r = execute(call("HPy_AsPyObject", obj), call("HPy_FromPyObject", ref(0)))
    if r.exc is not None:
        return f"raises {type(r.exc).__name__}", str(r.exc)
    return ("same object" if r.value() is obj else f"{r.kind(0)}, then {r.value()!r}"), ""


case("HPy_AsPyObject", "NULL", call("HPy_AsPyObject", NULL))
case("HPy_FromPyObject", "NULL", call("HPy_FromPyObject", NULL))
script("HPy_FromPyObject", "round trip from AsPyObject")(_)
