#!/usr/bin/env bash
# Soak test: the ingest and catch-up example jobs, exactly-once, on the local stack (3 etcd members,
# the S3 server, 2 TaskManagers) under random faults for MINUTES; then checks every record,
# `floe verify` and the WAL backlog. Prints a summary and, as its last line, one JSON object; exits 1
# when a check fails. Not part of the test suite (scripts/test.sh).
# Usage: scripts/soak.sh MINUTES [--seed N] [--rate ORDERS_PER_S] [--backlog-limit SIZE] [--keep-stack]
#   The seed (also FLOE_SOAK_SEED) is logged; the same seed draws the same faults.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ $# -ge 1 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

source scripts/lib.sh
# The job jar (phase package) and the examples' test classes, which hold the soak driver.
floe_mvn -DskipTests -Dspotless.check.skip=true -pl examples -am package >&2
jobs_jar=$(ls "$PWD"/examples/target/floe-examples-*-jobs.jar | head -1)
classpath=$(classpath_of examples test)
# Resolved once, rather than by each restart of a TaskManager.
FLOE_STACK_FLINK_CLASSPATH=${FLOE_STACK_FLINK_CLASSPATH:-$(flink_classpath)}
export FLOE_STACK_FLINK_CLASSPATH
exec java -Xmx1g -Djava.util.logging.config.file=scripts/jul-warnings.properties \
  -cp "$classpath" dev.floe.examples.soak.Soak --jobs-jar "$jobs_jar" "$@"
