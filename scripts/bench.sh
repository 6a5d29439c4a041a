#!/usr/bin/env bash
# Runs one benchmark: builds what it needs, prints a summary and, as its last line, one JSON object.
# Usage: scripts/bench.sh NAME [ARGS...]   NAME: wal-append | wal-tail | tail-readers | upload | parquet-encode | sink | partitions | tail-latency | source-catchup | sql
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name=${1:-}
case "$name" in
  wal-append) module=wal-engine; main=dev.floe.wal.bench.WalAppendBench ;;
  wal-tail) module=wal-engine; main=dev.floe.wal.bench.WalTailBench ;;
  tail-readers) module=wal-engine; main=dev.floe.wal.bench.TailReadersBench ;;
  upload) module=wal-engine; main=dev.floe.wal.bench.UploadBench ;;
  parquet-encode) module=wal-engine; main=dev.floe.wal.bench.ParquetEncodeBench ;;
  sink) module=connector-sink; main=dev.floe.flink.sink.bench.SinkBench ;;
  partitions) module=connector-sink; main=dev.floe.flink.sink.bench.PartitionsBench ;;
  tail-latency) module=connector-source; main=dev.floe.flink.source.bench.TailLatencyBench ;;
  source-catchup) module=connector-source; main=dev.floe.flink.source.bench.SourceCatchupBench ;;
  sql) module=connector-sql; main=dev.floe.flink.table.bench.SqlBench ;;
  *) echo "usage: scripts/bench.sh NAME [ARGS...]; NAME is one of: wal-append wal-tail tail-readers upload parquet-encode sink partitions tail-latency source-catchup sql" >&2; exit 2 ;;
esac
shift

source scripts/lib.sh
classpath=$(classpath_of "$module" test)
exec java -Xms2g -Xmx4g -XX:+UseParallelGC -Djava.util.logging.config.file=scripts/jul-warnings.properties \
  -cp "$classpath" "$main" "$@"
