#!/usr/bin/env bash
# End-to-end test with curl, the real client: starts `peacetalks serve --in-memory` with the seed data on a free
# loopback port, runs every example of the README's "API examples" section (each must succeed), then checks the
# contract's statuses and headers for each endpoint, and stops the server with SIGTERM (it must exit 0).
# Usage: scripts/e2e-curl.sh PATH-TO-PEACETALKS
set -uo pipefail
cd "$(dirname "$0")/.."
binary="${1:?usage: scripts/e2e-curl.sh PATH-TO-PEACETALKS}"
work=$(mktemp -d)
server_pid=""
pages_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    [ -n "$pages_pid" ] && kill "$pages_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# A local page server for the fetch example: the fetcher may reach 127.0.0.1 only because it is allow-listed.
python3 -u -m http.server 0 --bind 127.0.0.1 --directory Tests/Fixtures/fetch >"$work/pages.log" 2>&1 &
pages_pid=$!
for _ in $(seq 1 100); do grep -q "port" "$work/pages.log" 2>/dev/null && break; sleep 0.1; done
export PAGE
PAGE="http://127.0.0.1:$(grep -o 'port [0-9]*' "$work/pages.log" | head -n 1 | cut -d' ' -f2)/elmaouid-astana.html"

export KEY="e2e-key-0123456789abcdef"
PEACETALKS_API_KEYS="$KEY" PEACETALKS_FETCH_ALLOWED_HOSTS=127.0.0.1 "$binary" serve --in-memory --port 0 --seeds-dir seeds --log-level warning \
    >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/stdout" 2>/dev/null && break
    sleep 0.1
done
export PT
PT=$(grep -o "http://[^ ]*" "$work/stdout" | head -n 1)
if [ -z "$PT" ]; then
    echo "the server did not start:"; cat "$work/stdout" "$work/stderr"; exit 1
fi
for _ in $(seq 1 100); do curl -fs "$PT/ready" >/dev/null && break; sleep 0.1; done

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# --- 1. Every README example, run as written.
python3 - README.md >"$work/examples.sh" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("## API examples", 1)[1].split("\n## ", 1)[0]
for block in re.findall(r"```sh\n(.*?)```", section, re.S):
    print(block.strip().replace("\\\n", " "))
    print("#--")
PY
example=""
while IFS= read -r line; do
    if [ "$line" = "#--" ]; then
        if (cd "$work" && bash -c "set -eo pipefail; $example" >"$work/example.out" 2>&1); then pass
        else fail "README example: $example"; head -c 400 "$work/example.out"; echo; fi
        example=""
    else
        example+="$line"$'\n'
    fi
done <"$work/examples.sh"
examples=$passed
[ "$examples" -ge 15 ] || fail "expected at least 15 README examples, found $examples"

# --- 2. The contract, endpoint by endpoint.
# req METHOD PATH [curl args…]: sets $status; the body and headers are in $work/body and $work/headers.
req() {
    local method=$1 path=$2
    shift 2
    local how=(-X "$method")
    [ "$method" = HEAD ] && how=(--head)
    : >"$work/body" # curl leaves the file alone when there is no body
    status=$(curl -sS "${how[@]}" -o "$work/body" -D "$work/headers" -w '%{http_code}' "$PT$path" "$@")
}
auth=(-H "Authorization: Bearer $KEY")
json=(-H "Content-Type: application/json")
# check NAME EXPECTED-STATUS [PYTHON-EXPRESSION over j (the JSON body), h (headers, lower-case keys), b (text)]
check() {
    local name=$1 want=$2 expr=${3:-True}
    if [ "$status" != "$want" ]; then fail "$name: status $status, expected $want: $(head -c 300 "$work/body")"; return; fi
    if python3 - "$work/body" "$work/headers" "$expr" <<'PY'
import json, sys
b = open(sys.argv[1], encoding="utf-8", errors="replace").read()
h = {}
for line in open(sys.argv[2], encoding="latin-1", newline="").read().split("\r\n")[1:]:
    if ":" in line:
        k, v = line.split(":", 1)
        h[k.strip().lower()] = v.strip()
try:
    j = json.loads(b)
except ValueError:
    j = None
sys.exit(0 if eval(sys.argv[3]) else 1)
PY
    then pass; else fail "$name: $expr does not hold for: $(head -c 300 "$work/body")"; fi
}

