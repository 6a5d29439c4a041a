#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests against a real etcd and S3 server.
# Installs etcd (Debian package etcd-server) first when it is missing and this runs as root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${FLOE_ETCD_BIN:-}" ] && ! command -v etcd >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y etcd-server
  else
    echo "The integration tests need etcd: install it (Debian: sudo apt-get install -y etcd-server)" >&2
    echo "or set FLOE_ETCD_BIN to an etcd binary." >&2
    exit 1
  fi
fi

exec mvn -B verify "$@"
