#!/usr/bin/env bash
# Long form of the crash test: scripts/crash-test.sh [CYCLES] (default 20) builds peacetalks (debug) and runs
# scripts/crash-test.py, which kills the server with SIGKILL at random moments under concurrent writes and checks
# that every acknowledged write survives each restart. The test suite runs a short form (peacetalksTests).
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-20}
scratch=${SCRATCH_PATH:-.build}
swift build --scratch-path "$scratch" --product peacetalks >&2
exec python3 scripts/crash-test.py "$scratch/debug/peacetalks" seeds "$cycles"