req GET /health; check "health" 200 'j == {"status": "ok"} and "date" in h'
req GET /ready; check "ready" 200 'j == {"status": "ready"}'
req GET /v1/articles; check "article list" 200 'j["total"] == 1 and "body" not in j["items"][0] and j["items"][0]["excerpt"]'
req GET "/v1/articles?include=body"; check "article list with bodies" 200 '"body" in j["items"][0]'
req GET /v1/articles/astana-talks-2017-elmaouid
check "article" 200 'j["source"] == "elmaouid" and j["language"] == "ar" and "etag" in h and "\\u" not in b'
etag=$(grep -i '^etag:' "$work/headers" | cut -d' ' -f2 | tr -d '\r')
req GET /v1/articles/astana-talks-2017-elmaouid -H "If-None-Match: $etag"; check "conditional GET" 304 'b == ""'
req HEAD /v1/articles/astana-talks-2017-elmaouid; check "HEAD" 200 'int(h["content-length"]) > 1000 and h["etag"]'
req GET "/v1/articles/astana-talks-2017-elmaouid?pretty=true"; check "pretty" 200 'b.startswith("{\n  ")'
req GET /v1/articles/no-such-article; check "missing article" 404 'h["content-type"].startswith("application/problem+json")'
req GET /v1/participants -G --data-urlencode "q=دي ميستورا"
check "Arabic name search" 200 '"staffan-de-mistura" in [i["id"] for i in j["items"]] and "<mark>" in j["items"][0]["snippet"]'
req GET /v1/participants/staffan-de-mistura/statements; check "a participant's statements" 200 'j["total"] == 3'
req GET /v1/participants/kazakhstan/articles; check "a participant's articles" 200 'j["total"] == 1'
req GET /v1/talks/astana-talks-2017-01/statements; check "a round's statements" 200 'j["total"] >= 15'
req GET /v1/talks/astana-talks-2017-01/articles; check "a round's articles" 200 'j["total"] == 1'
req GET /v1/talks/astana-talks-2017-01/timeline; check "timeline" 200 'len(j["items"]) >= 2'
req GET "/v1/statements?participant=sergey-lavrov,antonio-guterres&limit=2"
check "OR filter, first page" 200 'j["total"] == 5 and len(j["items"]) == 2 and j["next_cursor"]'
cursor=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["next_cursor"])' "$work/body")
req GET "/v1/statements?participant=sergey-lavrov,antonio-guterres&limit=2" --data-urlencode "cursor=$cursor" -G
check "OR filter, second page" 200 'len(j["items"]) == 2'
req GET "/v1/volume?kind=statements&interval=day"; check "volume" 200 'any(i["period"] == "2017-01-23" for i in j["items"])'
req GET /v1/search -G --data-urlencode "q=Lavrov"; check "search" 200 'any(i["kind"] == "statements" for i in j["items"])'
req GET "/v1/statements?format=csv"
check "CSV" 200 'h["content-type"].startswith("text/csv") and h["x-total-count"] == "20" and b.startswith("id,")'
req GET "/v1/statements?limit=0"; check "bad limit" 400
req GET "/v1/statements?colour=red"; check "unknown parameter" 400
req GET /nowhere; check "unknown route" 404
req DELETE /health; check "wrong method" 405 '"GET" in h["allow"]'
req OPTIONS /v1/articles -H "Origin: https://example.org" -H "Access-Control-Request-Method: POST"
check "CORS pre-flight" 204 '"POST" in h["access-control-allow-methods"]'
req GET /metrics; check "metrics" 200 '"# TYPE" in b'
req GET /openapi.json; check "OpenAPI document" 200 'j["openapi"].startswith("3.1")'

participant='{"id": "e2e-envoy", "kind": "person", "name": {"en": "E2E Envoy", "ar": "مبعوث"}}'
req POST /v1/participants "${json[@]}" -d "$participant"; check "write without a key" 401 '"bearer" in h["www-authenticate"].lower()'
req POST /v1/participants "${auth[@]}" "${json[@]}" -d "$participant"
check "create" 201 'h["location"].endswith("/v1/participants/e2e-envoy") and j["name"]["ar"] == "مبعوث"'
req POST /v1/participants "${auth[@]}" "${json[@]}" -d "$participant"; check "create twice" 409
req POST /v1/participants "${auth[@]}" -H "Content-Type: text/plain" -d "$participant"; check "not JSON" 415
req POST /v1/participants "${auth[@]}" "${json[@]}" -d '{"kind": '; check "malformed JSON" 400
req POST /v1/participants "${auth[@]}" "${json[@]}" -d '{"kind": "wizard", "name": {}, "colour": "red"}'
check "invalid participant" 422 '{e["field"] for e in j["errors"]} >= {"kind", "name", "colour"}'
req POST /v1/participants "${auth[@]}" "${json[@]}" -d '{"kind": "person", "name": {"en": "X"}, "affiliation": "nobody"}'
check "unknown reference" 422 '[e["field"] for e in j["errors"]] == ["affiliation"]'
req PATCH /v1/participants/e2e-envoy "${auth[@]}" -H "Content-Type: application/merge-patch+json" -d '{"side": "mediator"}'
check "merge patch" 200 'j["side"] == "mediator" and j["name"]["en"] == "E2E Envoy"'
req PUT /v1/participants/e2e-envoy "${auth[@]}" "${json[@]}" -H 'If-Match: "stale"' -d "$participant"; check "stale If-Match" 412
req DELETE /v1/participants/staffan-de-mistura "${auth[@]}"
check "delete a referenced participant" 409 '{"kind": "statements", "id": "de-mistura-political-process"} in j["references"]'
req DELETE /v1/participants/e2e-envoy "${auth[@]}"; check "delete" 204 'b == ""'
req GET /v1/participants/e2e-envoy; check "deleted" 404
req POST /v1/articles/fetch "${auth[@]}" "${json[@]}" -d '{"url": "not a url"}'; check "fetch with a bad URL" 422
# Only loopback here (no test sends traffic elsewhere): 127.0.0.2 is not allow-listed, so it must be refused.
req POST /v1/articles/fetch "${auth[@]}" "${json[@]}" -d '{"url": "http://127.0.0.2:9/page.html"}'
check "fetch of a loopback address that is not allow-listed" 422 'j["errors"][0]["field"] == "url"'
req POST /v1/articles/fetch "${auth[@]}" "${json[@]}" -d "{\"url\": \"$PAGE\"}"
check "fetch of a page already fetched" 200 'j["encoding"] == "windows-1256" and "staffan-de-mistura" in j["article"]["participants"]'

kill -TERM "$server_pid"
wait "$server_pid"
code=$?
server_pid=""
if [ "$code" = 0 ]; then pass; else fail "SIGTERM: exit code $code, expected 0"; fi

echo "e2e-curl ($examples README examples): $passed passed, $failed failed"
[ "$failed" = 0 ]
