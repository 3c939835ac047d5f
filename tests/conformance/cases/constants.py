"""Every handle constant of the context, read and compared with the object
it stands for."""

import builtins

from harness import call, case, show_object

TYPES = {
    "BaseObjectType": object, "TypeType": type, "BoolType": bool, "LongType": int, "FloatType": float,
    "UnicodeType": str, "TupleType": tuple, "ListType": list, "ComplexType": complex, "BytesType": bytes,
    "MemoryViewType": memoryview, "SliceType": slice,
}


def expected(name):
    if name in TYPES:
        return TYPES[name]
    if name == "Builtins":
        return builtins.__dict__
    return getattr(builtins, name)


def check(field):
    name = field[2:]

    def post(obj):
        if name == "CapsuleType":
            return "expected" if isinstance(obj, type) and obj.__name__ == "PyCapsule" else show_object(obj)
        if name == "Builtins" and obj is builtins:
            return "the builtins module (not its dict)"
        return "expected" if obj is expected(name) else show_object(obj)

    return post


def _register():
    from .table import members

    for field in members()[1]:
        case(field, "", call(field, post=check(field)))


_register()
case("(context)", "null function slots", call("@null_slots"))
