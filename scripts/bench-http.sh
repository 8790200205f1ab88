#!/usr/bin/env bash
# The web platform's load benchmark (issue 7): loads `demo load --scale 10` into a fresh SQLite
# database, starts `kcluster serve` on a free loopback port, signs in demo accounts and runs wrk
# against the dashboard and list endpoints at 10 and 100 connections. Prints one Markdown row per
# endpoint and connection count (req/s, p50, p99, errors) — the table in docs/performance.md.
#
# Usage: scripts/bench-http.sh [BUILD_DIR] [--scale N] [--duration SECONDS] [--threads N]
#        [--wrk-threads N] [--keep DIR] [ENDPOINT ...]
#   --threads is the server's; wrk runs one event loop by default (--wrk-threads 1: it drives 100
#   connections alone and leaves the two cores to the server instead of competing for them).
#   ENDPOINT is LOGIN:PATH, e.g. demo-officer:/api/v1/clusters?limit=20 ; a path may contain
#   {cluster} (a cluster the login's HQ serves, or the first cluster) and {fy} (the latest fiscal
#   year with KPI targets). Without endpoints the default set below is used.
# Goal (issue 7): ≥ 5k req/s and p99 ≤ 50 ms at 100 connections, zero errors.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build/release
SCALE=10
DURATION=5
THREADS=2
WRK_THREADS=1
KEEP=
ENDPOINTS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) SCALE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --wrk-threads) WRK_THREADS=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *:*) ENDPOINTS+=("$1"); shift ;;
        *) BUILD=$1; shift ;;
    esac
done
if [ ${#ENDPOINTS[@]} -eq 0 ]; then
    ENDPOINTS=(
        "demo-officer:/api/v1/programmes/overview"
        "demo-officer:/api/v1/clusters?limit=20"
        "demo-officer:/api/v1/proposals?limit=20&sort=-id"
        "demo-coordinator:/api/v1/clusters/{cluster}/kpis?fy={fy}"
        "demo-coordinator:/api/v1/seeds?limit=20"
        "demo-coordinator:/api/v1/needs?limit=20"
        "demo-coordinator:/api/v1/matches?limit=20"
    )
fi

KCLUSTER="$BUILD/src/cli/kcluster"
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "bench-http: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
[ -x "$KCLUSTER" ] || { echo "bench-http: $KCLUSTER is missing: build it first (make build)" >&2; exit 1; }

if [ -n "$KEEP" ]; then TMP=$KEEP; mkdir -p "$TMP"; else TMP=$(mktemp -d); fi
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    [ -n "$KEEP" ] || rm -rf "$TMP"
}
trap cleanup EXIT

DB="$TMP/scale$SCALE.db"
if [ ! -f "$DB" ]; then
    echo "Loading demo --scale $SCALE into $DB ..." >&2
    "$KCLUSTER" --db "$DB" --json demo load --scale "$SCALE" > "$TMP/accounts.json"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KCLUSTER" --db "$DB" serve --port "$PORT" --threads "$THREADS" > "$TMP/serve.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.log" >&2; exit 1; }
    sleep 0.1
done

# Signs LOGIN in once; prints the session cookie value.
declare -A COOKIES
sign_in() {
    local login=$1 password
    password=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(a["password"] for a in d["accounts"] if a["login"]==sys.argv[2]))' "$TMP/accounts.json" "$login") \
        || { echo "bench-http: no demo account $login" >&2; exit 1; }
    curl -fs -c "$TMP/$login.cookies" -H 'Content-Type: application/json' \
        -d "{\"login\":\"$login\",\"password\":\"$password\"}" "$BASE/api/v1/session" > "$TMP/$login.session" \
        || { echo "bench-http: $login could not sign in" >&2; exit 1; }
    awk '$6=="kc_session"{print $7}' "$TMP/$login.cookies"
}

echo "| request (account) | connections | req/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for endpoint in "${ENDPOINTS[@]}"; do
    login=${endpoint%%:*}
    path=${endpoint#*:}
    if [ -z "${COOKIES[$login]:-}" ]; then COOKIES[$login]=$(sign_in "$login"); fi
    cookie=${COOKIES[$login]}
    if [[ $path == *"{cluster}"* || $path == *"{fy}"* ]]; then
        cluster=$(python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["user"]; print((u.get("hq_clusters") or [1])[0])' "$TMP/$login.session")
        fy=$(sqlite3 "$DB" "SELECT max(fiscal_year) FROM kpi_target WHERE cluster_id=$cluster" 2>/dev/null || true)
        path=${path//\{cluster\}/$cluster}
        path=${path//\{fy\}/${fy:-2006}}
    fi
    status=$(curl -s -o "$TMP/probe.json" -w '%{http_code}' -b "kc_session=$cookie" "$BASE$path")
    if [ "$status" != 200 ]; then
        echo "bench-http: GET $path as $login answered $status: $(head -c 300 "$TMP/probe.json")" >&2
        exit 1
    fi
    for connections in 10 100; do
        out=$(wrk -t"$WRK_THREADS" -c"$connections" -d"${DURATION}s" --latency -H "Cookie: kc_session=$cookie" "$BASE$path")
        python3 - "$path" "$login" "$connections" <<EOF
import re, sys
out = """$out"""
path, login, connections = sys.argv[1:4]
def latency(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, out, re.M)
    if not m: return "?"
    value = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return f"{value:.1f} ms"
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
errors = 0
m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
if m: errors += int(m.group(1))
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
if m: errors += sum(int(x) for x in m.groups())
print(f"| \`GET {path}\` ({login}) | {connections} | {rps:,.0f} | {latency('50%')} | {latency('99%')} | {errors} |")
EOF
    done
done
