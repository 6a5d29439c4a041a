#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests against a real etcd and S3 server.
# Installs what the integration tests run and is missing (Debian packages etcd-server and curl)
# first, when this runs as root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
if [ -z "${FLOE_ETCD_BIN:-}" ] && ! command -v etcd >/dev/null 2>&1; then
  missing+=(etcd-server)
fi
# The local-stack script (and its test) talks to etcd, S3 and Flink with curl.
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y "${missing[@]}"
  else
    echo "The integration tests need ${missing[*]}: install them (Debian: sudo apt-get install -y ${missing[*]})" >&2
    echo "(or, for etcd, set FLOE_ETCD_BIN to an etcd binary)." >&2
    exit 1
  fi
fi

exec mvn -B verify "$@"
