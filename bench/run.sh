#!/usr/bin/env bash
# Evaluator throughput benchmark (docs/benchmarks.md). Builds what it needs, then starts Kafka, PostgreSQL and the
# packaged control-evaluator, publishes N synthetic evidence events, and prints the evaluator's ingestion rate next
# to a plain consumer's over the same records (with and without signature checks), then two evaluators' together.
# Usage: bench/run.sh [--events N] [--collections K] [--instances 1|2] [--evaluator-heap SIZE]
#   [--timeout-minutes M] [--keep]. Set VIGIL_SKIP_BUILD=1 to reuse what is already built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${VIGIL_SKIP_BUILD:-}" != "1" ]; then
  echo "==> building control-evaluator, the local stack and the benchmark (log: bench/target/build.log)"
  mkdir -p bench/target
  # One reactor build: -am also builds common and the Kafka broker's classpath, and nothing is installed.
  "$ROOT/mvnw" -B -q -DskipTests -Pbench -pl bench -am package >bench/target/build.log 2>&1 \
    || { tail -40 bench/target/build.log >&2; echo "build failed; full log: bench/target/build.log" >&2; exit 1; }
fi

# The benchmark JVM runs the baseline consumer; give it room so its GC does not weigh on the baseline's figures.
exec java -Xmx1g -Dvigil.root="$ROOT" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.vigil.bench.EvaluatorThroughput "$@"
