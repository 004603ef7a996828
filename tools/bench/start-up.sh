#!/usr/bin/env bash
# Start-up of the embedded service: seconds from launch until GET /api/v1/health answers 200, and
# the CPU seconds the process had used by then, for each jar given, rounds alternating jar by jar
# (one run, so the jars share the machine's state); prints every round, then each jar's medians
# with the machine (lscpu model, cores) and the load average. Every JVM gets $vector_flag
# (tools/bench/vector-flag.sh); a jar from before the SIMD distances ignores it.
# Usage: tools/bench/start-up.sh ROUNDS JAR [JAR...]   e.g. tools/bench/start-up.sh 5 before.jar target/facefleet.jar
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=$1; shift
port=${PORT:-8093}
source tools/bench/vector-flag.sh
machine="$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill $pid 2>/dev/null; wait $pid 2>/dev/null; }; rm -rf "$work"' EXIT
declare -A ready cpu
for round in $(seq "$rounds"); do
  for jar in "$@"; do
    rm -rf "$work/data"
    start=$(date +%s%N)
    java $vector_flag -jar "$jar" facefleet.data-dir="$work/data" camel.server.port="$port" > "$work/service.log" 2>&1 &
    pid=$!
    until curl -sf "localhost:$port/api/v1/health" >/dev/null; do
      kill -0 $pid 2>/dev/null || { echo "the service from $jar stopped; its log:"; tail -20 "$work/service.log"; exit 1; }
      sleep 0.05
    done
    end=$(date +%s%N)
    ticks=$(awk '{print $14 + $15}' /proc/$pid/stat)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
    cpus=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')
    kill $pid; wait $pid 2>/dev/null || true; pid=
    echo "{\"jar\":\"$jar\",\"round\":$round,\"readySeconds\":$seconds,\"cpuSecondsAtReady\":$cpus} | machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    ready[$jar]="${ready[$jar]:-} $seconds"; cpu[$jar]="${cpu[$jar]:-} $cpus"
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for jar in "$@"; do
  echo "{\"jar\":\"$jar\",\"rounds\":$rounds,\"medianReadySeconds\":$(median "${ready[$jar]}"),\"medianCpuSecondsAtReady\":$(median "${cpu[$jar]}")} | machine: $machine, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
