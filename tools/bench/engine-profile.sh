#!/usr/bin/env bash
# Where the full pipeline's time goes, per stage and per net and layer kind, in thread CPU time (one
# PyTorch intra-op thread, so an op's time is its own whatever else the machine runs), medians of
# ROUNDS; the engine as it is and "before" (explicit padding copies, PyTorch's max_pool2d) in
# alternating rounds of one run. Also writes one PyTorch profiler trace per net into target/profile
# (wall time per op; summed per layer kind by tools/bench/profile-report.mjs).
# Usage: tools/bench/engine-profile.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
source tools/bench/bench-classpath.sh
echo "machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java $vector_flag -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$cp" io.facefleet.engine.EngineProfile target/face-api/demo "$rounds" target/profile engine,before 2>/dev/null \
  | grep '^{' | tee target/profile/profile.jsonl
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
node tools/bench/profile-report.mjs target/profile detector landmarks recognition
