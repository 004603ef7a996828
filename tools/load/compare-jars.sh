#!/usr/bin/env bash
# Before/after load figures of two builds in one run: each jar in turn (embedded default, result
# cache off so every request is computed) enrols the seed's ten labelled images, then takes 100
# and 1000 concurrent seed requests. Used when a change must not make the service slower.
# Prints one JSON line per jar and workload; writes them to target/load-compare.jsonl. Each line
# adds cpuSecondsPerAnswer: the service process's CPU time (user + system, from /proc) over the
# workload divided by the answers it gave, a figure a busy machine disturbs far less than wall time.
# Needs the datasets (FACEFLEET_DATASETS, default ../shared/datasets).
# Usage: [COUNTS="100 1000"] tools/load/compare-jars.sh BEFORE.jar AFTER.jar [ROUNDS]
# (COUNTS: the workloads, each a number of concurrent seed requests)
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1 after=$2 rounds=${3:-1}
datasets=${FACEFLEET_DATASETS:-../shared/datasets}
cse=$datasets/cse546
port=${PORT:-8091}
out=target/load-compare.jsonl
counts=${COUNTS:-100 1000}
[[ -d tools/load/node_modules ]] || (cd tools/load && npm ci --no-audit --no-fund --loglevel=error)
: > "$out"
pid= data=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; [[ -n $data ]] && rm -rf "$data"' EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process, in clock ticks
with_cpu() { # LOAD_JSON TICKS: the load line plus the CPU seconds per answer (HTTP 200)
  node -e 'const d = JSON.parse(process.argv[1]), ok = d.statuses["200"] || 0;
    d.cpuSecondsPerAnswer = ok ? +(process.argv[2] / process.argv[3] / ok).toFixed(4) : null;
    console.log(JSON.stringify(d));' "$1" "$2" "$(getconf CLK_TCK)"
}
run() { # TAG JAR
  data=$(mktemp -d)
  java -jar "$2" enroll --csv "$cse/Classification Results on Face Dataset (100 images).csv" \
    --images "$cse/face_images_100" --data-dir "$data" >/dev/null 2>&1
  java -Xmx3g -jar "$2" facefleet.data-dir="$data" camel.server.port="$port" facefleet.engine.cache-entries=0 \
    > "target/load-compare-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 60); do curl -sf "localhost:$port/api/v1/health" >/dev/null && break; sleep 1; done
  for n in $counts; do
    local set=1000 before_ticks line
    [[ -d $cse/face_images_$n ]] && set=$n # the seed's own sets where one has that size
    before_ticks=$(cpu_ticks $pid)
    # a workload with failed requests still prints its line (and its statuses)
    line=$(node tools/load/load.mjs --url "http://localhost:$port/" --tag "$1" --dir "$cse/face_images_$set" --count $n \
      --expect "$cse/Classification Results on Face Dataset ($set images).csv" || true)
    with_cpu "$line" $(( $(cpu_ticks $pid) - before_ticks )) | tee -a "$out"
  done
  kill $pid; wait $pid 2>/dev/null || true; pid=
  # the next build must not find this one still answering on the port
  while curl -s -o /dev/null "localhost:$port/api/v1/health"; do sleep 1; done
  rm -rf "$data" 2>/dev/null || { sleep 2; rm -rf "$data"; }; data=
}
# alternate the builds, so a change in the machine's speed during the run hits both alike
for _ in $(seq "$rounds"); do
  run before "$before"
  run after "$after"
done
