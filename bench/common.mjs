// Shared by bench/speed.mjs and bench/size.mjs: where things are, and the check that the
// package has been built (the benches never build it themselves).

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const pkgDir = join(root, "pkg");
export const distDir = join(pkgDir, "dist");
export const wasmFile = join(distDir, "jwt_wasm_bg.wasm");

/** Exits with a clear message unless `npm run build` has produced pkg/dist. */
export function requireBuild() {
  const needed = ["jwt_wasm.js", "jwt_wasm_bg.wasm", "index.cjs"].map((name) => join(distDir, name));
  const missing = needed.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`pkg/dist is not built (missing ${missing.map((f) => f.slice(root.length + 1)).join(", ")}).`);
    console.error("Run `npm run build` first; the benchmarks measure the built package and build nothing.");
    process.exit(1);
  }
}

/** The installed version of a package (from the workspace's node_modules, or pkg/ for jwt-wasm). */
export function versionOf(name) {
  const file = name === "jwt-wasm" ? join(pkgDir, "package.json") : join(root, "node_modules", name, "package.json");
  return JSON.parse(readFileSync(file, "utf8")).version;
}
