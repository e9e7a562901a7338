#!/usr/bin/env bash
# Benchmark peacetalks against Hummingbird 2, FlyingFox, nginx and a bare C epoll server (the ceiling) serving
# byte-identical JSON, with wrk, on 127.0.0.1 only. See Benchmarks/README.md. Settings (environment):
#   SERVERS=peacetalks,hummingbird,flyingfox,nginx,ceiling   ENDPOINTS=health,article,list   CONNECTIONS=64,256
#   DURATION=10 (seconds per wrk run)   RUNS=3   WARMUP=2 (seconds per server and endpoint, not measured)
#   QUICK=1 (1 run of 3 s)   SKIP_BUILD=1   KEEP_TMP=1 (keep logs and payloads)
#   PEACETALKS_BIN=PATH: use this peacetalks executable as it is (no build)
#   PAYLOADS=DIR: serve DIR/{health,article,list}.json instead of creating them through peacetalks
#                 (only when peacetalks is not in SERVERS).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

if [[ ${QUICK:-0} == 1 ]]; then
    DURATION=${DURATION:-3} RUNS=${RUNS:-1} WARMUP=${WARMUP:-1}
fi
DURATION=${DURATION:-10} RUNS=${RUNS:-3} WARMUP=${WARMUP:-2}
SERVERS_GIVEN=${SERVERS:+1}
SERVERS=${SERVERS:-peacetalks,hummingbird,flyingfox,nginx,ceiling}
ENDPOINTS=${ENDPOINTS:-health,article,list}
CONNECTIONS=${CONNECTIONS:-64,256}
API_KEY=benchkey-0123456789 # peacetalks refuses API keys shorter than 16 characters

IFS=, read -r -a server_list <<<"$SERVERS"
IFS=, read -r -a endpoint_list <<<"$ENDPOINTS"
IFS=, read -r -a connection_list <<<"$CONNECTIONS"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
has_server() { [[ ",$SERVERS," == *",$1,"* ]]; }

for server in "${server_list[@]}"; do
    case $server in
    peacetalks | hummingbird | flyingfox | nginx | ceiling) ;;
    *) die "unknown server '$server'" ;;
    esac
done
for endpoint in "${endpoint_list[@]}"; do
    case $endpoint in health | article | list) ;; *) die "unknown endpoint '$endpoint'" ;; esac
done
for conns in "${connection_list[@]}"; do
    [[ $conns =~ ^[0-9]+$ && $conns -ge 1 && $conns -le 1000 ]] || die "CONNECTIONS must be 1–1000 each, not '$conns'"
done
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 1 && $DURATION -le 120 ]] || die "DURATION must be 1–120 seconds"
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 && $RUNS -le 15 ]] || die "RUNS must be 1–15"
[[ $WARMUP =~ ^[0-9]+$ && $WARMUP -le 30 ]] || die "WARMUP must be 0–30 seconds"
for tool in wrk curl python3; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
if has_server nginx; then
    NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
    [[ -x $NGINX ]] || die "nginx is not installed (apt-get install nginx-light)"
fi
if has_server ceiling; then
    CC=${CC:-$(command -v cc || command -v clang || true)}
    if [[ -z $CC && -n $SERVERS_GIVEN ]]; then
        die "no C compiler for the ceiling server (apt-get install gcc, or CC=clang)"
    elif [[ -z $CC ]]; then
        say "no C compiler (cc or clang): the ceiling server is left out"
        SERVERS=${SERVERS/,ceiling/}
        IFS=, read -r -a server_list <<<"$SERVERS"
    fi
fi

need_peacetalks=0
if has_server peacetalks; then
    [[ -z ${PAYLOADS:-} ]] || die "PAYLOADS= is for runs without peacetalks: with it, payloads come from its API"
    need_peacetalks=1
elif [[ -z ${PAYLOADS:-} ]]; then
    need_peacetalks=1 # the peers serve what peacetalks really answers
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/peacetalks-bench.XXXXXX")
chmod 755 "$TMP" # nginx workers run as an unprivileged user when started by root
declare -A PIDS=() PORTS=()

