#!/usr/bin/env bash
# Detector cost per image at each window side of its 512 input and the rectangles a landscape photo
# takes (docs/benchmarks.md), wall and thread CPU time, one JVM, one
# thread: medians of ROUNDS rounds of PASSES passes (black context as bands and dense, with its bytes),
# and the seed-sized options (a 256 window, four
# in a batch, one 512 canvas per four tiles). Prints the machine (lscpu model, cores, load) first.
# Usage: tools/bench/detector-sizes.sh [ROUNDS] [PASSES]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
rounds=${1:-5} passes=${2:-10}
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java $vector_flag -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.facefleet.engine.DetectorSizeTiming "$rounds" "$passes" 2>/dev/null | grep '^{'
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
