#!/usr/bin/env bash
# Writes generated orders into a Floe stream with FloeSink and reads them back with FloeSource, in a
# local Flink environment; on embedded defaults (a local directory, no services) unless flags,
# FLOE_* variables or the local stack's endpoints file name MinIO/S3 and etcd (docs/examples.md).
# Builds the examples module first when a source or pom changed since the last build.
# Logs go to target/quickstart.log. Usage: scripts/quickstart.sh [--orders N] [--help] ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
classpath=$(cached_classpath examples runtime+provided examples/target/quickstart.classpath)
exec java -Xmx1g \
  -Dlog4j.configurationFile=scripts/quickstart-log4j2.properties \
  -Dfloe.log.file=target/quickstart.log -Dfloe.home="$PWD" \
  -cp "$classpath" dev.floe.examples.quickstart.Quickstart "$@"
