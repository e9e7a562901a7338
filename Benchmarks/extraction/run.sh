#!/usr/bin/env bash
# Extraction benchmark (issue 6): PeaceTalks' main-text extraction vs trafilatura on the fetch fixture pages, then
# statement-candidate precision/recall on the seed page vs seeds/statements.json.
#   Benchmarks/extraction/run.sh            # both
#   SKIP_CANDIDATES=1 Benchmarks/extraction/run.sh   # extraction only (no swift test build)
# SWIFT_SCRATCH selects the build directory for the candidate test (default .build).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

python3 -c "import trafilatura, lxml_html_clean" 2>/dev/null || pip install -q -r "$here/requirements.txt"

# Our side: the pure ArticleExtraction sources compiled with a tiny main (no Package.swift target needed).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swiftc -O -package-name PeaceTalks -module-name extract \
    Sources/ArticleExtraction/*/*.swift "$here/main.swift" -o "$work/extract"
status=0
python3 "$here/compare.py" "$work/extract" || status=$?

if [[ -z "${SKIP_CANDIDATES:-}" ]]; then
    echo
    echo "Statement candidates on the seed page (same speaker, word F1 >= 0.5 with a curated statement):"
    swift test --scratch-path "${SWIFT_SCRATCH:-.build}" --filter StatementCandidateQualityTests 2>&1 \
        | grep -E '^statement-candidates:' || { echo "candidate test failed"; exit 1; }
fi
exit $status
