#!/usr/bin/env bash
# Lucene's graph searcher against ours (neighbours scored in batches, their vectors' cache lines
# touched first) side by side on one built index: gallery-bench.sh's measure phase once per
# facefleet.gallery.hnsw.searcher value, the values alternating at each efSearch, PASSES times,
# one core (taskset -c 1); the load average is printed before each run (other work moves the times).
# Build the index first, e.g. BENCH_NO_REPORT=1 BENCH_OPTS=-Dbench.merge=true tools/bench/gallery-bench.sh 300000 1000 1 100
# Usage: tools/bench/batched-search-bench.sh N [MODES (lucene,batched,batched-first-line)] [EFS (100,200,400)]
# QUERIES (1000), PASSES (2). Output: target/batched-search.jsonl. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
n=$1 modes=${2:-lucene,batched,batched-first-line} efs=${3:-100,200,400}
queries=${QUERIES:-1000} passes=${PASSES:-2}
dir=target/gallery-bench-data/$n
[ -d "$dir" ] || { echo "no index at $dir: build one with gallery-bench.sh first" >&2; exit 1; }
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
classes=$(mktemp -d target/gallery-bench-classes.XXXX)
cp -r target/classes "$classes/main" && cp -r target/test-classes "$classes/test"
cp="$classes/test:$classes/main:$(cat target/bench.classpath)"
out=target/batched-search.jsonl
: > "$out"
for pass in $(seq "$passes"); do
  for ef in ${efs//,/ }; do
    for mode in ${modes//,/ }; do
      echo "=== pass $pass ef $ef $mode $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
      taskset -c 1 java $vector_flag -Xmx1g -XX:ActiveProcessorCount=1 -Dbench.searcher="$mode" -cp "$cp" \
        io.facefleet.bench.GalleryBench measure "$dir" "$n" "$queries" 1 "$ef" | grep '^{' | sed "s/^{/{\"searcher\":\"$mode\",\"pass\":$pass,/" | tee -a "$out"
    done
  done
done
