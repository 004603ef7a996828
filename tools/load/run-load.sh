#!/usr/bin/env bash
# End-to-end load benchmark of the embedded service: starts target/facefleet.jar on a fresh data
# directory, enrols the seed's ten labelled images, then sends 100 and 1000 concurrent seed
# requests (64x64 crops) and 100 concurrent requests of full photos, with tools/load/load.mjs.
# Runs twice: result cache off, then on (starting empty). Writes docs/benchmarks.md.
# Needs the datasets (FACEFLEET_DATASETS, default ../shared/datasets).
# Usage: tools/load/run-load.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
datasets=${FACEFLEET_DATASETS:-../shared/datasets}
cse=$datasets/cse546
port=${PORT:-8090}
out=target/load-bench.jsonl
[[ -f target/facefleet.jar ]] || mvn -q -B package -DskipTests
[[ -d tools/load/node_modules ]] || (cd tools/load && npm ci --no-audit --no-fund --loglevel=error)
: > "$out"
pid=
data=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; [[ -n $data ]] && rm -rf "$data"' EXIT

run() { # CACHE_ENTRIES
  data=$(mktemp -d)
  java -jar target/facefleet.jar enroll --csv "$cse/Classification Results on Face Dataset (100 images).csv" \
    --images "$cse/face_images_100" --data-dir "$data" >/dev/null 2>&1
  java -Xmx3g -jar target/facefleet.jar facefleet.data-dir="$data" camel.server.port="$port" \
    facefleet.engine.cache-entries="$1" > "target/load-service-cache$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 60); do curl -sf "localhost:$port/api/v1/health" >/dev/null && break; sleep 1; done
  load() { node tools/load/load.mjs --url "http://localhost:$port/" --tag "cache $1" "${@:2}" | tee -a "$out" || true; }
  load "$1" --dir "$cse/face_images_100" --count 100 --expect "$cse/Classification Results on Face Dataset (100 images).csv"
  load "$1" --dir "$cse/face_images_1000" --count 1000 --expect "$cse/Classification Results on Face Dataset (1000 images).csv"
  load "$1" --dir target/face-api/demo --count 100
  kill $pid; wait $pid 2>/dev/null || true; pid=
  rm -rf "$data"; data=
}
run 0
run 1000
node tools/load/report.mjs "$out" "tools/load/run-load.sh" docs/benchmarks.md
