#!/usr/bin/env bash
# Lucene's scorer against the SIMD distances side by side, same data: one gallery-bench.sh run per
# facefleet.gallery.vector-distance value, back to back, each built, merged to one segment and
# measured; the load average is printed around each run (other work on the machine moves the times).
# Usage: tools/bench/vector-distance-bench.sh MODE... (lucene simd); N=faces (300000),
# CONN=maxConn/beamWidth (16/100), EFS (100,200,400), QUERIES (1000)
# Output: target/vd/v-N-MODE-MAXCONN-BEAMWIDTH.jsonl per mode. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${N:-300000} conn=${CONN:-16/100} efs=${EFS:-100,200,400} queries=${QUERIES:-1000}
mc=${conn%/*}; bw=${conn#*/}
mkdir -p target/vd
for mode in "$@"; do
  echo "=== $mode $mc/$bw start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  BENCH_NO_REPORT=1 BENCH_OUT=target/vd/v-$n-$mode-$mc-$bw.jsonl \
    BENCH_OPTS="-Dbench.merge=true -Dbench.maxConn=$mc -Dbench.beamWidth=$bw -Dbench.vectorDistance=$mode" \
    tools/bench/gallery-bench.sh "$n" "$queries" 1 "$efs"
  echo "=== $mode $mc/$bw disk $(du -sm "target/gallery-bench-data/$n" | cut -f1) MB"
  echo "=== $mode $mc/$bw end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
