#!/usr/bin/env bash
# Gallery benchmark: enrolment throughput (no model), exact scan against Lucene HNSW search
# (p50/p99 on one core), recall@1, open time, memory and disk, at each size; one fresh JVM per
# phase. Rewrites the gallery section of docs/benchmarks.md. Not part of CI.
# Usage: tools/bench/gallery-bench.sh [SIZES (comma-separated, default 10000,100000)] [QUERIES] [ROUNDS] [EF_SEARCH values, default 100,400]
# BENCH_DRAW: isotropic (default: subjects spread over all 128 dimensions alike, the graph's hardest case)
#   or real (subjects with the covariance of the photo sets' real faces, SyntheticFaces.likeReal)
# BENCH_OPTS: the index levers under test as -Dbench.* (GalleryBench.settings), e.g.
#   BENCH_OPTS="-Dbench.quantizeBits=7 -Dbench.ramBufferMb=256 -Dbench.merge=true"
# Real faces: descriptors of the photo sets (or the demo photos) computed once by the engine into
# target/gallery-bench-real.jsonl, enrolled among the synthetic faces and queried (same nearest subject?).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
sizes=${1:-10000,100000}
queries=${2:-1000}
rounds=${3:-3}
efs=${4:-100,400}
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
# a copy of the classes, so a rebuild while the benchmark runs does not change what it measures
classes=$(mktemp -d target/gallery-bench-classes.XXXX)
cp -r target/classes "$classes/main" && cp -r target/test-classes "$classes/test"
cp="$classes/test:$classes/main:$(cat target/bench.classpath)"
# BENCH_OUT: where this run's lines go (a separate 1M run writes its own and GALLERY_BENCH_MORE adds them to the report)
out=${BENCH_OUT:-target/gallery-bench.jsonl}
: > "$out"
opts=${BENCH_OPTS:-}
heap=${BENCH_HEAP:-1g}
[ -s target/gallery-bench-real.jsonl ] || java $vector_flag -Xmx2g -cp "$cp" io.facefleet.bench.GalleryBench real target/gallery-bench-real.jsonl
# BENCH_DRAW=real: synthetic subjects drawn like the real faces of the photo sets (one per person, target/gallery-bench-pool.jsonl)
if [[ ${BENCH_DRAW:-isotropic} == real ]]; then
  opts="$opts -Dbench.draw=real"
  [ -s target/gallery-bench-pool.jsonl ] || java $vector_flag -Xmx2g -cp "$cp" io.facefleet.bench.GalleryBench pool target/gallery-bench-pool.jsonl
fi
for n in ${sizes//,/ }; do
  dir=target/gallery-bench-data/$n
  rm -rf "$dir"
  java $vector_flag -Xmx$heap $opts -cp "$cp" io.facefleet.bench.GalleryBench build "$dir" "$n" | grep '^{' | tee -a "$out"
  for ef in ${efs//,/ }; do
    taskset -c 1 java $vector_flag -Xmx$heap -XX:ActiveProcessorCount=1 $opts -cp "$cp" io.facefleet.bench.GalleryBench measure "$dir" "$n" "$queries" "$rounds" "$ef" \
      | grep '^{' | tee -a "$out"
  done
done
export BENCH_MACHINE="$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(date -u +%F)"
export BENCH_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${BENCH_NO_REPORT:-}" ] || java $vector_flag $opts -cp "$cp" io.facefleet.bench.GalleryBench report "$out" "tools/bench/gallery-bench.sh $sizes $queries $rounds $efs" docs/benchmarks.md
