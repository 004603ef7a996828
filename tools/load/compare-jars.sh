#!/usr/bin/env bash
# Before/after load figures of two builds in one run: each jar in turn (embedded default, result
# cache off so every request is computed) enrols the seed's ten labelled images, then takes 100
# and 1000 concurrent seed requests. Used when a change must not make the service slower.
# Prints one JSON line per jar and workload; writes them to target/load-compare.jsonl.
# Needs the datasets (FACEFLEET_DATASETS, default ../shared/datasets).
# Usage: tools/load/compare-jars.sh BEFORE.jar AFTER.jar [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1 after=$2 rounds=${3:-1}
datasets=${FACEFLEET_DATASETS:-../shared/datasets}
cse=$datasets/cse546
port=${PORT:-8091}
out=target/load-compare.jsonl
[[ -d tools/load/node_modules ]] || (cd tools/load && npm ci --no-audit --no-fund --loglevel=error)
: > "$out"
pid= data=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; [[ -n $data ]] && rm -rf "$data"' EXIT

run() { # TAG JAR
  data=$(mktemp -d)
  java -jar "$2" enroll --csv "$cse/Classification Results on Face Dataset (100 images).csv" \
    --images "$cse/face_images_100" --data-dir "$data" >/dev/null 2>&1
  java -Xmx3g -jar "$2" facefleet.data-dir="$data" camel.server.port="$port" facefleet.engine.cache-entries=0 \
    > "target/load-compare-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 60); do curl -sf "localhost:$port/api/v1/health" >/dev/null && break; sleep 1; done
  for n in 100 1000; do
    node tools/load/load.mjs --url "http://localhost:$port/" --tag "$1" --dir "$cse/face_images_$n" --count $n \
      --expect "$cse/Classification Results on Face Dataset ($n images).csv" | tee -a "$out"
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
