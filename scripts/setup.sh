#!/usr/bin/env bash
# Installs what tala needs and is missing: Debian packages (apt, when root)
# and the npm packages of package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++-12 cmake make libboost-test-dev libboost-program-options-dev
          nlohmann-json3-dev libbenchmark-dev emscripten libsndfile1-dev libsamplerate0-dev pkg-config
          clang libclang-rt-14-dev python3 time libboost-dev curl chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come with npm from NodeSource rather than Debian's split packages.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if (( ${#missing[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
