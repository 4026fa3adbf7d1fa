#!/usr/bin/env bash
# Runs every test of Vigil on this machine: unit tests, and integration and system tests against a real Kafka
# broker and PostgreSQL that the build starts itself (README, "Tests"). First it installs, from Debian's packages,
# what the tests need besides the build: a JDK where there is none, curl and pgrep for the local-stack scripts, and
# headless Chromium with its driver for the dashboard's browser test. Extra arguments go to Maven
# (e.g. -pl collector-service -am). CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source deploy/local/debian-packages.sh

# report-service's DashboardBrowserIT drives /usr/bin/chromium through /usr/bin/chromedriver (or the binaries named
# by VIGIL_TEST_CHROMIUM and VIGIL_TEST_CHROMEDRIVER).
ensure_debian_packages java:openjdk-17-jdk-headless curl:curl pgrep:procps \
  "${VIGIL_TEST_CHROMIUM:-/usr/bin/chromium}:chromium" "${VIGIL_TEST_CHROMEDRIVER:-/usr/bin/chromedriver}:chromium-driver"

java -version 2>&1 | head -1
exec ./mvnw -B -ntp verify "$@"
