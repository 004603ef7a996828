#!/usr/bin/env bash
# Starts Hawtio's standalone console (hawtio-embedded, version in tools/hawtio/pom.xml), resolved
# from Maven Central into target/hawtio/lib on first use. Options are Hawtio's own, e.g.
#   tools/hawtio/hawtio.sh --host localhost --port 8090
# then open http://localhost:8090/hawtio and connect (README.md, "Monitoring").
# HAWTIO_PROXY_ALLOWLIST: hosts Hawtio's Jolokia proxy may reach (default localhost,127.0.0.1;
# add the service host's address when you connect to it directly rather than through an SSH tunnel).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lib="$root/target/hawtio/lib"
if ! ls "$lib"/hawtio-embedded-*.jar >/dev/null 2>&1; then
  mvn -B -q -f "$root/tools/hawtio/pom.xml" dependency:copy-dependencies -DoutputDirectory="$lib" >&2
fi
# Hawtio's own login is off (its default when run standalone): the service's management login guards Jolokia
exec java -Djava.awt.headless=true -Dhawtio.authenticationEnabled=false \
  -Dhawtio.proxyAllowlist="${HAWTIO_PROXY_ALLOWLIST:-localhost,127.0.0.1}" \
  -cp "$lib/*" "$root/tools/hawtio/HawtioConsole.java" "$@"
