#!/usr/bin/env bash
# Runs kcluster's benchmarks on a Release build and prints the figures recorded in
# docs/performance.md. Usage: scripts/bench.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/release}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== util: CSV parsing"
"$BUILD/src/util/util_bench" --benchmark_min_time=1

echo "== import of seeds from CSV (100k and 1M rows)"
"$BUILD/src/app/import_bench"

echo "== demo load --scale 100 (generation into SQLite; wall time and peak memory)"
/usr/bin/time -f "elapsed %e s, peak RSS %M KiB" \
    "$BUILD/src/cli/kcluster" --db "$TMP/scale100.db" demo load --scale 100
ls -l "$TMP/scale100.db" | awk '{printf "database size %.0f MiB\n", $5/1048576}'

echo "== programme simulator: one run, and 1,000 runs x 18 clusters x 60 months at 1 and 2 threads"
"$BUILD/src/engines/sim/engines_sim_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo "== collaboration networks: betweenness, Louvain, projection, export on 20k nodes"
"$BUILD/src/engines/network/engines_network_bench"

echo "== web platform load: wrk on the dashboards and lists of demo --scale 10"
scripts/bench-http.sh "$BUILD"
