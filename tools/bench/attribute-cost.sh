#!/usr/bin/env bash
# Cost per face of the face attributes (docs/benchmarks.md): the whole pipeline on the six demo
# photos without attributes, with age+gender, with expression and with all, alternating rounds in
# one JVM on one core (io.facefleet.engine.AttributeCost). Prints the CPU model and one JSON line
# per variant: ms per face and the extra over no attributes.
# Usage: tools/bench/attribute-cost.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-7}
source tools/bench/bench-classpath.sh
echo "machine: $machine"
java $vector_flag -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.build.dir=target \
  -cp "$cp" \
  io.facefleet.engine.AttributeCost target/face-api/demo "$rounds" 2>/dev/null | grep '^{'
