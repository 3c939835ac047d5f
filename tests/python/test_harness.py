"""The harness itself: debug mode really reports a leaked handle."""

import pytest

import harness
from conftest import MODE


def test_debug_mode_reports_a_leaked_handle():
    if MODE != "debug":
        harness.leak_one()  # nothing checks handles outside debug mode
        pytest.skip("leak detection needs debug mode")
    from hpy.debug import HPyLeakError, LeakDetector

    with pytest.raises(HPyLeakError, match="1 unclosed handle") as info:
        with LeakDetector():
            harness.leak_one()
    [leaked] = info.value.leaks
    assert leaked.obj == "leaked on purpose"
    leaked._force_close()  # so that the test's own detector sees no leak
