"""Ints, floats, bools and the number protocol."""

from harness import NULL, call, case, ref

from .values import BIG, I32, I64, SSIZE, U32, U64, FloatOnly, Index, IntOnly, IntSub, MatMul, Raising

# HPyLong_From*: every edge of the C type.
FROM = {
    "HPyLong_FromInt32_t": [0, -1, *I32],
    "HPyLong_FromUInt32_t": [0, U32],
    "HPyLong_FromInt64_t": [0, -1, *I64],
    "HPyLong_FromUInt64_t": [0, U64],
    "HPyLong_FromSize_t": [0, U64],
    "HPyLong_FromSsize_t": [0, -1, *SSIZE],
}
for name, values in FROM.items():
    for v in values:
        case(name, str(v), call(name, v))

# HPyLong_As*: each edge of the target type, one past it, and non-ints.
RANGES = {
    "HPyLong_AsInt32_t": I32,
    "HPyLong_AsUInt32_t": (0, U32),
    "HPyLong_AsUInt32_tMask": (0, U32),
    "HPyLong_AsInt64_t": I64,
    "HPyLong_AsUInt64_t": (0, U64),
    "HPyLong_AsUInt64_tMask": (0, U64),
    "HPyLong_AsSize_t": (0, U64),
    "HPyLong_AsSsize_t": SSIZE,
    "HPyLong_AsVoidPtr": (0, U64),
    "HPyLong_AsDouble": (-(2**1023), 2**1023),
}
OTHERS = [
    ("-1", -1), ("big", BIG), ("-big", -BIG), ("True", True), ("IntSub(5)", IntSub(5)), ("1.5", 1.5),
    ("'5'", "5"), ("None", None), ("Index()", Index()), ("IntOnly()", IntOnly()), ("Raising()", Raising()),
]
for name, (low, high) in RANGES.items():
    raw = name == "HPyLong_AsVoidPtr"
    edges = [(str(low), low), (str(high), high), (f"{low}-1", low - 1), (f"{high}+1", high + 1)]
    if name == "HPyLong_AsDouble":
        edges = [("2**1024", 2**1024), ("2**53+1", 2**53 + 1), ("0", 0)]
    for label, v in edges + OTHERS:
        case(name, label, call(name, v, raw=raw))

for v in [0.0, -0.0, 1.5, float("inf"), float("nan"), 5e-324, 1.7976931348623157e308]:
    case("HPyFloat_FromDouble", repr(v), call("HPyFloat_FromDouble", v))
for label, v in [("1.5", 1.5), ("5", 5), ("2**1024", 2**1024), ("'1.5'", "1.5"), ("None", None),
                 ("FloatOnly()", FloatOnly()), ("Index()", Index()), ("Raising()", Raising())]:
    case("HPyFloat_AsDouble", label, call("HPyFloat_AsDouble", v))
for v in [True, False]:
    case("HPyBool_FromBool", str(v), call("HPyBool_FromBool", v))

for label, v in [("5", 5), ("1.5", 1.5), ("True", True), ("1j", 1j), ("'5'", "5"), ("None", None),
                 ("Index()", Index()), ("FloatOnly()", FloatOnly()), ("IntOnly()", IntOnly())]:
    case("HPyNumber_Check", label, call("HPyNumber_Check", v))

