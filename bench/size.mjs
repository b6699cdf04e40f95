// Bundle-size report: what each JWT library adds to a browser page or Worker when bundled
// with esbuild (platform "browser", ESM, minified), raw, gzip (zlib level 9) and brotli
// (quality 11). For jwt-wasm the .wasm file, which the bundle fetches next to itself, is
// listed separately and counted in the total.
//
//   npm run build && npm run size
//   node bench/size.mjs --check     # also fail if the wasm outgrows WASM_GZIP_BUDGET
//
// Caveat for reading the numbers: jose calls the platform's WebCrypto, so its bundle holds
// no cryptography; jwt-wasm brings its own (HMAC, SHA-2 and, when built with them, RSA,
// ECDSA and Ed25519) in the wasm. fast-jwt and jsonwebtoken are written for Node and need
// node:crypto; when esbuild cannot bundle them for the browser, that is what is reported.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { pkgDir, requireBuild, root, versionOf, wasmFile } from "./common.mjs";

// The budget --check enforces on the wasm's gzip size: about 25% above the size measured
// when it was set, so that ordinary changes pass and an accidental doubling (a debug
// build, a dependency pulling in a large crate, a lost wasm-opt pass) fails.
// Set on 2026-11-23 from a measured 101,619 bytes gzip (build with HS256/384/512 only);
// re-measure and raise it deliberately when a feature is meant to grow the wasm.
const WASM_GZIP_BUDGET = 127_000;

requireBuild();
const check = process.argv.includes("--check");
const unknown = process.argv.slice(2).filter((arg) => arg !== "--check");
if (unknown.length > 0) {
  console.error(`unknown argument ${unknown[0]}\nusage: node bench/size.mjs [--check]`);
  process.exit(2);
}

const esbuild = await import("esbuild");

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

// The entries: the least an application writes to verify, and to sign and verify.
// Re-exporting keeps exactly the imported functions (and what they use) in the bundle.
const LIBRARIES = [
  { name: "jwt-wasm", verify: "export { verify } from 'jwt-wasm';", both: "export { sign, verify } from 'jwt-wasm';" },
  { name: "jose", verify: "export { jwtVerify } from 'jose';", both: "export { jwtVerify, SignJWT } from 'jose';" },
  {
    name: "fast-jwt",
    verify: "export { createVerifier } from 'fast-jwt';",
    both: "export { createSigner, createVerifier } from 'fast-jwt';",
  },
  { name: "jsonwebtoken", verify: "import jwt from 'jsonwebtoken'; export const verify = jwt.verify;", both: "export { default } from 'jsonwebtoken';" },
];

// A scratch project: entries, and node_modules/jwt-wasm linked to pkg/ so that "jwt-wasm"
// resolves through its own exports map (the "browser" condition), as in an application.
const scratch = mkdtempSync(join(tmpdir(), "jwt-wasm-size-"));
mkdirSync(join(scratch, "node_modules"));
symlinkSync(pkgDir, join(scratch, "node_modules", "jwt-wasm"), "dir");

async function bundle(name, code) {
  const entry = join(scratch, `${name}.mjs`);
  writeFileSync(entry, code);
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      minify: true,
      // es2022: jwt-wasm's browser entry uses top-level await to instantiate the wasm.
      target: "es2022",
      // The peers are installed in the workspace, not in the scratch directory.
      nodePaths: [join(root, "node_modules")],
      logLevel: "silent",
    });
    return { js: sizes(result.outputFiles[0].contents) };
  } catch (error) {
    // esbuild reports each import it cannot resolve; for Node libraries these are the built-ins.
    const missing = [...new Set((error.errors ?? []).map((e) => /Could not resolve "([^"]+)"/.exec(e.text)?.[1]).filter(Boolean))];
    const reason = missing.length > 0 ? `needs ${missing.join(", ")} (Node built-ins or polyfills)` : (error.errors?.[0]?.text ?? error.message);
    return { error: reason };
  }
}

const wasm = sizes(readFileSync(wasmFile));
const fmt = new Intl.NumberFormat("en-US");
const columns = (s) => `${fmt.format(s.raw).padStart(9)} ${fmt.format(s.gzip).padStart(9)} ${fmt.format(s.brotli).padStart(9)}`;
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

console.log(`Bundle sizes, ${new Date().toISOString()}, esbuild ${esbuild.version}, platform browser, ESM, minified.`);
console.log(`Bytes: raw / gzip -9 / brotli q11. Each file is compressed on its own, as a server sends it.\n`);
const label = 44;
console.log(`${"entry".padEnd(label)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)}`);
try {
  for (const lib of LIBRARIES) {
    const version = versionOf(lib.name);
    for (const [kind, code] of [
      ["verify", lib.verify],
      ["sign+verify", lib.both],
    ]) {
      const title = `${lib.name} ${version}, ${kind}`;
      const result = await bundle(`${lib.name}-${kind.replace("+", "-")}`, code);
      if (result.error) {
        console.log(`${title.padEnd(label)} cannot bundle for the browser: ${result.error}`);
      } else if (lib.name === "jwt-wasm") {
        console.log(`${`${title}: total`.padEnd(label)} ${columns(add(result.js, wasm))}`);
        console.log(`${"  JS (bundle)".padEnd(label)} ${columns(result.js)}`);
        console.log(`${"  wasm (jwt_wasm_bg.wasm)".padEnd(label)} ${columns(wasm)}`);
      } else {
        console.log(`${title.padEnd(label)} ${columns(result.js)}`);
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`\njwt-wasm wasm alone: ${fmt.format(wasm.raw)} raw, ${fmt.format(wasm.gzip)} gzip, ${fmt.format(wasm.brotli)} brotli.`);
console.log("jose uses the platform's WebCrypto, so its bundle has no cryptography in it; jwt-wasm ships its own in the wasm.");

if (check) {
  if (wasm.gzip > WASM_GZIP_BUDGET) {
    console.error(`\nsize check FAILED: the wasm is ${fmt.format(wasm.gzip)} bytes gzip, over the budget of ${fmt.format(WASM_GZIP_BUDGET)} (bench/size.mjs WASM_GZIP_BUDGET).`);
    process.exit(1);
  }
  console.log(`\nsize check passed: wasm ${fmt.format(wasm.gzip)} bytes gzip <= budget ${fmt.format(WASM_GZIP_BUDGET)}.`);
}
