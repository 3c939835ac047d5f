"""Bytes and str: creation from C data (invalid UTF-8, NULs, negative and
zero sizes, non-ASCII, lone surrogates), encodings and access."""

from harness import NULL, call, case

from .values import BytesSub

SURROGATE = "\ud800"
SURROGATE_UTF8 = SURROGATE.encode("utf-8", "surrogatepass")

for label, v in [("b'abc'", b"abc"), ("b''", b""), ("BytesSub", BytesSub(b"xy")), ("'abc'", "abc"),
                 ("bytearray", bytearray(b"x"))]:
    case("HPyBytes_Size", label, call("HPyBytes_Size", v))
    case("HPyBytes_AsString", label, call("HPyBytes_AsString", v))
for label, v in [("b'abc'", b"abc"), ("b''", b""), ("b'a\\0b'", b"a\x00b")]:
    case("HPyBytes_GET_SIZE", label, call("HPyBytes_GET_SIZE", v))
    case("HPyBytes_AS_STRING", label, call("HPyBytes_AS_STRING", v))
case("HPyBytes_AsString", "b'a\\0b'", call("HPyBytes_AsString", b"a\x00b"))

for label, v in [("b'abc'", b"abc"), ("b''", b""), ("invalid utf-8", b"\xff\xfe")]:
    case("HPyBytes_FromString", label, call("HPyBytes_FromString", v))
for label, v, n in [("3", b"abc", 3), ("1 of 3", b"abc", 1), ("NUL inside", b"a\x00b", 3), ("0", b"", 0),
                    ("-1", b"abc", -1), ("NULL 3", NULL, 3), ("NULL 0", NULL, 0), ("NULL huge", NULL, 2**62)]:
    case("HPyBytes_FromStringAndSize", label, call("HPyBytes_FromStringAndSize", v, n))

for label, v in [("'abc'", b"abc"), ("''", b""), ("non-ASCII", "\u00e9\u20ac\U0001f600".encode()),
                 ("invalid utf-8", b"\xff"), ("encoded surrogate", SURROGATE_UTF8), ("overlong", b"\xc0\xaf")]:
    case("HPyUnicode_FromString", label, call("HPyUnicode_FromString", v))

ENCODE = [("'abc'", "abc"), ("'\u00e9'", "\u00e9"), ("'\u20ac'", "\u20ac"), ("surrogate", SURROGATE),
          ("b'x'", b"x"), ("NUL inside", "a\x00b")]
for name in ["HPyUnicode_AsASCIIString", "HPyUnicode_AsLatin1String", "HPyUnicode_AsUTF8String",
             "HPyUnicode_EncodeFSDefault"]:
    for label, v in ENCODE:
        case(name, label, call(name, v))
for label, v in ENCODE + [("escaped byte", "\udcff")]:
    case("HPyUnicode_AsUTF8AndSize", label, call("HPyUnicode_AsUTF8AndSize", v, 0))
case("HPyUnicode_EncodeFSDefault", "escaped byte", call("HPyUnicode_EncodeFSDefault", "\udcff"))
case("HPyUnicode_AsUTF8AndSize", "size NULL", call("HPyUnicode_AsUTF8AndSize", "\u00e9", NULL))

for label, units, n in [("'hi'", (104, 105), 2), ("-1 (NUL-terminated)", (104, 105), -1), ("1 of 2", (104, 105), 1),
                        ("emoji", (0x1F600,), 1), ("surrogate", (0xD800,), 1), ("0x110000", (0x110000,), 1),
                        ("NULL 0", NULL, 0), ("() 0", (), 0), ("NUL inside", (104, 0, 105), 3)]:
    case("HPyUnicode_FromWideChar", label, call("HPyUnicode_FromWideChar", units, n))

for label, v in [("b'abc'", b"abc"), ("non-ASCII", "\u00e9".encode()), ("undecodable", b"\xff"), ("b''", b"")]:
    case("HPyUnicode_DecodeFSDefault", label, call("HPyUnicode_DecodeFSDefault", v))
for label, v, n in [("2 of 3", b"abc", 2), ("NUL inside", b"a\x00b", 3), ("undecodable", b"\xff", 1), ("0", b"x", 0),
                    ("-1", b"abc", -1)]:
    case("HPyUnicode_DecodeFSDefaultAndSize", label, call("HPyUnicode_DecodeFSDefaultAndSize", v, n))

for label, s, i in [("'abc'[0]", "abc", 0), ("'abc'[2]", "abc", 2), ("'abc'[3]", "abc", 3), ("'abc'[-1]", "abc", -1),
                    ("'\u00e9'[0]", "\u00e9", 0), ("emoji[0]", "\U0001f600", 0), ("b'x'[0]", b"x", 0)]:
    case("HPyUnicode_ReadChar", label, call("HPyUnicode_ReadChar", s, i))

for name, high in [("HPyUnicode_DecodeASCII", b"\x80"), ("HPyUnicode_DecodeLatin1", b"\xe9")]:
    for label, data, n, errors in [("'abc'", b"abc", 3, NULL), ("2 of 3", b"abc", 2, NULL), ("high byte", high, 1, NULL),
                                   ("replace", high, 1, b"replace"), ("ignore", high, 1, b"ignore"),
                                   ("unknown handler", high, 1, b"bogus"), ("0", b"", 0, NULL),
                                   ("NUL inside", b"a\x00b", 3, b"strict")]:
        case(name, label, call(name, data, n, errors))

for label, obj, enc, err in [("b'abc'", b"abc", NULL, NULL), ("latin-1", b"\xe9", b"latin-1", NULL),
                             ("invalid utf-8", b"\xff", NULL, NULL), ("replace", b"\xff", b"utf-8", b"replace"),
                             ("str", "abc", NULL, NULL), ("bytearray", bytearray(b"x"), NULL, NULL),
                             ("unknown encoding", b"x", b"bogus", NULL), ("5", 5, NULL, NULL),
                             ("surrogateescape", b"\xff", b"utf-8", b"surrogateescape")]:
    case("HPyUnicode_FromEncodedObject", label, call("HPyUnicode_FromEncodedObject", obj, enc, err))

for label, s, a, b in [("'hello'[1:3]", "hello", 1, 3), ("[3:1]", "hello", 3, 1), ("[-1:3]", "hello", -1, 3),
                       ("[0:100]", "hello", 0, 100), ("non-ASCII", "h\u00e9llo", 1, 2), ("[5:5]", "hello", 5, 5)]:
    # No non-str case: CPython's universal ABI reads a bytes object as a str there, and what
    # follows (a crash, a ValueError, garbage) changes from run to run.
    case("HPyUnicode_Substring", label, call("HPyUnicode_Substring", s, a, b))
