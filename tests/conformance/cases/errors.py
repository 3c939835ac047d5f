"""Exceptions and warnings: setting, querying, clearing, new types."""

import sys
import warnings

from harness import NULL, call, case, execute, normalize, outcome_of, script

from .values import Plain, describe_type

case("HPy_FatalError", "message", call("HPy_FatalError", b"conformance: a deliberate fatal error"))

for label, t, msg in [("ValueError", ValueError, b"message"), ("non-ASCII", ValueError, "\u00e9".encode()),
                      ("invalid utf-8", ValueError, b"\xff"), ("not an exception type", 5, b"x"),
                      ("KeyError", KeyError, b"k"), ("warning", UserWarning, b"w")]:
    case("HPyErr_SetString", label, call("HPyErr_SetString", t, msg))
for label, t, v in [("ValueError 'v'", ValueError, "v"), ("tuple value", ValueError, (1, 2)),
                    ("instance value", ValueError, ValueError("inst")), ("not an exception type", 5, "x"),
                    ("KeyError NULL", KeyError, NULL), ("StopIteration 7", StopIteration, 7)]:
    case("HPyErr_SetObject", label, call("HPyErr_SetObject", t, v))

for label, t, name, errno in [("ENOENT", OSError, b"file.txt", 2), ("EACCES NULL name", OSError, NULL, 13),
                              ("errno 0", OSError, b"f", 0), ("ValueError type", ValueError, b"f", 2),
                              ("undecodable name", OSError, b"\xff", 2), ("EINTR", OSError, NULL, 4)]:
    case("HPyErr_SetFromErrnoWithFilename", label,
         call("HPyErr_SetFromErrnoWithFilename", t, name, errno=errno, post=None))
for label, a, b in [("two names", "a", "b"), ("one name", "a", NULL), ("none", NULL, NULL), ("bytes names", b"a", b"b")]:
    case("HPyErr_SetFromErrnoWithFilenameObjects", label,
         call("HPyErr_SetFromErrnoWithFilenameObjects", OSError, a, b, errno=2))

case("HPyErr_Occurred", "nothing set", call("HPyErr_Occurred"))
case("HPyErr_Occurred", "after SetString",
     call("HPyErr_SetString", ValueError, b"x"), call("HPyErr_Occurred"))
case("HPyErr_Occurred", "after Clear",
     call("HPyErr_SetString", ValueError, b"x"), call("HPyErr_Clear"), call("HPyErr_Occurred"))
case("HPyErr_Clear", "nothing set", call("HPyErr_Clear"))
case("HPyErr_Clear", "after SetString", call("HPyErr_SetString", ValueError, b"x"), call("HPyErr_Clear"))
for label, t, match in [("KeyError LookupError", KeyError, LookupError), ("KeyError ValueError", KeyError, ValueError),
                        ("tuple", KeyError, (ValueError, KeyError)), ("same", KeyError, KeyError)]:
    case("HPyErr_ExceptionMatches", label,
         call("HPyErr_SetString", t, b"x"), call("HPyErr_ExceptionMatches", match))
case("HPyErr_ExceptionMatches", "nothing set", call("HPyErr_ExceptionMatches", ValueError))
case("HPyErr_NoMemory", "", call("HPyErr_NoMemory"))

for label, name, base, d in [("mod.Err", b"mod.Err", NULL, NULL), ("no dot", b"NoDot", NULL, NULL),
                             ("base KeyError", b"mod.Err", KeyError, NULL),
                             ("bases tuple", b"mod.Err", (KeyError, ValueError), NULL),
                             ("dict", b"mod.Err", NULL, {"x": 1}), ("dict not a dict", b"mod.Err", NULL, 5),
                             ("invalid utf-8", b"mod.\xff", NULL, NULL), ("non-ASCII", "mod.\u00c9".encode(), NULL, NULL),
                             ("base not a type", b"mod.Err", 5, NULL)]:
    case("HPyErr_NewException", label, call("HPyErr_NewException", name, base, d, post=describe_type))
for label, doc in [("doc", b"A doc."), ("doc NULL", NULL), ("invalid utf-8 doc", b"\xff")]:
    case("HPyErr_NewExceptionWithDoc", label,
         call("HPyErr_NewExceptionWithDoc", b"mod.Err", doc, NULL, NULL,
              post=lambda t: f"{describe_type(t)} doc={t.__doc__!r}"))
case("HPyErr_NewExceptionWithDoc", "no dot", call("HPyErr_NewExceptionWithDoc", b"NoDot", b"d", NULL, NULL))


def warn_case(label, action, category, message, level):
    @script("HPyErr_WarnEx", label)
    def _():
        steps = [call("HPyErr_WarnEx", category, message, level)]
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter(action)
            result = execute(*steps)
        text, msg = outcome_of(steps, result)
        shown = [f"{w.category.__name__}({w.message})" for w in seen]
        return f"{text}; warned {shown}", msg


warn_case("UserWarning", "always", UserWarning, b"careful", 1)
warn_case("filter error", "error", UserWarning, b"careful", 1)
warn_case("category NULL", "always", NULL, b"careful", 1)
warn_case("category ValueError", "always", ValueError, b"careful", 1)
warn_case("invalid utf-8", "always", UserWarning, b"\xff", 1)
warn_case("stack level 0", "always", UserWarning, b"careful", 0)
warn_case("stack level -1", "always", UserWarning, b"careful", -1)
warn_case("stack level huge", "always", UserWarning, b"careful", 2**62)


def unraisable_case(label, *steps):
    @script("HPyErr_WriteUnraisable", label)
    def _():
        seen = []
        previous = sys.unraisablehook
        sys.unraisablehook = lambda u: seen.append(f"{u.exc_type.__name__} about {normalize(repr(u.object))}")
        try:
            result = execute(*steps)
        finally:
            sys.unraisablehook = previous
        text, msg = outcome_of(steps, result)
        return f"{text}; hook saw {seen}", msg


unraisable_case("after SetString", call("HPyErr_SetString", ValueError, b"x"),
                call("HPyErr_WriteUnraisable", Plain()))
unraisable_case("nothing set", call("HPyErr_WriteUnraisable", Plain()))
unraisable_case("object NULL", call("HPyErr_SetString", ValueError, b"x"), call("HPyErr_WriteUnraisable", NULL))
case("HPyErr_SetString", "then another", call("HPyErr_SetString", ValueError, b"first"),
     call("HPyErr_SetString", KeyError, b"second"))
case("HPyErr_SetObject", "then Occurred", call("HPyErr_SetObject", KeyError, "k"), call("HPyErr_Occurred"))
