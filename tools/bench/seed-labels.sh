#!/usr/bin/env bash
# Why seed variants are named wrong (issue 14, docs/accuracy.md "Seed variants 0-4999"): names
# variants FROM..TO-1 of the seed's ten crops with the engine (SeedVariantLabels: the ten enrolled,
# threshold 0.6), writes one CSV row per variant to OUT (change, box, score, landmark square against
# the box, distance to the right subject and the nearest other), prints the distances between the
# enrolled crops and every variant named wrong, then those again on the whole 512 detector input.
# BOX_ALONE="CROPS" (crop indices 0-9, e.g. "5 8 9"; "all" for all ten) then names those crops'
# variants with the shipped tiny-face crop and with a square from the detection box alone
# (TinyCropAlternatives). DETECTOR_WINDOW_MARGIN as in small-faces.sh (default 32).
# Needs ../shared/datasets (or FACEFLEET_DATASETS).
# Usage: [BOX_ALONE="5 8 9"] tools/bench/seed-labels.sh [FROM] [TO] [OUT]   e.g. tools/bench/seed-labels.sh 0 5000 target/seed-labels.csv
set -euo pipefail
cd "$(dirname "$0")/../.."
from=${1:-0} to=${2:-1000} out=${3:-target/seed-labels.csv} margin=${DETECTOR_WINDOW_MARGIN:-32}
source tools/bench/bench-classpath.sh
run() {
  java $vector_flag -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" -Dfacefleet.engine.detector-window-margin="$margin" \
    -cp "$cp" "$@" 2>/dev/null | grep -v '^[0-9:. ]*INFO'
}
run io.facefleet.engine.SeedVariantLabels "$out" "$from" "$to" 2
if [[ -n ${BOX_ALONE:-} ]]; then
  crops=$BOX_ALONE
  [[ $crops == all ]] && crops=
  # shellcheck disable=SC2086
  run io.facefleet.engine.TinyCropAlternatives "$from" "$to" $crops
fi
