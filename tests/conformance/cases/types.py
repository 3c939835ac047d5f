"""Types: HPyType_FromSpec with the specs of ``@type_from_spec``, object
creation, builtin shapes and their ``_HPy_AsStruct_*``, names, subtypes,
call functions and fields."""

from harness import NULL, call, case, execute, ref, script

from .values import IntSub, Plain, describe_type, type_name

SPEC_PARAM_BASE, SPEC_PARAM_BASES, SPEC_PARAM_METACLASS = 1, 2, 3

for kind in ["plain", "basetype", "no_dot", "negative_size", "data", "call", "legacy_shape", "object",
             "type", "long", "float", "unicode", "tuple", "list"]:
    case("HPyType_FromSpec", kind, call("@type_from_spec", kind.encode(), NULL, post=describe_type))
case("HPyType_FromSpec", "doc", call("@type_from_spec", b"doc", NULL, post=lambda t: repr(t.__doc__)))
for label, params in [("bases (int,)", ((SPEC_PARAM_BASES, (int,)),)), ("base Plain", ((SPEC_PARAM_BASE, Plain),)),
                      ("base not a type", ((SPEC_PARAM_BASE, 5),)), ("metaclass type", ((SPEC_PARAM_METACLASS, type),)),
                      ("unknown kind", ((99, int),)), ("base and bases", ((SPEC_PARAM_BASE, int), (SPEC_PARAM_BASES, (int,)))),
                      ("no params", ())]:
    case("HPyType_FromSpec", label, call("@type_from_spec", b"plain", params, post=describe_type))

case("_HPy_New", "plain", call("@type_from_spec", b"plain", NULL), call("_HPy_New", ref(0), 0, post=type_name))
case("_HPy_New", "data NULL", call("@type_from_spec", b"plain", NULL), call("_HPy_New", ref(0), NULL, post=type_name))
case("_HPy_New", "int", call("_HPy_New", int, 0, garbage_outs=True))
case("_HPy_New", "Python class", call("_HPy_New", Plain, 0, garbage_outs=True))


@script("_HPy_New", "data is zeroed")
def _():
    r = execute(call("@type_from_spec", b"data", NULL), call("_HPy_New", ref(0), 0))
    obj, address = r.value(1), r.outs(1)[0][1]
    words = execute(call("@peek", address), call("@peek", address + 8))
    del obj
    return f"words {words.value(0)}, {words.value(1)}", ""


for label, t in [("plain HPy type", None), ("Python class", Plain), ("int", int)]:
    steps = [call("@type_from_spec", b"plain", NULL)] if t is None else []
    target = ref(0) if t is None else t
    case("HPyType_GenericNew", label, *steps, call("HPyType_GenericNew", target, NULL, 0, NULL, post=type_name))
case("HPyType_GenericNew", "with args", call("@type_from_spec", b"plain", NULL),
     call("HPyType_GenericNew", ref(0), (1, 2), 2, {"k": 1}, post=type_name))

for label, t in [("int", int), ("Plain", Plain), ("IntSub", IntSub), ("type", type)]:
    case("HPyType_GetName", label, call("HPyType_GetName", t))
case("HPyType_GetName", "HPy type", call("@type_from_spec", b"plain", NULL), call("HPyType_GetName", ref(0)))
case("HPyType_GetName", "constant", call("h_LongType"), call("HPyType_GetName", ref(0)))
case("HPyType_GetName", "from HPy_Type", call("HPy_Type", 5), call("HPyType_GetName", ref(0)))
case("HPyType_GetName", "no dot", call("@type_from_spec", b"no_dot", NULL), call("HPyType_GetName", ref(0)))
for label, a, b in [("bool int", bool, int), ("int bool", int, bool), ("int object", int, object),
                    ("int int", int, int), ("IntSub int", IntSub, int)]:
    case("HPyType_IsSubtype", label, call("HPyType_IsSubtype", a, b))

for label, t in [("class object", object), ("class int", int), ("class Plain", Plain), ("class IntSub", IntSub)]:
    case("_HPyType_GetBuiltinShape", label, call("_HPyType_GetBuiltinShape", t))

