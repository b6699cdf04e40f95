// Loads the built package by its name, through pkg/package.json "exports", as an
// application does: a temporary directory holds node_modules/wasm-jwt -> pkg/, and the
// package is imported (conditions node + import) or required (node + require) from there.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REPO_DIR = fileURLToPath(new URL("../../../", import.meta.url));
/** The built package; WASM_JWT_PKG_DIR points the tests at another copy of it (a packed one, say). */
export const PKG_DIR = path.resolve(process.env.WASM_JWT_PKG_DIR ?? path.join(REPO_DIR, "pkg"));

let appDir;

/** A directory (one per process, removed at exit) in which "wasm-jwt" resolves to pkg/. */
export function appDirectory() {
  if (appDir === undefined) {
    appDir = mkdtempSync(path.join(tmpdir(), "wasm-jwt-app-"));
    process.on("exit", () => rmSync(appDir, { recursive: true, force: true }));
    mkdirSync(path.join(appDir, "node_modules"));
    symlinkSync(PKG_DIR, path.join(appDir, "node_modules", "wasm-jwt"), "dir");
  }
  return appDir;
}

/**
 * The ESM namespace of `entry` ("wasm-jwt", the verify build, or a subpath such as
 * "wasm-jwt/sign"), plus `resolved`: the file URL the exports map chose.
 */
export function importPackage(entry = "wasm-jwt") {
  const loader = path.join(appDirectory(), `load-${entry.replace(/[^a-z0-9]+/gi, "-")}.mjs`);
  writeFileSync(loader, `export * from ${JSON.stringify(entry)};\nexport const resolved = import.meta.resolve(${JSON.stringify(entry)});\n`);
  return import(pathToFileURL(loader).href);
}

/** require() from the app directory (resolve with `.resolve`). */
export function appRequire() {
  return createRequire(path.join(appDirectory(), "app.cjs"));
}
