#!/usr/bin/env bash
# Runs the server with the seed data on a fresh Debian machine with Swift: installs what is missing,
# builds in release mode, then starts `peacetalks serve` (extra arguments are passed on, e.g. --port 0).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
binary=$(scripts/build.sh release | tail -n 1)
exec "$binary" serve "$@"
