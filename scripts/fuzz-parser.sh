#!/usr/bin/env bash
# Fuzzes HTTPRequestParser with libFuzzer for SECONDS (default 60), then prints the final stats.
#
# Usage: scripts/fuzz-parser.sh [SECONDS]
#
# Compiles Sources/HTTPServer/Message and Sources/HTTPServer/Parsing with Fuzz/HTTPParserFuzz/main.swift straight
# through swiftc (no SwiftPM, so normal builds are untouched) into .build-fuzz/. New corpus entries go to
# Fuzz/corpus/, crashing inputs to Fuzz/artifacts/ (both git-ignored); Fuzz/seeds/ is the committed seed corpus.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-fuzz"
binary="$out/http-parser-fuzz"
mkdir -p "$out" "$root/Fuzz/corpus" "$root/Fuzz/artifacts"

swiftc -parse-as-library -sanitize=fuzzer,address -O -wmo \
    -package-name PeaceTalks -module-name HTTPParserFuzz \
    "$root"/Sources/HTTPServer/Message/*.swift \
    "$root"/Sources/HTTPServer/Parsing/*.swift \
    "$root"/Fuzz/HTTPParserFuzz/main.swift \
    -o "$binary" >"$out/compile.log" 2>&1 || { cat "$out/compile.log" >&2; exit 1; }

log="$out/last-run.log"
status=0
"$binary" "$root/Fuzz/corpus" "$root/Fuzz/seeds" \
    -max_total_time="$seconds" -max_len=20000 -timeout=10 -dict="$root/Fuzz/http.dict" \
    -artifact_prefix="$root/Fuzz/artifacts/" -print_final_stats=1 >"$log" 2>&1 || status=$?

# The last progress line (executions, coverage, corpus, exec/s) and libFuzzer's summary.
grep -E '^#[0-9]+' "$log" | tail -n 1
grep -E '^Done [0-9]+ runs|^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" || true
if [ "$status" -ne 0 ]; then
    echo "libFuzzer failed (exit $status); see $log and Fuzz/artifacts/" >&2
    grep -E 'ERROR|Fatal error|precondition|SUMMARY' "$log" | head -n 20 >&2 || true
fi
exit "$status"
