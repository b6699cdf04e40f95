#!/usr/bin/env bash
# Every test of the project, from a fresh machine: installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh --tests

step "Rust: unit, integration and doc tests"
cargo test

step "no_std: the core, with every algorithm family, builds for thumbv7em-none-eabi without std"
cargo build --target thumbv7em-none-eabi --no-default-features --features rsa,ecdsa,eddsa

step "HMAC-only build: its tests pass without the asymmetric families"
cargo test --no-default-features --features std --lib --test vectors_hmac

step "fuzzing: each target for ${FUZZ_SECONDS:-60}s"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"

step "npm package build, and the wasm size budgets (bench/size.mjs --check)"
node scripts/build.mjs
node bench/size.mjs --check

step "JS: Node, Chromium, Vite, workerd and the debugger page, against the built package"
js_test_dirs=()
for dir in tests/js tests/page; do [ -d "$dir" ] && js_test_dirs+=("$dir"); done
node --test --test-concurrency=1 "${js_test_dirs[@]}"
