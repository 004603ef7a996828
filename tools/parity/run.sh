#!/usr/bin/env bash
# Produces the parity goldens (golden.json + lossless PNGs) in OUTDIR with the original face-api.js.
# Called by the Maven build before the tests; skips (tests then skip) when Node is absent.
# Usage: tools/parity/run.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
if ! command -v node >/dev/null 2>&1; then
  echo "parity: node not found, no goldens: the parity tests will skip" >&2
  exit 0
fi
if [[ -f $out/golden.json && $out/golden.json -nt $here/golden.js && $out/golden.json -nt $here/oracle.js ]]; then
  exit 0
fi
if [[ ! -d $here/node_modules/@vladmandic/face-api ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
node "$here/golden.js" "$out"
