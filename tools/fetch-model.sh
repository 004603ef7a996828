#!/usr/bin/env bash
# Fetches @vladmandic/face-api from the npm registry at build time, checks the tarball against the
# pinned npm integrity (sha512), and unpacks the five nets we use plus the licence into
# target/model-resources/model (bundled into the jar) and the whole package into
# target/face-api (demo photos for tests, the parity tool). Nothing is fetched at run time.
# Usage: fetch-model.sh VERSION INTEGRITY TARGET_DIR
set -euo pipefail
version=$1 integrity=$2 target=$3
cache=${FACEFLEET_CACHE:-$HOME/.cache/facefleet}
tgz=$cache/vladmandic-face-api-$version.tgz
out=$target/model-resources/model
stamp=$out/.integrity
nets="ssd_mobilenetv1_model face_landmark_68_model face_recognition_model age_gender_model face_expression_model"
# the stamp names the nets too, so adding one re-unpacks an older build's target/
want="$integrity $nets"

if [[ -f $stamp && $(cat "$stamp") == "$want" && -d $target/face-api ]]; then
  exit 0
fi
mkdir -p "$cache"
if [[ ! -f $tgz ]]; then
  echo "facefleet: fetching @vladmandic/face-api@$version from the npm registry"
  npm pack "@vladmandic/face-api@$version" --pack-destination "$cache" --silent >/dev/null
fi
actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [[ $actual != "$integrity" ]]; then
  echo "facefleet: $tgz fails its integrity check: expected $integrity, got $actual" >&2
  rm -f "$tgz"
  exit 1
fi
rm -rf "$target/face-api" "$out"
mkdir -p "$target/face-api" "$out"
tar -xzf "$tgz" -C "$target/face-api" --strip-components=1
for net in $nets; do
  cp "$target/face-api/model/$net-weights_manifest.json" "$target/face-api/model/$net.bin" "$out/"
done
cp "$target/face-api/LICENSE" "$out/LICENSE-face-api.txt"
echo "$want" > "$stamp"
echo "facefleet: face-api $version weights unpacked into $out"
