"""The user guide's Python sessions are true: every ```pycon block of
guide/src is run with doctest against the installed extensions, on every
interpreter and in every mode (in debug mode inside the LeakDetector of
conftest.py).

getting-started.md's session uses the module `cargo hpy new` writes, which
is not installed here: cargo-hpy/tests/guide.rs runs it. On PyPy, whose
argument errors are worded its own way, an exception is compared by its
type only.
"""

import doctest
import pathlib
import re

import pytest

from conftest import PYPY

GUIDE = pathlib.Path(__file__).resolve().parents[2] / "guide" / "src"
CHECKED_ELSEWHERE = {"getting-started.md"}
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.MULTILINE | re.DOTALL)


def sessions():
    found = []
    for chapter in sorted(GUIDE.glob("*.md")):
        if chapter.name in CHECKED_ELSEWHERE:
            continue
        text = chapter.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(pytest.param(chapter.name, line, match.group(1), id=f"{chapter.name}:{line}"))
    return found


SESSIONS = sessions()


@pytest.mark.no_hpy_calls
def test_the_guide_has_sessions():
    chapters = {param.values[0] for param in SESSIONS}
    assert len(chapters) >= 5, f"sessions found only in {sorted(chapters)}"


@pytest.mark.parametrize("chapter, line, source", SESSIONS)
def test_session(chapter, line, source):
    flags = doctest.ELLIPSIS | (doctest.IGNORE_EXCEPTION_DETAIL if PYPY else 0)
    test = doctest.DocTestParser().get_doctest(source, {}, f"{chapter}:{line}", str(GUIDE / chapter), line)
    assert test.examples, "a session without examples"
    report = []
    runner = doctest.DocTestRunner(optionflags=flags, verbose=False)
    failed, attempted = runner.run(test, out=report.append, clear_globs=True)
    assert attempted == len(test.examples)
    assert failed == 0, "".join(report)
