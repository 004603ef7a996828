#!/usr/bin/env bash
# Tiny-face rules on both sets at once (issue 14, docs/accuracy.md "Tiny-face rules measured on both
# sets"): seed variants FROM..TO-1 and face_recognition's photos scaled down to 30 px faces, each
# tiny face's crops described once (TinyFaceRules), then every rule named from those descriptors
# (TinyFaceRuleReport). The descriptors are kept in FILE; EVAL_ONLY=1 reads them back instead of
# measuring again. Needs ../shared/datasets (or FACEFLEET_DATASETS).
# Usage: [EVAL_ONLY=1] tools/bench/tiny-face-rules.sh [FROM] [TO] [FILE]   e.g. tools/bench/tiny-face-rules.sh 0 5000 target/tiny-rules.bin
set -euo pipefail
cd "$(dirname "$0")/../.."
from=${1:-0} to=${2:-5000} file=${3:-target/tiny-rules.bin}
source tools/bench/bench-classpath.sh
echo "machine: $machine; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
mode=measure
[[ -n ${EVAL_ONLY:-} ]] && mode=eval
java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dfacefleet.datasets="${FACEFLEET_DATASETS:-../shared/datasets}" \
  -cp "$cp" io.facefleet.engine.TinyFaceRules "$mode" "$file" "$from" "$to" 2>/dev/null | grep -v '^[0-9:. ]*INFO'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
