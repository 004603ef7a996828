#!/usr/bin/env bash
# Connects Hawtio to a running facefleet host and reads its Camel routes and their statistics
# through Hawtio's Jolokia proxy, the way Hawtio's Connect tab does (/hawtio/proxy/<scheme>/<host>/<port><path>).
# Starts Hawtio with tools/hawtio/hawtio.sh (as the README's recipe does) and stops it again.
# Usage: FACEFLEET_MANAGEMENT_USERNAME=ops FACEFLEET_MANAGEMENT_PASSWORD=... tools/hawtio/check.sh HOST MANAGEMENT_PORT
# HAWTIO_PORT: where Hawtio listens (default 8090); CAMEL_CONTEXT: the host's camel.main.name (default facefleet).
# Exits non-zero, saying why, when a step fails.
set -euo pipefail
host=${1:?usage: check.sh HOST MANAGEMENT_PORT}
mport=${2:?usage: check.sh HOST MANAGEMENT_PORT}
user=${FACEFLEET_MANAGEMENT_USERNAME:?set FACEFLEET_MANAGEMENT_USERNAME}
password=${FACEFLEET_MANAGEMENT_PASSWORD:?set FACEFLEET_MANAGEMENT_PASSWORD}
hport=${HAWTIO_PORT:-8090}
context=${CAMEL_CONTEXT:-facefleet}
here="$(cd "$(dirname "$0")" && pwd)"
log=$(mktemp)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -f "$log"' EXIT
fail() { echo "hawtio check FAILED: $*" >&2; echo "--- Hawtio log (tail)" >&2; tail -20 "$log" >&2; exit 1; }

HAWTIO_PROXY_ALLOWLIST="localhost,127.0.0.1,$host" "$here/hawtio.sh" --host localhost --port "$hport" > "$log" 2>&1 &
pid=$!
hawtio="http://localhost:$hport/hawtio"
for _ in $(seq 120); do
  [[ "$(curl -s "$hawtio/proxy/enabled" 2>/dev/null)" == true ]] && break
  kill -0 $pid 2>/dev/null || fail "Hawtio exited"
  sleep 1
done
[[ "$(curl -s "$hawtio/proxy/enabled")" == true ]] || fail "Hawtio did not start, or its proxy is off"
echo "Hawtio $(sed -n 's:.*<hawtio.version>\(.*\)</hawtio.version>.*:\1:p' "$here/pom.xml") at $hawtio"

proxy="$hawtio/proxy/http/$host/$mport/observe/jolokia"
jolokia() { curl -s -o "$2" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${@:3}" --data "$1" "$proxy"; }
out=$(mktemp)
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -f "$log" "$out"' EXIT

status=$(jolokia '{"type":"version"}' "$out")
[[ $status == 401 ]] || fail "without the management login Hawtio's proxy got $status, not 401"
echo "without the login: 401 (the service asks Hawtio's user to log in)"

status=$(jolokia '{"type":"search","mbean":"org.apache.camel:context='"$context"',type=routes,*"}' "$out" -u "$user:$password")
[[ $status == 200 ]] || fail "route search through Hawtio answered $status: $(head -c 300 "$out")"
routes=$(grep -o 'name=\\"[^\\]*\\"' "$out" | sed 's/name=\\"//; s/\\"$//' | sort)
[[ -n $routes ]] || fail "no Camel routes seen through Hawtio: $(head -c 300 "$out")"
echo "context $context, routes: $(echo $routes)"

attrs='["State","ExchangesTotal","ExchangesCompleted","ExchangesFailed","MeanProcessingTime"]'
for r in $routes; do
  status=$(jolokia "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=$context,type=routes,name=\\\"$r\\\"\",\"attribute\":$attrs}" "$out" -u "$user:$password")
  [[ $status == 200 ]] && grep -q '"ExchangesCompleted":' "$out" || fail "statistics of route $r through Hawtio: $status $(head -c 300 "$out")"
  stat() { grep -o "\"$1\":[^,}]*" "$out" | head -1 | cut -d: -f2 | tr -d '"'; }
  echo "route $r state=$(stat State) total=$(stat ExchangesTotal) completed=$(stat ExchangesCompleted) failed=$(stat ExchangesFailed) meanMs=$(stat MeanProcessingTime)"
done

status=$(jolokia '{"type":"exec","mbean":"org.apache.camel:context='"$context"',type=routes,name=\"web-seed\"","operation":"stop()"}' "$out" -u "$user:$password")
grep -q '"status":403' "$out" || fail "stopping a route through Hawtio was not refused: $status $(head -c 300 "$out")"
echo "exec through Hawtio: refused (403, Jolokia is read-only)"
echo "hawtio check passed"
