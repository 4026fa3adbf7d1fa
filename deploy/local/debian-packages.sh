# Sourced by up.sh, .ci/run and test-prerequisites.sh (which ./mvnw verify runs first): installs, from Debian's
# packages, the commands a fresh machine lacks, so that the README's two commands are the whole set-up. Arguments are command:package pairs (a command given as a path is
# checked as a file). As root, or through sudo; otherwise it names what to install and stops.
ensure_debian_packages() {
  local missing=() pair cmd
  for pair in "$@"; do
    cmd="${pair%%:*}"
    if [[ "$cmd" == /* ]]; then [ -x "$cmd" ] && continue; else command -v "$cmd" >/dev/null 2>&1 && continue; fi
    missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${missing[*]} (Debian packages)"
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 \
      || { echo "error: needs the Debian packages ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2; exit 1; }
    as_root=(sudo)
  fi
  local log; log="$(mktemp)"
  if ! { "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -20 "$log" >&2; rm -f "$log"
    echo "error: could not install ${missing[*]}" >&2; exit 1
  fi
  rm -f "$log"
}
