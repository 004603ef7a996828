#!/usr/bin/env bash
# Cost per face of the tiny-face crop (docs/benchmarks.md): the engine before (tiny-face height 0,
# face-api's landmark crop for every face) and after (the default), side by side in one JVM on one
# core, alternating rounds over the same seed variants. Needs ../shared/datasets (or FACEFLEET_DATASETS).
# Usage: tools/bench/tiny-face-cost.sh [ROUNDS] [IMAGES]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5} images=${2:-60}
source tools/bench/bench-classpath.sh
echo "machine: $machine"
java $vector_flag -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" \
  -cp "$cp" \
  io.facefleet.engine.TinyFaceCost "$rounds" "$images" 2>/dev/null | grep '^{'