# Binary operators: a plain case, a type error, and an edge each.
BINARY = {
    "HPy_Add": [("1+2", 1, 2), ("str", "a", "b"), ("1+'a'", 1, "a"), ("big", 2**63, 2**63)],
    "HPy_Subtract": [("5-3", 5, 3), ("sets", {1, 2}, {2}), ("'a'-1", "a", 1), ("min-1", I64[0], 1)],
    "HPy_Multiply": [("6*7", 6, 7), ("'ab'*3", "ab", 3), ("[]*'a'", [], "a"), ("'a'*-1", "a", -1)],
    "HPy_MatrixMultiply": [("MatMul()@1", MatMul(), 1), ("1@2", 1, 2)],
    "HPy_FloorDivide": [("7//2", 7, 2), ("-7//2", -7, 2), ("1//0", 1, 0), ("'a'//1", "a", 1)],
    "HPy_TrueDivide": [("1/2", 1, 2), ("1/0", 1, 0), ("big/1", 2**2000, 1), ("'a'/1", "a", 1)],
    "HPy_Remainder": [("7%3", 7, 3), ("-7%3", -7, 3), ("'%d'%5", "%d", 5), ("1%0", 1, 0)],
    "HPy_Divmod": [("7,2", 7, 2), ("1,0", 1, 0), ("'a',1", "a", 1)],
    "HPy_Lshift": [("1<<100", 1, 100), ("1<<-1", 1, -1), ("1<<'a'", 1, "a")],
    "HPy_Rshift": [("256>>4", 256, 4), ("-1>>100", -1, 100), ("1>>-1", 1, -1)],
    "HPy_And": [("6&3", 6, 3), ("sets", {1, 2}, {2}), ("1&1.5", 1, 1.5)],
    "HPy_Xor": [("6^3", 6, 3), ("True^True", True, True), ("1^1.5", 1, 1.5)],
    "HPy_Or": [("6|3", 6, 3), ("dicts", {"a": 1}, {"b": 2}), ("1|1.5", 1, 1.5)],
}
for name, rows in BINARY.items():
    for label, a, b in rows:
        case(name, label, call(name, a, b))
    inplace = name.replace("HPy_", "HPy_InPlace")
    for label, a, b in rows if name != "HPy_Divmod" else []:
        case(inplace, label, call(inplace, a, b))
case("HPy_InPlaceAdd", "list", call("HPy_InPlaceAdd", [1], [2]))
case("HPy_InPlaceMultiply", "list", call("HPy_InPlaceMultiply", [1], 2))

for name in ["HPy_Power", "HPy_InPlacePower"]:
    for label, a, b, c in [("2**10", 2, 10, None), ("2**10%1000", 2, 10, 1000), ("2**-1", 2, -1, None),
                           ("2**-1%5", 2, -1, 5), ("0**-1", 0, -1, None), ("'a'**2", "a", 2, None),
                           ("2**2%0", 2, 2, 0), ("2.0**2%3", 2.0, 2, 3)]:
        case(name, label, call(name, a, b, c))

UNARY = {
    "HPy_Negative": [("5", 5), ("min", I64[0]), ("'a'", "a")],
    "HPy_Positive": [("-5", -5), ("True", True), ("'a'", "a")],
    "HPy_Absolute": [("-5", -5), ("-0.0", -0.0), ("'a'", "a")],
    "HPy_Invert": [("5", 5), ("True", True), ("1.5", 1.5)],
    "HPy_Index": [("5", 5), ("True", True), ("IntSub(5)", IntSub(5)), ("1.5", 1.5), ("Index()", Index()),
                  ("IntOnly()", IntOnly()), ("Raising()", Raising())],
    "HPy_Long": [("1.9", 1.9), ("'12'", "12"), ("'x'", "x"), ("None", None), ("IntOnly()", IntOnly()),
                 ("Index()", Index()), ("inf", float("inf")), ("b'7'", b"7")],
    "HPy_Float": [("5", 5), ("'1.5'", "1.5"), ("'x'", "x"), ("None", None), ("FloatOnly()", FloatOnly()),
                  ("Index()", Index()), ("big", 2**1024)],
}
for name, rows in UNARY.items():
    for label, v in rows:
        case(name, label, call(name, v))

# The same object on both sides: identity is not equality for nan.
case("HPy_RichCompare", "nan==nan (same object)",
     call("HPyFloat_FromDouble", float("nan")), call("HPy_RichCompare", ref(0), ref(0), 2))
case("HPy_RichCompareBool", "nan==nan (same object)",
     call("HPyFloat_FromDouble", float("nan")), call("HPy_RichCompareBool", ref(0), ref(0), 2))
for op in range(6):
    case("HPy_RichCompare", f"1 op{op} 2", call("HPy_RichCompare", 1, 2, op))
    case("HPy_RichCompareBool", f"1 op{op} 2", call("HPy_RichCompareBool", 1, 2, op))
for name in ["HPy_RichCompare", "HPy_RichCompareBool"]:
    case(name, "1<'a'", call(name, 1, "a", 0))
    case(name, "1=='a'", call(name, 1, "a", 2))
    case(name, "Raising()==1", call(name, Raising(), 1, 2))
case("HPy_RichCompareBool", "NULL==NULL", call("HPy_RichCompareBool", NULL, NULL, 2))
