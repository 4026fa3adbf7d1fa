#!/usr/bin/env bash
# Run by ./mvnw verify before any module (the root pom, phase validate; skipped with -DskipTests): installs, from
# Debian's packages, what the tests need besides the JDK the build already runs on: curl and pgrep for the
# local-stack scripts the system tests call, docker-compose to read docker-compose.yml (ComposeFileIT; no Docker
# engine), and headless Chromium with its driver for the dashboard's browser test (/usr/bin/chromium and
# /usr/bin/chromedriver, or the binaries VIGIL_TEST_CHROMIUM and VIGIL_TEST_CHROMEDRIVER name).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/debian-packages.sh"
ensure_debian_packages curl:curl pgrep:procps docker-compose:docker-compose \
  "${VIGIL_TEST_CHROMIUM:-/usr/bin/chromium}:chromium" "${VIGIL_TEST_CHROMEDRIVER:-/usr/bin/chromedriver}:chromium-driver"