stop_server() {
    local name=$1 pid=${PIDS[$1]:-}
    [[ -n $pid ]] || return 0
    unset "PIDS[$name]"
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local name
    for name in "${!PIDS[@]}"; do stop_server "$name"; done
    if [[ ${KEEP_TMP:-0} == 1 ]]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits for "listening on http://HOST:PORT" in the server's log (stdout and stderr) and records PORT.
await_listening() {
    local name=$1 line
    for _ in $(seq 300); do
        kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -20 "$TMP/$name.log" >&2; die "$name exited at start-up"; }
        line=$(grep -Eom1 'listening on https?://[^ ]*:[0-9]+' "$TMP/$name.log" || true)
        if [[ -n $line ]]; then
            PORTS[$name]=${line##*:}
            return
        fi
        sleep 0.1
    done
    tail -20 "$TMP/$name.log" >&2
    die "$name did not print 'listening on http://127.0.0.1:PORT' within 30 s"
}

# Waits until GET /health answers on PORTS[name] (for nginx, which prints nothing).
await_health() {
    local name=$1
    for _ in $(seq 100); do
        kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -20 "$TMP/$name.log" >&2; die "$name exited at start-up"; }
        curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:${PORTS[$name]}/health" && return
        sleep 0.1
    done
    die "$name did not answer GET /health within 10 s"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
    local name=$1
    case $name in
    peacetalks)
        # From the repository root, as scripts/serve.sh runs it: Config/ and seeds/ are found there.
        (cd "$ROOT" && PEACETALKS_API_KEYS=$API_KEY exec "$PEACETALKS_BIN" serve --in-memory --host 127.0.0.1 \
            --port 0 --log-level warning) >"$TMP/$name.log" 2>&1 &
        PIDS[$name]=$!
        await_listening "$name"
        ;;
    hummingbird | flyingfox | ceiling)
        local binary=$TMP/ceiling
        [[ $name == hummingbird ]] && binary=$PEERS_BIN/HummingbirdPeer
        [[ $name == flyingfox ]] && binary=$PEERS_BIN/FlyingFoxPeer
        "$binary" --port 0 --payloads "$PAYLOADS" >"$TMP/$name.log" 2>&1 &
        PIDS[$name]=$!
        await_listening "$name"
        ;;
    nginx)
        local dir=$TMP/nginx
        mkdir -p "$dir"
        PORTS[$name]=$(free_port)
        sed -e "s|@RUN_DIR@|$dir|g" -e "s|@PAYLOADS@|$PAYLOADS|g" -e "s|@PORT@|${PORTS[$name]}|g" \
            "$HERE/nginx.conf" >"$dir/nginx.conf"
        "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$TMP/$name.log" 2>&1 &
        PIDS[$name]=$!
        await_health "$name"
        ;;
    esac
    say "started $name (pid ${PIDS[$name]}) on 127.0.0.1:${PORTS[$name]}"
}

path_of() {
    case $1 in
    health) echo /health ;;
    article) echo "/v1/articles/$ARTICLE_ID" ;;
    list) echo "/v1/articles?limit=20" ;;
    esac
}

# The peers must answer what peacetalks answers: same body bytes, a JSON content type.
check_responses() {
    local name=$1 endpoint type
    for endpoint in "${endpoint_list[@]}"; do
        type=$(curl -fs --max-time 5 -o "$TMP/check.body" -w '%{content_type}' \
            "http://127.0.0.1:${PORTS[$name]}$(path_of "$endpoint")") || die "$name: GET $(path_of "$endpoint") failed"
        cmp -s "$TMP/check.body" "$PAYLOADS/$endpoint.json" || die "$name: the $endpoint body differs from the payload"
        [[ $type == application/json* ]] || die "$name: $endpoint has Content-Type '$type'"
    done
}

# --- Build -------------------------------------------------------------------------------------------------
if [[ $need_peacetalks == 1 ]]; then
    if [[ -n ${PEACETALKS_BIN:-} ]]; then
        say "using PEACETALKS_BIN=$PEACETALKS_BIN as it is"
    else
        PEACETALKS_BIN=$ROOT/.build-release/release/peacetalks
        if [[ ${SKIP_BUILD:-0} != 1 ]]; then
            say "building peacetalks (release) in $ROOT"
            (cd "$ROOT" && nice -n 10 swift build -c release --product peacetalks --scratch-path .build-release) >&2
        fi
    fi
    [[ -x $PEACETALKS_BIN ]] || die "no executable $PEACETALKS_BIN"
    PEACETALKS_BIN=$(readlink -f "$PEACETALKS_BIN") # it runs from the repository root
