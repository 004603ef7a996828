#!/usr/bin/env bash
# Sustained load on the embedded default: starts target/facefleet.jar with its default settings
# on a fresh data directory, enrols the seed's ten labelled images, then runs 1000 clients
# sending seed requests back to back for 60 s while tools/load/sample.mjs samples heap, threads
# and resident memory every 5 s. Writes docs/reliability.md's sustained-load section.
# Needs the datasets (FACEFLEET_DATASETS, default ../shared/datasets).
# Usage: tools/load/saturate.sh [CLIENTS] [SECONDS] [CACHE_ENTRIES]
# (CACHE_ENTRIES=0 turns the analysis cache off, so every request runs the face engine.)
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${1:-1000}
seconds=${2:-60}
cache=${3:-}
datasets=${FACEFLEET_DATASETS:-../shared/datasets}
cse=$datasets/cse546
port=${PORT:-8090}
mport=${MANAGEMENT_PORT:-8091}
[[ -f target/facefleet.jar ]] || mvn -q -B package -DskipTests
[[ -d tools/load/node_modules ]] || (cd tools/load && npm ci --no-audit --no-fund --loglevel=error)
data=$(mktemp -d)
pid=
sampler=
trap '[[ -n $sampler ]] && kill $sampler 2>/dev/null; [[ -n $pid ]] && kill $pid 2>/dev/null; rm -rf "$data"' EXIT
java -jar target/facefleet.jar enroll --csv "$cse/Classification Results on Face Dataset (100 images).csv" \
  --images "$cse/face_images_100" --data-dir "$data" >/dev/null 2>&1
java -jar target/facefleet.jar facefleet.data-dir="$data" camel.server.port="$port" camel.management.port="$mport" \
  ${cache:+facefleet.engine.cache-entries=$cache} > target/saturate-service.log 2>&1 &
pid=$!
for _ in $(seq 60); do curl -sf "localhost:$port/api/v1/health" >/dev/null && break; sleep 1; done
node tools/load/sample.mjs --pid "$pid" --jolokia "http://localhost:$mport/observe/jolokia" --every-s 5 > target/saturate-samples.jsonl &
sampler=$!
node tools/load/load.mjs --url "http://localhost:$port/" --dir "$cse/face_images_1000" --concurrency "$clients" \
  --duration-s "$seconds" --expect "$cse/Classification Results on Face Dataset (1000 images).csv" --tag saturate \
  > target/saturate-load.json || true
sleep 10 # the service settles: samples after the load show whether memory returns
kill $sampler; sampler=
node tools/load/report-saturation.mjs target/saturate-load.json target/saturate-samples.jsonl "$clients" "$seconds" "$cache" docs/reliability.md
