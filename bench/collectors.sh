#!/usr/bin/env bash
# Collector economy benchmark (docs/benchmarks.md, "Collector economy"). Builds what it needs, then starts Kafka, a
# generated organisation in WireMock (GitHub: 1,000 repositories; Okta: 10,000 users; S3: 10,000 buckets) and the
# packaged collector-service, runs the GitHub, Okta and S3 collectors twice (full, then unchanged) and prints the
# provider calls each made. Usage: bench/collectors.sh [--repos N] [--users N] [--buckets N]
#   [--collector-heap SIZE] [--timeout-minutes M] [--keep]. Set VIGIL_SKIP_BUILD=1 to reuse what is already built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${VIGIL_SKIP_BUILD:-}" != "1" ]; then
  echo "==> building collector-service, the local stack and the benchmark (log: bench/target/build.log)"
  mkdir -p bench/target
  # One reactor build: -am also builds common, collector-service and the Kafka broker's classpath; nothing is installed.
  "$ROOT/mvnw" -B -q -DskipTests -Pbench -pl bench -am package >bench/target/build.log 2>&1 \
    || { tail -40 bench/target/build.log >&2; echo "build failed; full log: bench/target/build.log" >&2; exit 1; }
fi

# The benchmark JVM serves the whole organisation (WireMock); the collector-service gets -Xmx512m by default.
exec java -Xmx1g -Dvigil.root="$ROOT" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.vigil.bench.CollectorThroughput "$@"
