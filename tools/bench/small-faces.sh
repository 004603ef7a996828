#!/usr/bin/env bash
# Small faces hold (issue 15): the seed's ten 64x64 crops enrolled, then the full 1000 variants
# (shifted, brightened or darkened, re-encoded; generated from a fixed seed) named through the face
# service. Prints every miss and one JSON line {"right","total","msPerImage"}. CI runs the first
# 200 (SmallFacesHoldTest). Needs ../shared/datasets (or FACEFLEET_DATASETS).
# DETECTOR_WINDOW_MARGIN=-1: the detector on the whole 512 input for every image, as before its windows
# (default 32); DETECTOR_WINDOW_PADDING=zero: zeros beyond the window's edge, as before (default black).
# Usage: [DETECTOR_WINDOW_MARGIN=M] [DETECTOR_WINDOW_PADDING=black|zero] tools/bench/small-faces.sh [COUNT] [TINY_FACE_HEIGHT]   (0 = landmark crop for every face, as before)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
count=${1:-1000} tiny=${2:-48} margin=${DETECTOR_WINDOW_MARGIN:-32} padding=${DETECTOR_WINDOW_PADDING:-black}
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
java $vector_flag -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" -Dfacefleet.engine.tiny-face-height="$tiny" -Dfacefleet.engine.detector-window-margin="$margin" -Dfacefleet.engine.detector-window-padding="$padding" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.facefleet.bench.SmallFaceStability "$count" 2>/dev/null | grep -v '^[0-9:. ]*INFO'
