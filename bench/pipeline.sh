#!/usr/bin/env bash
# The whole pipeline under load (docs/benchmarks.md, "Whole pipeline under load"). Builds what it needs, then starts
# Kafka, PostgreSQL and a generated organisation of about 50,000 resources in WireMock (GitHub, Okta, S3), starts the
# clock and the three packaged services, and stops it once every collection run ended, all evidence is stored, the
# consumers are at the end of their topics and the controls' statuses have settled in report-service.
# Usage: bench/pipeline.sh [--repos N] [--users N] [--buckets N] [--service-heap SIZE] [--status-max-bytes N]
#        [--provider-latency-ms MS] [--timeout-minutes M] [--keep] (--help says more).
# Set VIGIL_SKIP_BUILD=1 to reuse what is already built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${VIGIL_SKIP_BUILD:-}" != "1" ]; then
  echo "==> building the three services, the local stack and the benchmark (log: bench/target/build.log)"
  mkdir -p bench/target
  # One reactor build: -am also builds common, the three services and the Kafka broker's classpath; nothing is installed.
  "$ROOT/mvnw" -B -q -DskipTests -Pbench -pl bench -am package >bench/target/build.log 2>&1 \
    || { tail -40 bench/target/build.log >&2; echo "build failed; full log: bench/target/build.log" >&2; exit 1; }
fi

# The commit the figures belong to ("-dirty": the working tree had changes).
COMMIT="$(git -C "$ROOT" describe --always --dirty --abbrev=7 2>/dev/null || echo unknown)"
# The benchmark JVM serves the whole organisation (WireMock) and polls the services; each service gets -Xmx384m.
exec java -Xmx1g -Dvigil.root="$ROOT" -Dvigil.commit="$COMMIT" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.vigil.bench.PipelineUnderLoad "$@"
