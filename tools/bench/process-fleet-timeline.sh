#!/bin/bash
# The process fleet on a 1000-request burst (aws profile on ElasticMQ and S3Proxy, app-tier JVMs
# started from zero by the controller), next to the simulator's prediction. Writes
# docs/scaling-process-fleet.png|csv and the process-fleet section of docs/scaling.md.
# Usage: tools/bench/process-fleet-timeline.sh   (from the project root; needs ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/bench-classpath.sh
java $vector_flag -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" \
  -cp "$cp" \
  io.facefleet.bench.ProcessFleetTimeline docs
