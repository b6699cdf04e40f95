// Builds the npm package in pkg/: release wasm -> wasm-bindgen (--target web, the one
// glue every entry shares) -> wasm-opt -Oz -> pkg/dist/, plus the CommonJS bundle made
// by esbuild from an ESM entry, so that there is exactly one glue file and one .wasm.
// Every step is checked; the first failure stops the build with a non-zero exit.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const dist = join(pkg, "dist");
const crateName = "jwt_wasm";
const cargoWasm = join(root, "target", "wasm32-unknown-unknown", "release", `${crateName}.wasm`);
const wasmFile = join(dist, `${crateName}_bg.wasm`);
const require = createRequire(import.meta.url);

// The proposals rustc's wasm32-unknown-unknown target emits by default and wasm-bindgen
// relies on (multi-value returns, the externref table); Node 20, Chromium and workerd all
// support them. wasm-opt must be told, or it refuses or undoes them.
const WASM_FEATURES = [
  "--enable-bulk-memory",
  "--enable-bulk-memory-opt",
  "--enable-call-indirect-overlong",
  "--enable-multivalue",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-reference-types",
  "--enable-sign-ext",
];

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw new Error(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status ?? result.signal})`);
}

/** The npm binaryen's wasm-opt, never another one on PATH (Debian's is older). */
function wasmOpt() {
  const binaryenPackage = require.resolve("binaryen/package.json");
  const { version } = JSON.parse(readFileSync(binaryenPackage, "utf8"));
  if (!version.startsWith("132.")) throw new Error(`binaryen 132 is required (npm install), found ${version}`);
  return join(dirname(binaryenPackage), "bin", "wasm-opt");
}

function buildWasm() {
  run("cargo", ["rustc", "--release", "--target", "wasm32-unknown-unknown", "--features", "wasm", "--lib", "--crate-type", "cdylib"]);
}

function bindgen() {
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", dist, cargoWasm]);
}

function optimize() {
  run(process.execPath, [wasmOpt(), "-Oz", ...WASM_FEATURES, "--strip-debug", "--strip-producers", wasmFile, "-o", wasmFile]);
}

async function bundleCommonJs() {
  const esbuild = await import("esbuild");
  const outfile = join(dist, "index.cjs");
  console.log(`$ esbuild ${relative(root, join(pkg, "src", "node-cjs.js"))} --format=cjs --outfile=${relative(root, outfile)}`);
  await esbuild.build({
    entryPoints: [join(pkg, "src", "node-cjs.js")],
    outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node18",
    // Keep class names (Key, not _Key) for error messages and console output.
    keepNames: true,
    logLevel: "warning",
    // The glue's async init (the only user of import.meta) is never imported by the
    // CommonJS entry and is tree-shaken away.
    logOverride: { "empty-import-meta": "silent" },
  });
  // The same declarations, under the extension TypeScript expects for a CommonJS file.
  copyFileSync(join(pkg, "index.d.ts"), join(dist, "index.d.cts"));
}

function reportSize() {
  const bytes = readFileSync(wasmFile);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`\n${relative(root, wasmFile)}: ${kib(statSync(wasmFile).size)} raw, ${kib(gzipSync(bytes, { level: 9 }).length)} gzip`);
}

try {
  buildWasm();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  bindgen();
  optimize();
  await bundleCommonJs();
  reportSize();
} catch (error) {
  console.error(`\nbuild failed: ${error.message}`);
  process.exit(1);
}
