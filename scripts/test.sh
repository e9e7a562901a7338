#!/usr/bin/env bash
# Runs every test of the project, as CI does: installs what a fresh machine lacks, lints the Dockerfile,
# validates the OpenAPI document, builds the release binary the Dockerfile builds, drives it end to end
# with curl, then runs the Swift test suites (unit, parser, integration over real sockets).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh test

echo "== hadolint Dockerfile"
hadolint Dockerfile

echo "== seed data"
python3 seeds/check_seeds.py

echo "== OpenAPI document"
python3 scripts/openapi/validate.py

echo "== release build (as in the Dockerfile)"
binary=$(scripts/build.sh release | tail -n 1)

echo "== end-to-end with curl"
scripts/e2e-curl.sh "$binary"

echo "== swift test"
swift test
