#!/usr/bin/env bash
# Distinct small images through the embedded service (issue 14): starts target/facefleet.jar with
# the result cache off on a fresh data directory, enrols the seed's ten labelled crops, then sends
# 100 and 1000 seed-sized requests at once (tools/load/load.mjs), every one a distinct variant of
# a seed crop (SeedImages/PhotoVariants: shifted, brightened or darkened, re-encoded). ROUNDS rounds
# of each, each round new variants; prints every round, then the medians, each with the machine
# (lscpu model, cores) and its load average. MARGIN is facefleet.engine.detector-window-margin
# (default 32, as application.properties; -1: the whole 512 detector input for every image, as before
# the detector window; 64 with SERVICE_ARGS="facefleet.engine.detector-window-padding=zero": as before
# the black-context padding).
# SERVICE_ARGS: more settings for the service (key=value ...), e.g. SERVICE_ARGS="facefleet.workers.max=8".
# SERVICE_JAVA_OPTS: JVM options for the service, e.g. SERVICE_JAVA_OPTS="-XX:TieredStopAtLevel=1".
# A request unanswered after TIMEOUT_MS (default 120000, the service's own reply timeout) counts
# as an error. A few variants are named wrong by the engine itself, on the whole 512 input too
# (29 of variants 0-4999, 26 of them test_05's; docs/accuracy.md "Seed variants 0-4999",
# tools/bench/seed-labels.sh), so labelsWrong need not be 0.
# Needs the datasets (FACEFLEET_DATASETS, default ../shared/datasets).
# Usage: tools/bench/small-images.sh [ROUNDS] [MARGIN] [COUNTS]   e.g. tools/bench/small-images.sh 3 32 "100 1000"
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
rounds=${1:-3} margin=${2:-32} counts=${3:-100 1000}
datasets=${FACEFLEET_DATASETS:-../shared/datasets}
cse=$datasets/cse546
port=${PORT:-8091}
[[ -f target/facefleet.jar ]] || mvn -q -B package -DskipTests
source tools/bench/service-bench-setup.sh
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill $pid 2>/dev/null; wait $pid 2>/dev/null; }; rm -rf "$work"' EXIT
java $vector_flag -jar target/facefleet.jar enroll --csv "$cse/Classification Results on Face Dataset (100 images).csv" \
  --images "$cse/face_images_100" --data-dir "$work/data" >/dev/null 2>&1
java $vector_flag -Xmx3g ${SERVICE_JAVA_OPTS:-} -jar target/facefleet.jar facefleet.data-dir="$work/data" camel.server.port="$port" \
  facefleet.engine.cache-entries=0 facefleet.engine.detector-window-margin="$margin" ${SERVICE_ARGS:-} > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 90); do curl -sf "localhost:$port/api/v1/health" >/dev/null && break; sleep 1; done
from=0
declare -A totals
for round in $(seq "$rounds"); do
  for n in $counts; do
    dir="$work/r$round-n$n"
    java $vector_flag -Dfacefleet.datasets="$datasets" -cp "$cp" \
      io.facefleet.bench.SeedVariantFiles "$dir" "$n" "$from" 2>/dev/null
    from=$((from + n))
    line=$(node tools/load/load.mjs --url "http://localhost:$port/" --tag "margin $margin round $round" \
      --dir "$dir" --count "$n" --expect "$dir/labels.csv" --timeout-ms "${TIMEOUT_MS:-120000}" || true)
    [[ -n ${METRICS_OUT:-} ]] && curl -s localhost:8001/observe/metrics | grep -E "facefleet_(batch|inference)" >> "$METRICS_OUT"
    echo "$line | machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    totals[$n]="${totals[$n]:-} $(sed -n 's/.*"totalSeconds":\([0-9.]*\).*/\1/p' <<<"$line")"
    rm -rf "$dir"
  done
done
for n in $counts; do
  median=$(tr ' ' '\n' <<<"${totals[$n]}" | grep . | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  echo "{\"requests\":$n,\"margin\":$margin,\"rounds\":$rounds,\"medianTotalSeconds\":$median,\"roundsSeconds\":\"${totals[$n]# }\"} | machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
