#!/usr/bin/env bash
# HNSW graph build parameters side by side: one gallery-bench.sh run per maxConn/beamWidth pair,
# back to back, each built, merged to one segment (as the idle merge leaves it) and measured at
# efSearch 100,200,400,800 with 1000 queries; the load average is printed around each run.
# Usage: tools/bench/hnsw-graph-sweep.sh MAXCONN/BEAMWIDTH... (e.g. 16/100 32/200); N=faces (300000)
# Output: target/g16/h-N-MAXCONN-BEAMWIDTH.jsonl per pair. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${N:-300000}
mkdir -p target/g16
for cfg in "$@"; do
  mc=${cfg%/*}; bw=${cfg#*/}
  echo "=== $mc/$bw start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  BENCH_NO_REPORT=1 BENCH_OUT=target/g16/h-$n-$mc-$bw.jsonl \
    BENCH_OPTS="-Dbench.merge=true -Dbench.maxConn=$mc -Dbench.beamWidth=$bw" \
    tools/bench/gallery-bench.sh "$n" 1000 1 100,200,400,800
  echo "=== $mc/$bw disk $(du -sm "target/gallery-bench-data/$n" | cut -f1) MB"
  echo "=== $mc/$bw end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
