#!/usr/bin/env bash
# Prove GraalPy's HPy context layout against hpy 0.9.0.
#
#   tests/graalpy/probe.sh VERSION [JAVA_HOME]
#
# 1. compares GraalPy's shipped hpy/universal/autogen_ctx.h (from its
#    python-resources jar) with hpy 0.9.0's, member by member;
# 2. compiles probe/ctx_probe.c against the hpy 0.9.0 headers with
#    -DHPY_ABI_UNIVERSAL and runs it on GraalPy in universal, debug and trace
#    modes (ctx->name, abi_version, handle-or-function at IDs around 243/244,
#    and calls of the members with IDs 244-262).
# The hpy 0.9.0 headers come from the Python in $HPY_PYTHON (default: the
# CPython 3.11 venv that `cargo xtask test` makes), which needs hpy==0.9.0.
set -euo pipefail

version=${1:?usage: probe.sh VERSION [JAVA_HOME]}
java_home=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=$root/target/graalpy/$version
python=${HPY_PYTHON:-$root/target/hpy-venvs/cp311/bin/python}

graalpy=$("$here/fetch.sh" "$version" "$java_home")
include=$("$python" -c 'import hpy.devel, os; print(os.path.join(os.path.dirname(hpy.devel.__file__), "include"))')
echo "hpy 0.9.0 headers: $("$python" -c 'import hpy.universal as u; print(u.get_version())')"

shipped=$dest/shipped-headers
rm -rf "$shipped" && mkdir -p "$shipped"
(cd "$shipped" && unzip -q -o "$dest"/lib/python-resources-*.jar 'META-INF/resources/include/hpy/*' 2>/dev/null) || true
header=$shipped/META-INF/resources/include/hpy/universal/autogen_ctx.h
if [ -f "$header" ]; then
    echo "GraalPy ships: $(grep -h 'define HPY_VERSION\|define HPY_GIT_REVISION' "$shipped"/META-INF/resources/include/hpy/version.h | tr '\n' ' ')"
    python3 "$here/compare_ctx.py" "$include/hpy/universal/autogen_ctx.h" "$header" || true
else
    echo "GraalPy $version ships no hpy/universal/autogen_ctx.h"
fi

so=$dest/probe/ctx_probe.hpy0.so
mkdir -p "$(dirname "$so")"
cc -shared -fPIC -O1 -Wall -DHPY_ABI_UNIVERSAL -I"$include" "$here/probe/ctx_probe.c" -o "$so"
for mode in universal debug trace; do
    start=$SECONDS
    "$graalpy" "$here/probe/run_probe.py" "$so" "$mode" 2>&1 | grep -v '^\s*at ' || true
    echo "($mode: $((SECONDS - start)) s)"
done
