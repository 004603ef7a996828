#!/usr/bin/env bash
# Engine benchmark: our DJL engine (1 worker x 1 intra-op thread, 1 x 2, 2 x 1) and, in the same
# run, the original face-api.js (wasm, 1 thread) on the same six demo photos. Prints the JSON
# lines and rewrites the engine section of docs/benchmarks.md.
# Usage: tools/bench/engine-bench.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
source tools/bench/bench-classpath.sh
[[ -d tools/parity/node_modules ]] || (cd tools/parity && npm ci --no-audit --no-fund --loglevel=error)
out=target/engine-bench.jsonl
: > "$out"
run_java() { # WORKERS INTRA_OP_THREADS
  java $vector_flag -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$2" -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$cp" io.facefleet.engine.EngineBenchmark target/face-api/demo "$1" "$rounds" 2>/dev/null | grep '^{' | tee -a "$out"
}
run_java 1 1
run_java 1 2
run_java 2 1
node tools/parity/bench.js "$rounds" 2>/dev/null | grep '^{' | tee -a "$out"
node tools/bench/report.mjs "$out" "tools/bench/engine-bench.sh $rounds" docs/benchmarks.md
