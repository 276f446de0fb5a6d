#!/usr/bin/env bash
# The project's test command: installs what the tests need, then builds the reactor and runs every test.
# As root (CI, a DTN) the POSIX multi-user tests create real local users and run under their credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-test-deps.sh
exec mvn -B -ntp verify "$@"
