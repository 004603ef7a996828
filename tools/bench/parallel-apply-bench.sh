#!/usr/bin/env bash
# Enrolment with one thread building graphs against several (issue 16): in one run, side by side,
# GalleryBench build at FACES for each "APPLY_THREADS MERGE_WORKERS" pair (faces/s and the process's
# CPU seconds), then recall@1 at RECALL_FACES merged to one segment for the first and last pair
# (gallery-bench.sh without rewriting docs/benchmarks.md). The load average goes beside each line.
# Usage: tools/bench/parallel-apply-bench.sh [FACES, default 200000] [RECALL_FACES, default 100000] [PAIRS, default "1 1,2 2"]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
faces=${1:-200000}
recall=${2:-100000}
pairs=${3:-1 1,2 2}
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
classes=$(mktemp -d target/parallel-apply-classes.XXXX)
cp -r target/classes "$classes/main" && cp -r target/test-classes "$classes/test"
cp="$classes/test:$classes/main:$(cat target/bench.classpath)"
out=${BENCH_OUT:-target/parallel-apply-bench.txt}
: > "$out"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(date -u '+%F %H:%M') UTC" | tee -a "$out"
IFS=, read -ra list <<< "$pairs"
for p in "${list[@]}"; do
  read -r apply merge <<< "$p"
  dir=target/parallel-apply-data/$apply-$merge
  rm -rf "$dir"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
  java $vector_flag -Xmx1g -Dbench.applyThreads=$apply -Dbench.mergeWorkers=$merge -cp "$cp" io.facefleet.bench.GalleryBench build "$dir" "$faces" \
    | grep '^{' | tee -a "$out"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
  rm -rf "$dir"
done
for p in "${list[0]}" "${list[${#list[@]}-1]}"; do
  read -r apply merge <<< "$p"
  echo "recall, apply-threads $apply, merge-workers $merge; load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
  BENCH_NO_REPORT=1 BENCH_OUT=target/parallel-apply-recall-$apply-$merge.jsonl \
    BENCH_OPTS="-Dbench.applyThreads=$apply -Dbench.mergeWorkers=$merge -Dbench.merge=true" \
    tools/bench/gallery-bench.sh "$recall" 1000 1 400 | tee -a "$out"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
done
