#!/usr/bin/env bash
# Fetch one GraalPy release from Maven Central and write a launcher for it.
#
#   tests/graalpy/fetch.sh VERSION [JAVA_HOME]
#
# Puts the jars in target/graalpy/VERSION/lib and the launcher in
# target/graalpy/VERSION/bin/graalpy; prints the launcher's path. GraalPy
# unpacks its Python home on first start into target/graalpy/VERSION/home
# (the JVM's user.home), so nothing is written outside target/.
# JAVA_HOME defaults to the java on PATH; 24.x and 25.x need Java 21+.
set -euo pipefail

version=${1:?usage: fetch.sh VERSION [JAVA_HOME]}
java_home=${2:-${JAVA_HOME:-}}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=$root/target/graalpy/$version

llvm=false
case $version in 23.*|24.*) llvm=true ;; esac

if [ ! -f "$dest/lib/.complete" ]; then
    rm -rf "$dest/lib"
    mkdir -p "$dest/lib"
    mvn -q -B -f "$here/pom.xml" \
        -Dgraalpy.version="$version" -Dgraalpy.llvm="$llvm" \
        dependency:copy-dependencies -DincludeTypes=jar \
        -DoutputDirectory="$dest/lib" >&2
    touch "$dest/lib/.complete"
fi

if [ -n "$java_home" ]; then java=$java_home/bin/java; else java=$(command -v java); fi
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

jvm_opts=(-Dpolyglot.engine.WarnInterpreterOnly=false)
if [ "${feature%%.*}" -ge 21 ]; then
    jvm_opts+=(--enable-native-access=ALL-UNNAMED)
fi
if [ "${feature%%.*}" -ge 24 ]; then
    jvm_opts+=(--sun-misc-unsafe-memory-access=allow)
fi

mkdir -p "$dest/bin"
{
    echo '#!/usr/bin/env bash'
    echo "# GraalPy $version on Java $feature, written by tests/graalpy/fetch.sh"
    echo 'here=$(cd "$(dirname "$0")/.." && pwd)'
    echo 'cp=$(printf "%s:" "$here"/lib/*.jar)'
    printf 'exec %q -Duser.home="$here/home"' "$java"
    printf ' %q' "${jvm_opts[@]}"
    echo ' -cp "$cp" com.oracle.graal.python.shell.GraalPythonMain "$@"'
} > "$dest/bin/graalpy"
chmod +x "$dest/bin/graalpy"
echo "$dest/bin/graalpy"
