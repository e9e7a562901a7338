#!/usr/bin/env bash
# PeaceTalks' search index vs SQLite FTS5 on one synthetic corpus (see README.md). Environment: ARTICLES (100000),
# SEED (42), REPETITIONS (5), OUT (a directory for the corpus and the raw figures).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
articles=${ARTICLES:-100000}
seed=${SEED:-42}
repetitions=${REPETITIONS:-5}
out=${OUT:-${TMPDIR:-/tmp}/peacetalks-search-bench}
mkdir -p "$out"
corpus="$out/corpus-$articles-$seed.ndjson"
queries="$out/queries-$articles-$seed.json"

if [[ ! -s "$corpus" || ! -s "$queries" ]]; then
    echo "generating $articles articles (seed $seed)…" >&2
    python3 "$here/generate.py" --articles "$articles" --seed "$seed" --corpus "$corpus" --queries "$queries"
fi
echo "building search-bench (release)…" >&2
(cd "$root" && swift build -c release --scratch-path .build-search --product search-bench >&2)
bench="$root/.build-search/release/search-bench"

echo "PeaceTalks…" >&2
nice -n 10 "$bench" "$corpus" "$queries" "$repetitions" > "$out/peacetalks.json"
echo "SQLite FTS5…" >&2
nice -n 10 python3 "$here/fts5.py" "$corpus" "$queries" "$repetitions" > "$out/fts5.json"
echo "normalising scan…" >&2
nice -n 10 python3 "$here/scan.py" "$corpus" "$queries" > "$out/scan.json"
python3 "$here/compare.py" "$out/peacetalks.json" "$out/fts5.json" "$out/scan.json" "$queries"
