#!/usr/bin/env bash
# Runs the whole CI (.ci/run, the README's test command) N times in a row, each on a clean clone
# of one commit, and stops at the first failure: the check that no test depends on timing luck.
# Prints one line per run (result, seconds, Maven's test totals); logs and each run's test reports
# go to target/repeat/.
# Usage: tools/ci/repeat.sh [N] [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-5} commit=${2:-$(git rev-parse HEAD)}
repo=$(pwd) logs=$(pwd)/target/repeat
mkdir -p "$logs"
for i in $(seq "$n"); do
  clone=$(mktemp -d)
  git clone -q "$repo" "$clone" && git -C "$clone" checkout -q "$commit"
  start=$(date +%s)
  if (cd "$clone" && CI=true bash .ci/run < /dev/null > "$logs/run$i.log" 2>&1); then result=pass; else result=FAIL; fi
  echo "run $i of $n, $commit: $result in $(( $(date +%s) - start )) s; $(grep -E 'Tests run: [0-9]+, Failures' "$logs/run$i.log" | tail -1 | sed 's/^\[[A-Z]*\] //')"
  # keep the per-class times (surefire/failsafe XML) before the clone goes
  rm -rf "$logs/reports$i" && mkdir -p "$logs/reports$i"
  cp "$clone"/target/surefire-reports/TEST-*.xml "$clone"/target/failsafe-reports/TEST-*.xml "$logs/reports$i/" 2>/dev/null || true
  rm -rf "$clone"
  [[ $result == pass ]] || exit 1
done
