#!/usr/bin/env bash
# Accuracy on the shared photo sets (docs/accuracy.md), for one tiny-face height: the accuracy
# tests (face_recognition pairs, dlib detection recall, Azure's Family1, the seed's crops),
# naming on face_recognition's photos (RealPhotoNaming) and, with a COUNT, that many seed
# variants (tools/bench/small-faces.sh). 0 gives face-api's landmark crop for every face, as
# before the tiny-face crop; 48 is the default. Needs ../shared/datasets (or FACEFLEET_DATASETS).
# DETECTOR_WINDOW_MARGIN=-1 runs the detector on the whole 512 input for every image, as before
# the detector windows (default 32, as application.properties); DETECTOR_WINDOW_PADDING=zero gives
# zeros beyond the window's edge, as before (default black).
# Usage: [DETECTOR_WINDOW_MARGIN=M] [DETECTOR_WINDOW_PADDING=black|zero] tools/bench/accuracy.sh [TINY_FACE_HEIGHT] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
tiny=${1:-48} count=${2:-0} margin=${DETECTOR_WINDOW_MARGIN:-32} padding=${DETECTOR_WINDOW_PADDING:-black}
mvn -B -o verify -Dtest='AccuracyTest,FamilyIdentificationTest,FaceEngineTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfacefleet.engine.tiny-face-height="$tiny" -Dfacefleet.engine.detector-window-margin="$margin" -Dfacefleet.engine.detector-window-padding="$padding" 2>&1 | grep -E 'accuracy:|recall|identification1|Tests run:.*in io|BUILD|FAIL'
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
java $vector_flag -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" -Dfacefleet.engine.tiny-face-height="$tiny" -Dfacefleet.engine.detector-window-margin="$margin" -Dfacefleet.engine.detector-window-padding="$padding" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.facefleet.bench.RealPhotoNaming 2>/dev/null | grep -v '^[0-9:. ]*INFO'
if [[ $count -gt 0 ]]; then DETECTOR_WINDOW_MARGIN="$margin" DETECTOR_WINDOW_PADDING="$padding" tools/bench/small-faces.sh "$count" "$tiny"; fi
