"""Python values the cases pass: objects with only some protocols, objects
whose protocols raise, subclasses of builtins, and integer edges."""

I32 = (-(2**31), 2**31 - 1)
U32 = 2**32 - 1
I64 = (-(2**63), 2**63 - 1)
U64 = 2**64 - 1
SSIZE = I64
BIG = 2**100


class Index:
    """Only ``__index__``."""

    def __index__(self):
        return 7

    def __repr__(self):
        return "Index()"


class FloatOnly:
    """Only ``__float__``."""

    def __float__(self):
        return 2.5

    def __repr__(self):
        return "FloatOnly()"


class IntOnly:
    """Only ``__int__``."""

    def __int__(self):
        return 5

    def __repr__(self):
        return "IntOnly()"


class Raising:
    """Every protocol raises ``ValueError``."""

    def _boom(self, *args):
        raise ValueError("boom")

    __repr__ = __str__ = __bool__ = __len__ = __index__ = __float__ = __hash__ = _boom
    __getitem__ = __setitem__ = __delitem__ = __contains__ = __call__ = _boom

    def __getattr__(self, name):
        raise ValueError("boom")


class Namespace:
    """Attributes can be set; ``x`` is 1; ``prop`` raises."""

    x = 1

    @property
    def prop(self):
        raise ValueError("boom")

    def __repr__(self):
        return "Namespace()"


class MatMul:
    def __matmul__(self, other):
        return "matmul"

    def __imatmul__(self, other):
        return "imatmul"

    def __repr__(self):
        return "MatMul()"


class IntSub(int):
    pass


class StrSub(str):
    pass


class BytesSub(bytes):
    pass


class ListSub(list):
    pass


class DictSub(dict):
    pass


class Plain:
    """A class with no special method."""

    def __repr__(self):
        return "Plain()"


def echo(*args, **kwargs):
    """A callable that shows how it was called."""
    return (args, kwargs)


def fails(*args, **kwargs):
    raise KeyError("from the callee")


def type_name(obj):
    return type(obj).__name__


def describe_type(t):
    """A type's module, name and bases."""
    module = getattr(t, "__module__", "<no __module__>")
    return f"{module}.{t.__qualname__}({', '.join(b.__name__ for b in t.__bases__)})"