# Each builtin shape: the type, an instance made from Python, and the data
# pointer of _HPy_AsStruct_<shape> written and read back.
SHAPES = {"Object": ("object", None), "Type": ("type", lambda t: t("Made", (), {})), "Long": ("long", lambda t: t(5)),
          "Float": ("float", lambda t: t(1.5)), "Unicode": ("unicode", lambda t: t("s")),
          "Tuple": ("tuple", lambda t: t((1, 2))), "List": ("list", lambda t: t([1, 2]))}
VARIABLE_SIZE = {"Long", "Unicode", "Tuple"}
for shape, (kind, make) in SHAPES.items():
    @script(f"_HPy_AsStruct_{shape}", "data pointer")
    def _(shape=shape, kind=kind, make=make):
        r = execute(call("@type_from_spec", kind.encode(), NULL))
        if r.exc is not None:
            return f"type: raises {type(r.exc).__name__}", str(r.exc)
        t = r.value()
        if make is None:
            obj = execute(call("_HPy_New", t, 0)).value()
        else:
            obj = make(t)
        name = f"_HPy_AsStruct_{shape}"
        if shape in VARIABLE_SIZE:
            # The data of a variable-size object is not written: where it
            # lies is the runtime's business.
            r = execute(call(name, obj), call(name, obj))
            tail = ""
        else:
            r = execute(call(name, obj), call("@poke", ref(0), 123456789), call(name, obj), call("@peek", ref(2)))
            tail = f", read back {r.value(3)}" if r.exc is None else ""
        if r.exc is not None:
            return f"raises {type(r.exc).__name__}", str(r.exc)
        same = "same pointer" if r.value(0) == r.value(2 if tail else 1) else "different pointers"
        null = ", NULL" if r.value(0) == 0 else ""
        return f"{same}{null}{tail}, value {type_name(obj)}", ""

    @script("_HPyType_GetBuiltinShape", f"spec {kind}")
    def _(kind=kind):
        r = execute(call("@type_from_spec", kind.encode(), NULL), call("_HPyType_GetBuiltinShape", ref(0)))
        return (f"{r.value()}" if r.exc is None else f"raises {type(r.exc).__name__}"), ""

case("_HPy_AsStruct_Legacy", "plain HPy object", call("@type_from_spec", b"plain", NULL), call("_HPy_New", ref(0), 0),
     call("_HPy_AsStruct_Legacy", ref(1)))


@script("HPy_SetCallFunction", "per-object call")
def _():
    t = execute(call("@type_from_spec", b"call", NULL)).value()
    obj = execute(call("_HPy_New", t, 0)).value()
    before = obj()
    r = execute(call("@set_call_function", obj))
    return f"{before!r}, then {r.value()}, then {obj()!r}", ""


case("HPy_SetCallFunction", "type without call", call("@set_call_function", 5))
case("HPy_SetCallFunction", "Python object", call("@set_call_function", Plain()))


def field_steps():
    """An object with an HPyField at the start of its data (steps 0-1)."""
    return [call("@type_from_spec", b"data", NULL), call("_HPy_New", ref(0), 0)]


case("HPyField_Store", "then Load", *field_steps(), call("HPyField_Store", ref(1), ref(1, 0), "stored"),
     call("@peek", ref(1, 0)), call("HPyField_Load", ref(1), ref(3)))
case("HPyField_Store", "NULL clears", *field_steps(), call("HPyField_Store", ref(1), ref(1, 0), "stored"),
     call("HPyField_Store", ref(1), ref(1, 0), NULL), call("@peek", ref(1, 0)))
case("HPyField_Store", "twice", *field_steps(), call("HPyField_Store", ref(1), ref(1, 0), "first"),
     call("HPyField_Store", ref(1), ref(1, 0), "second"), call("@peek", ref(1, 0)), call("HPyField_Load", ref(1), ref(4)))
case("HPyField_Load", "list value", *field_steps(),
     call("HPyField_Store", ref(1), ref(1, 0), ["kept"]), call("@peek", ref(1, 0)), call("HPyField_Load", ref(1), ref(3)))
