#!/usr/bin/env bash
# Cost of the tiny-face enrolment mean (docs/accuracy.md "Tiny-face rules measured on both sets"):
# the mean off and on, alternating rounds in one JVM on one thread; ms per enrolment of the seed's
# ten crops and per query of seed variants (TinyEnrolmentCost). Needs ../shared/datasets (or FACEFLEET_DATASETS).
# Usage: tools/bench/tiny-enrolment-cost.sh [ROUNDS] [QUERIES]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5} queries=${2:-60}
source tools/bench/bench-classpath.sh
echo "machine: $machine; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" \
  -cp "$cp" io.facefleet.engine.TinyEnrolmentCost "$rounds" "$queries" 2>/dev/null | grep '^{'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
