#!/usr/bin/env bash
# Writes generated orders into a Floe stream with FloeSink and reads them back with FloeSource, in a
# local Flink environment; on embedded defaults (a local directory, no services) unless
# FLOE_S3_ENDPOINT/FLOE_S3_BUCKET/FLOE_ETCD_ENDPOINTS (or the matching flags) name MinIO/S3 and etcd.
# Logs go to target/quickstart.log. Usage: scripts/quickstart.sh [--orders N] [--help] ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
echo "Building Floe (first run: Maven downloads dependencies)..." >&2
classpath="$(classpath_of examples runtime+provided)"
exec java -Xmx1g \
  -Dlog4j.configurationFile=scripts/quickstart-log4j2.properties \
  -Dfloe.log.file=target/quickstart.log \
  -cp "$classpath" dev.floe.examples.quickstart.Quickstart "$@"
