#!/usr/bin/env bash
# Builds the peacetalks executable: `scripts/build.sh release` (what the Dockerfile and the test command run)
# or `scripts/build.sh debug`. Prints the binary's path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-release}"
flags=()
[ "$configuration" = release ] && flags+=(--static-swift-stdlib)
swift build -c "$configuration" --product peacetalks "${flags[@]}" >&2
echo "$(swift build -c "$configuration" --show-bin-path)/peacetalks"
