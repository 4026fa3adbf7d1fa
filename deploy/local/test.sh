#!/usr/bin/env bash
# Runs every test of Vigil on this machine: unit tests, and integration and system tests against a real Kafka
# broker and PostgreSQL that the build starts itself (README, "Tests"). First it installs, from Debian's packages,
# what the tests need besides Java: curl and pgrep for the local-stack scripts, and headless Chromium with its
# driver for the dashboard's browser test. Extra arguments go to Maven (e.g. -pl collector-service -am).
# CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v pgrep >/dev/null 2>&1 || missing+=(procps)
# report-service's DashboardBrowserIT drives /usr/bin/chromium through /usr/bin/chromedriver (or the binaries named
# by VIGIL_TEST_CHROMIUM and VIGIL_TEST_CHROMEDRIVER).
[ -x "${VIGIL_TEST_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${VIGIL_TEST_CHROMEDRIVER:-/usr/bin/chromedriver}" ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]} (Debian packages the tests need)"
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "error: the tests need the Debian packages ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

java -version 2>&1 | head -1
exec ./mvnw -B -ntp verify "$@"
