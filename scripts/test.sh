#!/usr/bin/env bash
# Every test of the project, from a fresh machine: installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The work tree as the run found it (what is modified or new, and the changes themselves):
# set-up and tests must leave it so, which the last step checks.
tree_state() { git status --porcelain=v1 --untracked-files=all; git diff HEAD --binary | sha256sum; }
tree_before=$(tree_state)
# cargo publish refuses a tree with uncommitted changes; a developer's own are allowed for
# the dry-run (and named), a clean checkout (CI) is published as it is.
publish_dirty=()
if [ -n "$(git status --porcelain=v1)" ]; then publish_dirty=(--allow-dirty); fi

step "setup"
bash scripts/setup.sh --tests

step "Rust: unit, integration and doc tests (and the examples built)"
cargo test

step "Rust, feature jwe: the unit tests of the JWE module and X25519, the integration and doc tests (Wycheproof, RFC 7520, RFC 8037, jose tokens, attacks, round trips)"
cargo test --features jwe,rand --lib -- jwe x25519
cargo test --features jwe,rand --test jwe
# The same build: PS* tokens the rsa crate signs (with a random salt) must verify with the
# crate's own RSA arithmetic (without "rand", tests/rsa_verify.rs signs RS* only).
cargo test --features jwe,rand --test rsa_verify
cargo test --features jwe,rand --doc

step "Rust examples: verify_jwks (and a tampered token refused), issue_tokens"
cargo run -q --example verify_jwks
tampered=$(sed 's/.\{4\}$/AAAA/' examples/data/token.jwt)
if cargo run -q --example verify_jwks -- examples/data/jwks.json <(echo "$tampered"); then
  echo "verify_jwks accepted a tampered token" >&2
  exit 1
fi
cargo run -q --example issue_tokens

step "clippy (every feature and target) and rustdoc, warnings denied"
cargo clippy --all-features --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --all-features

step "feature combinations: each family alone, none, std, serde, sign, rand, jwe; wasm32 (the npm builds) and thumbv7em"
for features in "" std serde sign rsa ecdsa eddsa rsa,ecdsa,eddsa pem rand jwe jwe,ecdsa jwe,rsa,rand; do
  echo "--no-default-features ${features:+--features $features}"
  cargo clippy -q --no-default-features ${features:+--features "$features"} -- -D warnings
done
# The four npm builds (scripts/build.mjs): verify, sign, HMAC-only, JWE.
cargo clippy -q --target wasm32-unknown-unknown --no-default-features --features std,wasm,rsa,ecdsa,eddsa -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown --no-default-features --features std,wasm,rsa,ecdsa,eddsa,sign,rand -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown --no-default-features --features std,wasm,sign,rand -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown --no-default-features --features std,wasm,rsa,ecdsa,eddsa,jwe,rand -- -D warnings
cargo clippy -q --target thumbv7em-none-eabi --no-default-features -- -D warnings

msrv=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
step "MSRV: the crate builds with Rust $msrv (Cargo.toml's rust-version), and no locked dependency needs more"
node scripts/check-msrv.mjs
# Its own target directory: another toolchain's artifacts would evict the stable ones.
CARGO_TARGET_DIR=target/msrv cargo "+$msrv" check -q --all-features --lib --tests --examples
CARGO_TARGET_DIR=target/msrv cargo "+$msrv" check -q --no-default-features

step "no_std: the core, with every algorithm family and JWE, builds for thumbv7em-none-eabi without std"
cargo build --target thumbv7em-none-eabi --no-default-features --features rsa,ecdsa,eddsa,jwe

step "HMAC-only build: its tests pass without the asymmetric families"
cargo test --no-default-features --features std,sign --lib --test vectors_hmac

step "verify-only build (no \"sign\", as npm's wasm-jwt): private keys refused, public keys and tokens as before"
cargo test --no-default-features --features std,rsa,ecdsa,eddsa --test verify_only

step "fuzzing: each target for ${FUZZ_SECONDS:-60}s"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"

step "npm package build, and the wasm size budgets (bench/size.mjs --check)"
node scripts/build.mjs
node bench/size.mjs --check

step "publish dry-runs: the crate (packaged and built from its .crate) and the npm package"
[ ${#publish_dirty[@]} -eq 0 ] || echo "uncommitted changes found before the run: cargo publish --dry-run --allow-dirty"
cargo publish --dry-run "${publish_dirty[@]}"
(cd pkg && npm publish --dry-run --ignore-scripts)

step "JS: Node, Chromium, Vite, workerd and the debugger page, against the built package"
js_test_dirs=()
for dir in tests/js tests/page; do [ -d "$dir" ] && js_test_dirs+=("$dir"); done
node --test --test-concurrency=1 "${js_test_dirs[@]}"

step "the run left the work tree as it found it (no tracked file changed, nothing new outside .gitignore)"
if [ "$(tree_state)" != "$tree_before" ]; then
  echo "set-up or a test changed the work tree:" >&2
  git status --short >&2
  git diff --stat HEAD >&2
  exit 1
fi
