#!/usr/bin/env bash
# Distinct photos through the embedded service (issue 14: 100 distinct 1920 px photos at >= 1.5x
# the rate before the issue's work): two builds in turn, each started with the result cache off on
# an empty data directory, takes COUNT requests at once (tools/load/load.mjs), every one a new
# variant of a demo photo (PhotoVariantFiles: shifted, re-lit, re-encoded; new variants each round).
# Rounds alternate the builds, so a change in the machine's speed hits both alike. Prints every
# round (with cpuSecondsPerAnswer: the service's user + system CPU time over the workload per answer
# with status 200),
# then per build the median total seconds and photos/s, and after/before ratios, each line with the
# machine (lscpu model, cores) and its load average. Needs no datasets.
# Usage: tools/bench/photo-rate.sh BEFORE.jar AFTER.jar [ROUNDS] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/vector-flag.sh
before=$1 after=$2 rounds=${3:-3} count=${4:-100}
port=${PORT:-8091}
source tools/bench/service-bench-setup.sh
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill $pid 2>/dev/null; wait $pid 2>/dev/null; }; rm -rf "$work"' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A totals cpus
from=0
run() { # TAG JAR
  mkdir -p "$work/data-$1"
  java $vector_flag -Xmx3g -jar "$2" facefleet.data-dir="$work/data-$1" camel.server.port="$port" facefleet.engine.cache-entries=0 \
    > "$work/service-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 90); do curl -sf "localhost:$port/api/v1/health" >/dev/null && break; sleep 1; done
  local dir="$work/photos" t0 line cpu ok
  rm -rf "$dir"
  java $vector_flag -cp "$cp" io.facefleet.bench.PhotoVariantFiles "$dir" "$count" "$from" 2>/dev/null
  t0=$(cpu_ticks $pid)
  line=$(node tools/load/load.mjs --url "http://localhost:$port/" --tag "$1" --dir "$dir" --count "$count" \
    --timeout-ms "${TIMEOUT_MS:-120000}" || true)
  ok=$(sed -n 's/.*"statuses":{[^}]*"200":\([0-9]*\).*/\1/p' <<<"$line"); ok=${ok:-0}
  # per answer with status 200 (a request that timed out still cost CPU, but is not an answer)
  cpu=$(awk -v t=$(( $(cpu_ticks $pid) - t0 )) -v hz="$(getconf CLK_TCK)" -v n="$ok" 'BEGIN {printf "%.4f", n ? t / hz / n : 0}')
  echo "$line | cpuSecondsPerAnswer $cpu | machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  totals[$1]="${totals[$1]:-} $(sed -n 's/.*"totalSeconds":\([0-9.]*\).*/\1/p' <<<"$line")"
  cpus[$1]="${cpus[$1]:-} $cpu"
  kill $pid; wait $pid 2>/dev/null || true; pid=
  while curl -s -o /dev/null "localhost:$port/api/v1/health"; do sleep 1; done
  rm -rf "$work/data-$1"
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for round in $(seq "$rounds"); do
  # both builds get the same new variants in a round
  run before "$before"
  run after "$after"
  from=$((from + count))
done
b=$(median "${totals[before]}") a=$(median "${totals[after]}")
bc=$(median "${cpus[before]}") ac=$(median "${cpus[after]}")
for tag in before after; do
  m=$(median "${totals[$tag]}")
  echo "{\"build\":\"$tag\",\"photos\":$count,\"rounds\":$rounds,\"medianTotalSeconds\":$m,\"photosPerSecond\":$(awk -v n="$count" -v s="$m" 'BEGIN {printf "%.2f", n / s}'),\"medianCpuSecondsPerAnswer\":$(median "${cpus[$tag]}"),\"roundsSeconds\":\"${totals[$tag]# }\"} | machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "{\"rateAfterOverBefore\":$(awk -v b="$b" -v a="$a" 'BEGIN {printf "%.2f", b / a}'),\"cpuPerAnswerBeforeOverAfter\":$(awk -v b="$bc" -v a="$ac" 'BEGIN {printf "%.2f", b / a}')} | machine: $machine"
