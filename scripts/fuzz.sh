#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time; any crash fails the run.
#   scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
targets=$(cargo +nightly fuzz list)
cargo +nightly fuzz build
for target in $targets; do
  if cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=4096 >"$log" 2>&1; then
    echo "[fuzz] $target: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)"
  else
    tail -n 60 "$log"
    echo "[fuzz] $target: CRASH (the reproducer is in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
done
