#!/usr/bin/env bash
# Calibrates Rekognition's Similarity scale (processors/io/facefleet/rekognition/Similarity.java)
# on the labelled photo sets and writes the figures and the thresholds they imply into
# docs/accuracy.md (its "Similarity" section). Put the printed w into Similarity.WIDTH.
# Needs ../shared/datasets (or FACEFLEET_DATASETS).
# Usage: tools/bench/similarity.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/bench-classpath.sh
java $vector_flag -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" \
  -cp "$cp" \
  io.facefleet.bench.SimilarityCalibration docs/accuracy.md 2>/dev/null | grep -v '^[0-9:. ]*INFO'