fi
peer_products=()
has_server hummingbird && peer_products+=(HummingbirdPeer)
has_server flyingfox && peer_products+=(FlyingFoxPeer)
if [[ ${#peer_products[@]} -gt 0 ]]; then
    PEERS_BIN=$HERE/.build/release
    if [[ ${SKIP_BUILD:-0} != 1 ]]; then
        for product in "${peer_products[@]}"; do
            say "building $product (release) in $HERE"
            nice -n 10 swift build -c release --package-path "$HERE" --product "$product" >&2
        done
    fi
    for product in "${peer_products[@]}"; do
        [[ -x $PEERS_BIN/$product ]] || die "no $PEERS_BIN/$product (build it or unset SKIP_BUILD)"
    done
fi

if has_server ceiling; then
    say "compiling the ceiling server with $CC -O2"
    "$CC" -O2 -o "$TMP/ceiling" "$HERE/ceiling/ceiling.c" || die "the ceiling server did not compile"
fi

# --- Data --------------------------------------------------------------------------------------------------
if [[ $need_peacetalks == 1 ]]; then
    seed=""
    for candidate in /work/shared/seeds/*.txt "$ROOT"/../shared/seeds/*.txt "$ROOT/seeds/articles.json"; do
        [[ -f $candidate ]] && { seed=$candidate; break; }
    done
    [[ -n $seed ]] || die "no seed article text found (../shared/seeds/*.txt or seeds/articles.json)"
    PAYLOADS=$TMP/payloads
    mkdir -p "$PAYLOADS"
    start_server peacetalks
    say "creating 20 articles from $seed through POST /v1/articles"
    python3 "$HERE/create-articles.py" "http://127.0.0.1:${PORTS[peacetalks]}" "$API_KEY" "$seed" "$PAYLOADS"
    ARTICLE_ID=$(<"$PAYLOADS/article.id")
    has_server peacetalks || stop_server peacetalks
else
    for name in health article list; do
        [[ -f $PAYLOADS/$name.json ]] || die "PAYLOADS=$PAYLOADS has no $name.json"
    done
    mkdir -p "$TMP/payloads"
    cp "$PAYLOADS"/{health,article,list}.json "$TMP/payloads/"
    [[ -f $PAYLOADS/article.id ]] && cp "$PAYLOADS/article.id" "$TMP/payloads/"
    PAYLOADS=$TMP/payloads
    ARTICLE_ID=$(cat "$PAYLOADS/article.id" 2>/dev/null || echo bench-article)
fi
chmod -R a+rX "$PAYLOADS"

for server in "${server_list[@]}"; do
    [[ -n ${PIDS[$server]:-} ]] || start_server "$server"
    [[ $server == peacetalks ]] || check_responses "$server"
done

CEILING_NOTE=""
if has_server ceiling; then
    CEILING_NOTE=$'\nceiling: one epoll thread, one read and one writev per request, no parsing, routing or logging.'
fi

# --- Measure -----------------------------------------------------------------------------------------------
cpus=$(nproc)
cat <<EOF

PeaceTalks benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -srm)
CPUs: $cpus. wrk runs with one thread (-t1) and takes about one of them, so the server gets the rest.
This machine is shared and noisy: absolute req/s drift by ±25% between runs; read the ratios.
Each cell: wrk -t1 -cN -d${DURATION}s --latency, $RUNS run(s), median taken; the servers take turns within
each run, after a ${WARMUP}s warm-up per server and endpoint. Load average now: $(cut -d' ' -f1-3 /proc/loadavg).
Servers: ${SERVERS}. nginx: worker_processes 2, sendfile on, open_file_cache, access_log off.${CEILING_NOTE}
Payloads: health $(stat -c %s "$PAYLOADS/health.json") B, article $(stat -c %s "$PAYLOADS/article.json") B \
(GET /v1/articles/$ARTICLE_ID), list $(stat -c %s "$PAYLOADS/list.json") B (GET /v1/articles?limit=20).

EOF

seconds=$(((${#endpoint_list[@]} * ${#connection_list[@]} * RUNS * DURATION + ${#endpoint_list[@]} * WARMUP) *
    ${#server_list[@]}))
say "measuring for about $(((seconds + 59) / 60)) minute(s)"
RESULTS=$TMP/results.tsv
: >"$RESULTS"
run_wrk() { # server endpoint conns seconds → prints "rps p50 p99 errors"
    local url="http://127.0.0.1:${PORTS[$1]}$(path_of "$2")" out
    out=$(timeout $(($4 + 30)) wrk -t1 "-c$3" "-d$4s" --latency -s "$HERE/wrk-report.lua" "$url") ||
        die "wrk failed against $1 $2"
    awk '/^WRK_RESULT/ {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%.1f\t%d\t%d\t%d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"], v["p99_us"],
            v["connect"] + v["read"] + v["write"] + v["status"] + v["timeout"]
    }' <<<"$out"
}

for endpoint in "${endpoint_list[@]}"; do
    if [[ $WARMUP -gt 0 ]]; then
        for server in "${server_list[@]}"; do run_wrk "$server" "$endpoint" 64 "$WARMUP" >/dev/null; done
    fi
    for conns in "${connection_list[@]}"; do
        for run in $(seq "$RUNS"); do
            for server in "${server_list[@]}"; do
                result=$(run_wrk "$server" "$endpoint" "$conns" "$DURATION")
                printf '%s\t%s\t%s\t%s\t%s\n' "$endpoint" "$conns" "$server" "$run" "$result" >>"$RESULTS"
                say "$endpoint c=$conns run $run/$RUNS $server: $(cut -f1 <<<"$result") req/s"
            done
        done
    done
done

echo
python3 "$HERE/report.py" "$RESULTS"
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
