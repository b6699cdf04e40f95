// The stated MSRV (`rust-version` in Cargo.toml) holds for the locked dependencies: no crate
// the library builds with (any feature, any target; not dev-dependencies) declares a newer
// `rust-version`. scripts/test.sh then builds the crate with that Rust itself, which checks
// the crate's own code (clippy's `incompatible_msrv` lint does too).
import { execFileSync } from "node:child_process";

const metadata = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--all-features", "--locked"], { encoding: "utf8", maxBuffer: 64 << 20 }),
);
const packages = new Map(metadata.packages.map((p) => [p.id, p]));
const nodes = new Map(metadata.resolve.nodes.map((n) => [n.id, n]));
const root = packages.get(metadata.resolve.root);

const parse = (version) => version.split(".").map(Number);
const newer = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

const seen = new Set();
const pending = [root.id];
while (pending.length) {
  const id = pending.pop();
  if (seen.has(id)) continue;
  seen.add(id);
  for (const dep of nodes.get(id).deps) {
    if (dep.dep_kinds.some((k) => k.kind !== "dev")) pending.push(dep.pkg);
  }
}

const msrv = root.rust_version;
const tooNew = [...seen].map((id) => packages.get(id)).filter((p) => p.rust_version && newer(p.rust_version, msrv));
if (tooNew.length) {
  for (const p of tooNew) console.error(`${p.name} ${p.version} needs Rust ${p.rust_version}`);
  console.error(`check-msrv: Cargo.toml says rust-version = "${msrv}", but the locked dependencies above need more`);
  process.exit(1);
}
console.log(`check-msrv: ${seen.size - 1} locked dependencies all build with Rust ${msrv} or older`);
