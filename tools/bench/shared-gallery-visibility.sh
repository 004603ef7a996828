#!/usr/bin/env bash
# Shared gallery (aws profile): time from an enrolment's answer on host A to the face being seen on
# host B, for N enrolments, against S3Proxy in the bench JVM and two host JVMs. Prints one JSON line
# per poll interval; the figures go into docs/benchmarks.md by hand with the machine line. Not part of CI.
# Usage: tools/bench/shared-gallery-visibility.sh [N (default 100)] [POLL_MS values (default 250)]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100}
polls=${2:-250}
source tools/bench/bench-classpath.sh
echo "# $machine, $(date -u +%F), load $(cut -d' ' -f1-3 /proc/loadavg)"
for p in ${polls//,/ }; do
  java $vector_flag -Xmx512m -cp "$cp" io.facefleet.bench.SharedGalleryVisibility "$n" "$p" 2>/dev/null | grep '^{'
done
