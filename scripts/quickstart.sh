#!/usr/bin/env bash
# Runs Floe's main demo on embedded defaults: local disk only, no external services.
# Usage: scripts/quickstart.sh [DIRECTORY] [WRITER_SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
classpath=$(classpath_of examples)
exec java -cp "$classpath" dev.floe.examples.WalDemo "$@"
