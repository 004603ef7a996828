#!/usr/bin/env bash
# The detector window's padding (issue 14, docs/benchmarks.md): for margins 0, 32 and 64, each conv's
# zero padding at the window's edge against the black pass's context, compared with the full 512
# pass (largest box-corner error in px, score difference, faces lost and gained) on the demo photos'
# faces cut to 64x64 and, with ../shared/datasets (or FACEFLEET_DATASETS), the seed's ten crops and
# VARIANTS variants; then one window pass per margin and padding in thread CPU ms (one thread,
# median of ROUNDS rounds of PASSES passes) beside the full pass, the black context also dense as
# before its border bands, and each window's context bytes both ways. Prints the machine first.
# Usage: tools/bench/window-padding.sh [VARIANTS] [ROUNDS] [PASSES]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
variants=${1:-90} rounds=${2:-5} passes=${3:-4}
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java $vector_flag -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.facefleet.engine.WindowPaddingComparison "$variants" "$rounds" "$passes" 2>/dev/null | grep '^{'
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
