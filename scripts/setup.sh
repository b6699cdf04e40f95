#!/usr/bin/env bash
# Installs everything the project needs, idempotently: a second run changes nothing.
#   scripts/setup.sh          what building the package and serving the page need
#   scripts/setup.sh --tests  also what the test suite needs (Chromium, the minimum Rust, nightly Rust, cargo-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_rust_targets() {
  local installed
  installed=$(rustup target list --installed)
  for target in "$@"; do
    grep -qx "$target" <<<"$installed" || { say "adding Rust target $target"; rustup target add "$target"; }
  done
}

ensure_wasm_bindgen() {
  local version
  version=$(wasm_bindgen_version)
  [ -n "$version" ] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    say "installing wasm-bindgen-cli $version (about 2 minutes)"
    # Not --locked: one of the CLI's locked dependencies is missing from the registry.
    cargo install wasm-bindgen-cli --version "$version" --force
  fi
}

ensure_npm_packages() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages from package-lock.json"
    # `npm install` following the lock: `npm ci` fails here when the registry lacks
    # an optional per-platform package listed in the lock.
    npm install --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
}

# The stated minimum Rust (Cargo.toml's rust-version), which the test run builds the crate with.
msrv() { sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml; }

ensure_msrv_toolchain() {
  local version
  version=$(msrv)
  [ -n "$version" ] || { echo "setup: no rust-version in Cargo.toml" >&2; exit 1; }
  rustup toolchain list | grep -q "^$version-" || { say "installing Rust $version (the crate's minimum)"; rustup toolchain install "$version" --profile minimal; }
}

ensure_fuzzing() {
  rustup toolchain list | grep -q '^nightly' || { say "installing the nightly toolchain"; rustup toolchain install nightly --profile minimal; }
  command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install cargo-fuzz; }
}

ensure_rust_targets wasm32-unknown-unknown
ensure_wasm_bindgen
ensure_npm_packages
if [ "${1:-}" = "--tests" ]; then
  ensure_rust_targets thumbv7em-none-eabi
  ensure_chromium
  ensure_msrv_toolchain
  ensure_fuzzing
fi
say "ready"
