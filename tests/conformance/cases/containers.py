"""Lists, dicts, tuples, slices, the list and tuple builders and the
tracker."""

from harness import NULL, call, case, moved, ref

from .values import SSIZE, DictSub


def length(obj):
    # A new list's items are NULL: only its length can be looked at.
    return f"{type(obj).__name__} of {len(obj)}"


for label, n in [("0", 0), ("3", 3), ("-1", -1), ("huge", 2**60)]:
    case("HPyList_New", label, call("HPyList_New", n, post=length))
for label, lst, item in [("[1] 2", [1], 2), ("tuple", (), 1), ("NULL item", [1], NULL)]:
    case("HPyList_Append", label, call("HPyList_Append", lst, item))
case("HPyList_Append", "then read", call("HPyList_New", 0), call("HPyList_Append", ref(0), "x"),
     call("HPy_GetItem_i", ref(0), 0))
case("HPyDict_New", "", call("HPyDict_New"))
for label, d in [("{'a':1,'b':2}", {"a": 1, "b": 2}), ("{}", {}), ("DictSub", DictSub(x=1)), ("[1]", [1])]:
    case("HPyDict_Keys", label, call("HPyDict_Keys", d))
    case("HPyDict_Copy", label, call("HPyDict_Copy", d))
for label, items, n in [("(1,2)", (1, 2), 2), ("NULL 0", NULL, 0), ("1 of 2", (1, 2), 1), ("() 0", (), 0),
                        ("-1", (1,), -1)]:
    case("HPyTuple_FromArray", label, call("HPyTuple_FromArray", items, n))

for label, s in [("1:10:2", slice(1, 10, 2)), ("::", slice(None)), ("::-1", slice(None, None, -1)),
                 ("step 0", slice(0, 10, 0)), ("huge", slice(2**100, -(2**100))), ("'a'", slice("a")),
                 ("Index()", slice(None, __import__("operator").index(7)))]:
    case("HPySlice_Unpack", label, call("HPySlice_Unpack", s, 0, 0, 0))

# The builders, used as a C extension uses them: new, set every item, build.
for kind in ["List", "Tuple"]:
    new, set_, build, cancel = (f"HPy{kind}Builder_{op}" for op in ["New", "Set", "Build", "Cancel"])
    filled = [call(new, 2), call(set_, ref(0), 0, "a"), call(set_, ref(0), 1, "b"), call(build, ref(0))]
    case(new, "2 items", *filled[:-1], call(build, ref(0)))
    case(set_, "2 items", *filled)
    case(build, "2 items", *filled)
    case(build, "0 items", call(new, 0), call(build, ref(0)))
    case(new, "-1", call(new, -1), call(build, ref(0)))
    case(new, "huge", call(new, 2**60), call(build, ref(0)))
    case(cancel, "2 items", call(new, 2), call(set_, ref(0), 0, "a"), call(cancel, ref(0)))
    case(cancel, "0 items", call(new, 0), call(cancel, ref(0)))
    case(set_, "same item twice", call(new, 1), call(set_, ref(0), 0, "a"), call(set_, ref(0), 0, "b"),
         call(build, ref(0)))

# The tracker closes what it holds, unless told to forget it.
case("HPyTracker_New", "0", call("HPyTracker_New", 0), call("HPyTracker_Close", ref(0)))
case("HPyTracker_New", "-1", call("HPyTracker_New", -1), call("HPyTracker_Close", ref(0)))
case("HPyTracker_Add", "two handles", call("HPyTracker_New", 1), call("HPy_Dup", "a"), call("HPy_Dup", "b"),
     call("HPyTracker_Add", ref(0), moved(1), show=True), call("HPyTracker_Add", ref(0), moved(2), show=True),
     call("HPyTracker_Close", ref(0)))
case("HPyTracker_Add", "NULL", call("HPyTracker_New", 0), call("HPyTracker_Add", ref(0), NULL, show=True),
     call("HPyTracker_Close", ref(0)))
case("HPyTracker_ForgetAll", "then Close", call("HPyTracker_New", 0), call("HPy_Dup", "a"),
     call("HPyTracker_Add", ref(0), ref(1)), call("HPyTracker_ForgetAll", ref(0)), call("HPyTracker_Close", ref(0)),
     call("HPy_Repr", ref(1)))
case("HPyTracker_Close", "many", call("HPyTracker_New", 0),
     *[s for i in range(20) for s in (call("HPyLong_FromInt32_t", i), call("HPyTracker_Add", ref(0), moved(1 + 2 * i)))],
     call("HPyTracker_Close", ref(0)))
case("HPyTracker_New", "huge", call("HPyTracker_New", SSIZE[1]), call("HPyTracker_Close", ref(0)))
