#!/usr/bin/env bash
# Durability benchmark (see README.md): PeaceTalks' journaled writes through HTTP vs SQLite (WAL,
# synchronous=FULL) on the same disk, at 1 and 32 writers; then start-up time and memory with 100,000 articles.
# Environment: OUT (work directory on the disk to measure; default ./.bench-durability), SECONDS_PER_RUN (8),
# ARTICLES (100000), BINARY (a peacetalks executable to measure instead of building one, e.g. to compare two
# builds on a shared machine). Run it under `nice -n 10` on a shared machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$root/.bench-durability}
seconds=${SECONDS_PER_RUN:-8}
articles=${ARTICLES:-100000}
key=bench-key-0123456789abcdef
rm -rf "$out" && mkdir -p "$out"

binary=${BINARY:-$root/.build-durability/release/peacetalks}
if [[ -z "${BINARY:-}" ]]; then
    echo "building peacetalks (release)…" >&2
    (cd "$root" && swift build -c release --scratch-path .build-durability --product peacetalks >&2)
fi
mkdir -p "$out/seeds" && for kind in participants talks articles statements; do echo '[]' > "$out/seeds/$kind.json"; done

server_pid=""
stop_server() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap stop_server EXIT

# Starts the server on DATA_DIR; sets server_pid, port and ready_seconds (until /ready answered 200).
start_server() {
    local data=$1 began
    rm -f "$out/server.out" "$out/server.err" # the new server's output only (the redirection is made after the fork)
    began=$(date +%s.%N)
    PEACETALKS_API_KEYS=$key "$binary" serve --port 0 --data-dir "$data" --seeds-dir "$out/seeds" \
        --log-level warning > "$out/server.out" 2> "$out/server.err" &
    server_pid=$!
    # Wait for the whole line: a port read while the server is still writing it may be cut short (or empty).
    until grep -q "listening on .*[0-9]$" "$out/server.out" 2>/dev/null && [[ -z "$(tail -c 1 "$out/server.out")" ]]; do
        kill -0 "$server_pid" 2>/dev/null || { echo "the server exited; see $out/server.err" >&2; exit 1; }
        sleep 0.005
    done
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/server.out")
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready")" == 200 ]]; do sleep 0.005; done
    ready_seconds=$(echo "$(date +%s.%N) - $began" | bc)
}

declare -A result
for writers in 1 32; do
    echo "PeaceTalks, $writers writer(s)…" >&2
    start_server "$out/data-$writers"
    threads=$(( writers < 2 ? 1 : 2 ))
    result[pt$writers]=$(BENCH_KEY=$key BENCH_RUN="w$writers" wrk -t "$threads" -c "$writers" -d "${seconds}s" \
        -s "$here/post.lua" "http://127.0.0.1:$port" | tail -n 1)
    stop_server
    echo "SQLite, $writers writer(s)…" >&2
    result[sq$writers]=$(python3 "$here/sqlite_writes.py" "$out/sqlite-$writers.db" "$writers" "$seconds")
done

echo "generating $articles articles…" >&2
python3 "$here/articles.py" "$articles" "$out/articles.ndjson"
# One journal batch (an import past compact_after_bytes compacts at once; keep it from doing so here).
PEACETALKS_COMPACT_AFTER_BYTES=1099511627776 "$binary" import --data-dir "$out/data-load" "$out/articles.ndjson" 2> /dev/null
json_bytes=$(python3 -c 'import json,sys; print(sum(len(json.dumps(json.loads(l)["resource"], ensure_ascii=False, separators=(",", ":")).encode()) for l in open(sys.argv[1], encoding="utf-8")))' "$out/articles.ndjson")
start_server "$out/data-load"
startup_journal=$ready_seconds
stop_server
"$binary" compact --data-dir "$out/data-load" > /dev/null
start_server "$out/data-load"
startup_snapshot=$ready_seconds
rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
stop_server

python3 - "${result[pt1]}" "${result[sq1]}" "${result[pt32]}" "${result[sq32]}" \
    "$startup_journal" "$startup_snapshot" "$rss_kib" "$json_bytes" "$articles" <<'PY'
import json, sys
pt1, sq1, pt32, sq32 = (json.loads(a) for a in sys.argv[1:5])
journal_s, snapshot_s, rss_kib, json_bytes, articles = map(float, sys.argv[5:10])
print("| writers | PeaceTalks writes/s | SQLite commits/s | ratio | PeaceTalks p50 / p99 ms | SQLite p50 / p99 ms | errors |")
print("|---|---|---|---|---|---|---|")
for n, pt, sq in ((1, pt1, sq1), (32, pt32, sq32)):
    print(f"| {n} | {pt['per_second']:.0f} | {sq['per_second']:.0f} | {pt['per_second'] / sq['per_second']:.2f}× | "
          f"{pt['p50_ms']:.2f} / {pt['p99_ms']:.2f} | {sq['p50_ms']:.2f} / {sq['p99_ms']:.2f} | {pt['errors']} |")
print(f"start-up with {articles:.0f} articles (to /ready 200): {journal_s:.2f} s from the journal (one import batch), "
      f"{snapshot_s:.2f} s from a snapshot")
print(f"RSS after loading: {rss_kib / 1024:.0f} MiB; their JSON: {json_bytes / 1048576:.0f} MiB; "
      f"ratio {rss_kib * 1024 / json_bytes:.2f}×")
PY
