#!/usr/bin/env bash
# Period evidence bundle benchmark (docs/benchmarks.md). Builds what it needs, then writes a 12-month bundle for 100
# controls over 10,000 resources with daily history from generated data, and prints its build time next to a plain
# ZIP of the same content, its peak heap, size and file count, and whether it verifies. Usage: bench/bundle.sh
#   [--controls N] [--resources N] [--days N] [--dir DIR] [--keep]. Set VIGIL_SKIP_BUILD=1 to reuse what is built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${VIGIL_SKIP_BUILD:-}" != "1" ]; then
  echo "==> building report-service's classes and the benchmark (log: bench/target/build.log)"
  mkdir -p bench/target
  # One reactor build, nothing installed. This benchmark runs plain classes in-process, so the Quarkus packaging of
  # the services (which run.sh and collectors.sh need) is skipped.
  "$ROOT/mvnw" -B -q -DskipTests -Dquarkus.build.skip=true -Pbench -pl bench -am package >bench/target/build.log 2>&1 \
    || { tail -40 bench/target/build.log >&2; echo "build failed; full log: bench/target/build.log" >&2; exit 1; }
fi

# The target is a flat heap under 512 MB: the JVM gets exactly that, so going over fails with OutOfMemoryError.
exec java -Xmx512m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.vigil.bench.BundleBuild --dir "$ROOT/bench/target/bundle-bench" "$@"
