#!/usr/bin/env bash
# Run tests/python on one GraalPy release, one test file per process.
#
#   tests/graalpy/run_tests.sh VERSION [JAVA_HOME] [MODE...]
#
# Needs the wheels of `cargo xtask test` in target/hpy-test-wheels. Fetches
# GraalPy (fetch.sh), installs pip (ensurepip) and pytest into GraalPy's own
# home under target/graalpy/VERSION/home, installs the wheels with
# --no-deps (GraalPy provides hpy itself; SKIP_INSTALL=1 skips this step),
# then runs every
# tests/python/test_*.py in each MODE (default: universal debug trace) and
# writes target/graalpy/VERSION/results.tsv and one log per run.
# With GROUPED=1, each mode runs all files in one process instead (one
# start-up per mode) and writes per-file results from pytest's JUnit XML to
# target/graalpy/VERSION/results-grouped.tsv.
set -uo pipefail

version=${1:?usage: run_tests.sh VERSION [JAVA_HOME] [MODE...]}
java_home=${2:-}
shift $(( $# < 2 ? $# : 2 ))
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(universal debug trace)

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=$root/target/graalpy/$version
wheels=$root/target/hpy-test-wheels
logs=$dest/logs
mkdir -p "$logs" "$dest/empty-index" "$dest/cwd"

graalpy=$("$here/fetch.sh" "$version" "$java_home") || exit 1

# GraalPy's pip looks for patches and wheels on hosts of its own by default;
# use its bundled patches and an empty local folder as the extra index.
export PIP_GRAALPY_PATCHES_URL=
export PIP_EXTRA_INDEX_URL=file://$dest/empty-index
export PIP_DISABLE_PIP_VERSION_CHECK=1

timed() { # label command...: runs it, prints "label: N s"
    local label=$1 start=$SECONDS
    shift
    "$@"
    local rc=$?
    echo "$label: $((SECONDS - start)) s (exit $rc)" >&2
    return $rc
}

if ! "$graalpy" -c 'import pip' 2>/dev/null; then
    timed "ensurepip" "$graalpy" -m ensurepip > "$logs/ensurepip.log" 2>&1 || exit 1
fi
if ! "$graalpy" -c 'import pytest' 2>/dev/null; then
    timed "pip install pytest" "$graalpy" -m pip install --no-warn-script-location pytest \
        > "$logs/pip-pytest.log" 2>&1 || exit 1
fi
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    timed "pip install wheels" "$graalpy" -m pip install --no-deps --no-index --force-reinstall \
        "$wheels"/*.whl > "$logs/pip-wheels.log" 2>&1 || exit 1
fi

if [ "${GROUPED:-0}" = 1 ]; then
    results=$dest/results-grouped.tsv
    [ -f "$results" ] || printf 'mode\tfile\tresult\tpassed\tfailed\tskipped\tfirst failure\n' > "$results"
    for mode in "${modes[@]}"; do
        log=$logs/$mode-grouped.log
        xml=$logs/$mode-grouped.xml
        start=$SECONDS
        (cd "$dest/cwd" && HPY=$mode timeout 3600 "$graalpy" -m pytest -q -p no:cacheprovider -rfE \
            -o console_output_style=classic --junitxml="$xml" "$root/tests/python") > "$log" 2>&1
        rc=$?
        echo "$mode grouped: exit $rc, $((SECONDS - start)) s, $(grep -E '[0-9]+ (passed|failed)' "$log" | tail -n 1)" >&2
        if [ -f "$xml" ]; then
            python3 "$here/junit_summary.py" "$xml" "$mode" | tee -a "$results"
        else
            printf '%s\t(all)\tcrash\t\t\t\texit %s: %s\n' "$mode" "$rc" "$(tail -n 1 "$log")" | tee -a "$results"
        fi
    done
    exit 0
fi

results=$dest/results.tsv
[ -f "$results" ] || printf 'mode\tfile\tresult\texit\tseconds\tsummary\tfirst error\n' > "$results"
for mode in "${modes[@]}"; do
    for file in "$root"/tests/python/test_*.py; do
        name=$(basename "$file" .py)
        log=$logs/$mode-$name.log
        start=$SECONDS
        (cd "$dest/cwd" && HPY=$mode timeout 1200 "$graalpy" -m pytest -q -p no:cacheprovider -rfE \
            -o console_output_style=classic "$file") > "$log" 2>&1
        rc=$?
        case $rc in
            0) result=pass ;;
            1) result=fail ;;
            124) result=timeout ;;
            2|3|4|5) result=error ;;
            *) result=crash ;;
        esac
        summary=$(grep -E '^[0-9]+ (passed|failed)|^=* ?[0-9]+ (passed|failed|error)|no tests ran' "$log" | tail -n 1)
        first=$(grep -m1 -E '^(FAILED|ERROR) ' "$log")
        [ -n "$first" ] || [ "$result" = pass ] || first=$(grep -v '^\s*at ' "$log" | grep -m1 -E 'Error|error|Fatal|SIG|fault' )
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$name" "$result" "$rc" "$((SECONDS - start))" \
            "$summary" "${first:0:300}" | tee -a "$results"
    done
done
