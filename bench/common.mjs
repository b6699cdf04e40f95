// Shared by bench/speed.mjs and bench/size.mjs: where things are, and the check that the
// package has been built (the benches never build it themselves).

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const pkgDir = join(root, "pkg");
export const distDir = join(pkgDir, "dist");
export const wasmFile = join(distDir, "wasm_jwt_bg.wasm");

/** Exits with a clear message unless `npm run build` has produced pkg/dist. */
export function requireBuild() {
  const needed = ["wasm_jwt.js", "wasm_jwt_bg.wasm", "index.cjs"].map((name) => join(distDir, name));
  const missing = needed.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`pkg/dist is not built (missing ${missing.map((f) => f.slice(root.length + 1)).join(", ")}).`);
    console.error("Run `npm run build` first; the benchmarks measure the built package and build nothing.");
    process.exit(1);
  }
}

/** The installed version of a package (from the workspace's node_modules, or pkg/ for wasm-jwt). */
export function versionOf(name) {
  const file = name.startsWith("wasm-jwt") ? join(pkgDir, "package.json") : join(root, "node_modules", name, "package.json");
  return JSON.parse(readFileSync(file, "utf8")).version;
}

/**
 * The file the exports map of the package in `dir` (pkg/ by default) gives `subpath` ("." or
 * "./hs") under these conditions, walked as Node does (the first matching key in object
 * order), or undefined when the package has no such subpath.
 */
export function resolveExport(subpath, conditions, dir = pkgDir) {
  let target = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).exports?.[subpath];
  while (target && typeof target === "object") {
    const key = Object.keys(target).find((name) => conditions.includes(name));
    target = key === undefined ? undefined : target[key];
  }
  return target === undefined ? undefined : join(dir, target);
}

/** Imports wasm-jwt's subpath as a Node ESM importer would get it; undefined if the package has none. */
export async function importForNode(subpath) {
  const file = resolveExport(subpath, ["node", "import", "default"]);
  return file && import(pathToFileURL(file).href);
}
