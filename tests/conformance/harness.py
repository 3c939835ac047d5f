"""The case model of the conformance map.

A case runs one or more *steps* through ``conformance.run`` in one call from
Python (see ``tests/extensions/conformance/src/run.rs``): a step is a context
function called raw by its public name, a handle constant (``h_None``) or a
scenario (``@type_from_spec``). Its *outcome* is a short text that must be
the same on every runtime that behaves alike: the values the shown steps
returned (and their out-values), the exception left pending at the end, and,
in debug mode, the handles left open. The exception's message is kept apart:
it is reported, not compared.

Arguments: ``NULL`` is a null handle, pointer or zero; ``ref(i)`` is what
step ``i`` of the same case returned (``ref(i, k)``: its out-value ``k``);
``moved(i)`` hands a handle over to the callee (``HPy_Close``,
``HPyTracker_Add``), so the case does not close it. Any other Python value
is read by the parameter's C type: an object for ``HPy``, bytes for
``const char *``, an int for integers and addresses, a sequence for
``HPy *`` (or an int n: n out-slots), and so on.
"""

import re

CASES = []

#: A null handle, pointer or zero.
class _Null:
    def __repr__(self):
        return "NULL"


NULL = _Null()


class Ref:
    def __init__(self, step, out=-1, moved=False):
        self.step, self.out, self.moved = step, out, moved


def ref(step, out=-1):
    return Ref(step, out)


def moved(step, out=-1):
    return Ref(step, out, moved=True)


class Step:
    """One raw call; ``show`` makes it part of the outcome (by default the
    last step of a case is), ``post`` maps its value before it is shown.
    ``garbage_outs``: some runtime writes its out-values from uninitialized
    memory here, so what they hold changes from build to build (seen when
    only the compiler's settings changed); they are shown as ``unspecified``
    and never compared."""

    def __init__(self, name, *args, errno=None, show=None, post=None, raw=False, garbage_outs=False):
        self.name, self.args, self.errno = name, args, errno
        self.show, self.post, self.raw = show, post, raw
        self.garbage_outs = garbage_outs

    def encode(self):
        def arg(a):
            if a is NULL:
                return ("n", None)
            if isinstance(a, Ref):
                return ("m" if a.moved else "r", (a.step, a.out))
            return ("v", a)

        return (self.name, [arg(a) for a in self.args], self.errno)


def call(name, *args, **options):
    return Step(name, *args, **options)


class HarnessError(Exception):
    """The case asked the extension for something it cannot do."""


class RaisedOnReturn(Exception):
    """``conformance.run`` completed, yet the runtime raised (a SystemError)
    as the call returned to Python: an answer of the runtime, not a harness
    error. The runtime's exception is ``__cause__``."""


class Result:
    """What ``conformance.run`` reported: per step ``((kind, value), outs)``,
    and the exception pending at the end (or ``None``)."""

    def __init__(self, steps, exc):
        self.steps, self.exc = steps, exc

    def value(self, i=-1):
        return self.steps[i][0][1]

    def kind(self, i=-1):
        return self.steps[i][0][0]

    def outs(self, i=-1):
        return self.steps[i][1]


def execute(*steps):
    import conformance

    try:
        return Result(conformance.run([s.encode() for s in steps]), None)
    except BaseException as exc:  # a raw step may raise anything
        pending = conformance.take_pending()
        if pending is None and isinstance(exc, SystemError):
            # The extension never raises SystemError itself.
            raise RaisedOnReturn() from exc
        if pending is None:
            raise HarnessError(f"{type(exc).__name__}: {exc}") from exc
        return Result(pending, exc)


_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
_C_SOURCE = re.compile(r"\b[\w/]+\.c:\d+: ")


def normalize(text):
    """Removes what changes from run to run (addresses); escapes lone
    surrogates."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _C_SOURCE.sub("", _ADDRESS.sub("0x…", text))


def show_object(obj):
    try:
        text = normalize(repr(obj))
    except Exception as exc:  # a runtime can make objects whose repr fails
        return f"<repr() raised {type(exc).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


def show(kind, value, raw=False, post=None, exc=False):
    if post is not None and kind in ("handle", "int", "float", "bytes", "pointer") and not exc:
        try:
            return str(post(value))
        except Exception as error:  # a runtime can make objects that fail
            return f"<{type(error).__name__} looking at {show_object(value)}>"
    if kind == "handle":
        return show_object(value)
    if kind == "closed":
        return "<handle>"
    if kind == "unowned":
        return "<written>"
    if kind in ("null", "cnull"):
        return "NULL"
    if kind == "pointer":
        if raw:
            return hex(value)
        return "NULL" if value == 0 else "pointer"
    if kind == "bytes":
        return repr(value)
    if kind in ("int", "float"):
        return repr(value)
    return kind  # void, moved


def show_step(step, result, i):
    (kind, value), outs = result.steps[i]
    text = show(kind, value, step.raw, step.post, result.exc is not None)
    shown_outs = [show(k, v, step.raw) for k, v in outs if k != "same"]
    if step.garbage_outs and outs:
        shown_outs = ["unspecified"]
    if shown_outs:
        text += " [out: " + ", ".join(shown_outs) + "]"
    return text


def outcome_of(steps, result):
    """The compared text and the message of a result."""
    shown = [i for i, s in enumerate(steps) if s.show]
    if not shown:
        shown = [len(steps) - 1]
    text = "; ".join(show_step(steps[i], result, i) for i in shown)
    message = ""
    if result.exc is not None:
        text += f"; raises {type(result.exc).__name__}"
        try:
            message = normalize(str(result.exc))
        except Exception as exc:  # a runtime can make exceptions whose str fails
            message = f"<str() raised {type(exc).__name__}>"
    return text, message


class Case:
    def __init__(self, function, label, body, scripted):
        self.function, self.label, self.body, self.scripted = function, label, body, scripted
        self.id = f"{function}/{label}" if label else function


def case(function, label, *steps):
    """A case made of steps; its outcome shows the shown steps."""

    def body():
        return outcome_of(steps, execute(*steps))

    CASES.append(Case(function, label, body, scripted=False))


def script(function, label):
    """A case written as a function returning ``(outcome, message)``."""

    def register(body):
        CASES.append(Case(function, label, body, scripted=True))
        return body

    return register
