"""The same array in pure Python: a class around a list of floats, as a
Python programmer would write it, for the pure-Python rows of the
benchmark (and the reference the extension's results are checked
against)."""


class array:
    """A one-dimensional array of floats, kept in a list."""

    __slots__ = ("_items",)

    def __init__(self, data):
        self._items = [float(x) for x in data]

    @property
    def size(self):
        return len(self._items)

    def tolist(self):
        return list(self._items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def __setitem__(self, index, value):
        self._items[index] = float(value)

    def __add__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        if len(other._items) != len(self._items):
            raise ValueError("operands could not be broadcast together")
        return _wrap([a + b for a, b in zip(self._items, other._items)])

    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return _wrap([x * k for x in self._items])

    def __rmul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return _wrap([k * x for x in self._items])

    def __truediv__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return _wrap([x / k for x in self._items])


def _wrap(items):
    """An array around `items`, a new list of floats (no copy)."""
    new = object.__new__(array)
    new._items = items
    return new


def empty(size):
    return zeros(size)


def zeros(size):
    if size < 0:
        raise ValueError("negative dimensions are not allowed")
    return _wrap([0.0] * size)
