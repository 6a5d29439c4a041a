#!/usr/bin/env bash
# Runs one benchmark: builds what it needs, prints a summary and, as its last line, one JSON object.
# Usage: scripts/bench.sh NAME [ARGS...]   NAME: wal-append | wal-tail
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name=${1:-}
case "$name" in
  wal-append) module=wal-engine; main=dev.floe.wal.bench.WalAppendBench ;;
  wal-tail) module=wal-engine; main=dev.floe.wal.bench.WalTailBench ;;
  *) echo "usage: scripts/bench.sh NAME [ARGS...]; NAME is one of: wal-append wal-tail" >&2; exit 2 ;;
esac
shift

mvn -B -q -Dstyle.color=never -pl "$module" -am test-compile >&2
mvn -B -q -Dstyle.color=never -pl "$module" dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
classpath=$(cat "$module/target/bench.classpath")
exec java -Xms2g -Xmx4g -XX:+UseParallelGC \
  -cp "$module/target/classes:$module/target/test-classes:$classpath" "$main" "$@"
