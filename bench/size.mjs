// Bundle-size report: what each JWT library adds to a browser page or Worker when bundled
// with esbuild (platform "browser", ESM, minified), raw, gzip (zlib level 9) and brotli
// (quality 11). For wasm-jwt (and wasm-jwt/hs, its HMAC-only build, when the package has
// it) the .wasm file, which the bundle fetches, is listed separately and counted in the total.
//
//   npm run build && npm run size
//   node bench/size.mjs --check     # also fail if a wasm outgrows its WASM_GZIP_BUDGETS entry
//
// Caveat for reading the numbers: jose calls the platform's WebCrypto, so its bundle holds
// no cryptography; wasm-jwt brings its own (HMAC, SHA-2 and, when built with them, RSA,
// ECDSA and Ed25519) in the wasm. fast-jwt and jsonwebtoken are written for Node and need
// node:crypto; when esbuild cannot bundle them for the browser, that is what is reported.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { pkgDir, requireBuild, resolveExport, root, versionOf } from "./common.mjs";

// The budgets --check enforces on each wasm's gzip size: about 25% above the size measured
// when they were set, so that ordinary changes pass and an accidental jump (a debug build,
// a dependency pulling in a large crate, a lost wasm-opt pass) fails. Keyed by the wasm's
// path under pkg/. Raise one deliberately, in the commit that is meant to grow the wasm.
const WASM_GZIP_BUDGETS = {
  // Set on 2026-11-23 from 317,949 bytes gzip (every algorithm family, opt-level "s",
  // no x509-cert), x1.25.
  "dist/wasm_jwt_bg.wasm": 397_000,
  // Set on 2026-11-23 from 69,856 bytes gzip (HS256/384/512 only), x1.25.
  "dist/hs/wasm_jwt_bg.wasm": 87_000,
};

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
const wasmEntries = (spec) => ({ verify: `export { verify } from '${spec}';`, both: `export { sign, verify } from '${spec}';` });
const LIBRARIES = [
  { name: "wasm-jwt", ...wasmEntries("wasm-jwt") },
  // The HMAC-only build, when the package has it.
  ...(resolveExport("./hs", ["browser"]) ? [{ name: "wasm-jwt/hs", ...wasmEntries("wasm-jwt/hs") }] : []),
  { name: "jose", verify: "export { jwtVerify } from 'jose';", both: "export { jwtVerify, SignJWT } from 'jose';" },
  {
    name: "fast-jwt",
    verify: "export { createVerifier } from 'fast-jwt';",
    both: "export { createSigner, createVerifier } from 'fast-jwt';",
  },
  { name: "jsonwebtoken", verify: "import jwt from 'jsonwebtoken'; export const verify = jwt.verify;", both: "export { default } from 'jsonwebtoken';" },
];

// A scratch project: entries, and node_modules/wasm-jwt linked to pkg/ so that "wasm-jwt"
// resolves through its own exports map (the "browser" condition), as in an application.
const scratch = mkdtempSync(join(tmpdir(), "wasm-jwt-size-"));
mkdirSync(join(scratch, "node_modules"));
symlinkSync(pkgDir, join(scratch, "node_modules", "wasm-jwt"), "dir");

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
      // es2022: wasm-jwt's browser entry uses top-level await to instantiate the wasm.
      target: "es2022",
      // The peers are installed in the workspace, not in the scratch directory.
      nodePaths: [join(root, "node_modules")],
      logLevel: "silent",
      metafile: true,
      // Metafile paths are relative to this.
      absWorkingDir: scratch,
    });
    // wasm-jwt's bundle fetches the .wasm next to the wasm-bindgen glue it contains (the
    // glue is not copied, so esbuild leaves that URL alone): find which glue, hence which wasm.
    const wasmFiles = Object.keys(result.metafile.inputs)
      .map((input) => join(scratch, input))
      .filter((input) => input.endsWith("wasm_jwt.js"))
      .map((glue) => join(dirname(glue), "wasm_jwt_bg.wasm"));
    return { js: sizes(result.outputFiles[0].contents), wasmFiles };
  } catch (error) {
    // esbuild reports each import it cannot resolve; for Node libraries these are the built-ins.
    const missing = [...new Set((error.errors ?? []).map((e) => /Could not resolve "([^"]+)"/.exec(e.text)?.[1]).filter(Boolean))];
    const reason = missing.length > 0 ? `needs ${missing.join(", ")} (Node built-ins or polyfills)` : (error.errors?.[0]?.text ?? error.message);
    return { error: reason };
  }
}

const fmt = new Intl.NumberFormat("en-US");
const columns = (s) => `${fmt.format(s.raw).padStart(9)} ${fmt.format(s.gzip).padStart(9)} ${fmt.format(s.brotli).padStart(9)}`;
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

console.log(`Bundle sizes, ${new Date().toISOString()}, esbuild ${esbuild.version}, platform browser, ESM, minified.`);
console.log(`Bytes: raw / gzip -9 / brotli q11. Each file is compressed on its own, as a server sends it.\n`);
const label = 44;
let ownBundleFailed = false;
console.log(`${"entry".padEnd(label)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)}`);
try {
  for (const lib of LIBRARIES) {
    const version = versionOf(lib.name);
    for (const [kind, code] of [
      ["verify", lib.verify],
      ["sign+verify", lib.both],
    ]) {
      const title = `${lib.name} ${version}, ${kind}`;
      const result = await bundle(`${lib.name}-${kind}`.replace(/[^a-z0-9-]/gi, "-"), code);
      if (result.error) {
        console.log(`${title.padEnd(label)} cannot bundle for the browser: ${result.error}`);
        // For a peer this is a finding; for wasm-jwt itself it is a broken package.
        if (lib.name.startsWith("wasm-jwt")) ownBundleFailed = true;
      } else if (result.wasmFiles.length > 0) {
        const wasm = result.wasmFiles.map((file) => ({ file: relative(pkgDir, file), ...sizes(readFileSync(file)) }));
        console.log(`${`${title}: total`.padEnd(label)} ${columns(wasm.reduce(add, result.js))}`);
        console.log(`${"  JS (bundle)".padEnd(label)} ${columns(result.js)}`);
        for (const w of wasm) console.log(`${`  wasm (${w.file})`.padEnd(label)} ${columns(w)}`);
      } else {
        console.log(`${title.padEnd(label)} ${columns(result.js)}`);
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log("\nwasm-jwt's wasm files alone, and the --check budgets (gzip):");
let overBudget = false;
for (const [file, budget] of Object.entries(WASM_GZIP_BUDGETS)) {
  const path = join(pkgDir, file);
  if (!existsSync(path)) {
    console.log(`  ${file}: not built`);
    continue;
  }
  const s = sizes(readFileSync(path));
  const over = s.gzip > budget;
  overBudget ||= over;
  console.log(`  ${file}: ${fmt.format(s.raw)} raw, ${fmt.format(s.gzip)} gzip, ${fmt.format(s.brotli)} brotli; budget ${fmt.format(budget)} gzip${over ? " - OVER BUDGET" : ""}`);
}
console.log("\njose uses the platform's WebCrypto, so its bundle has no cryptography in it; wasm-jwt ships its own in the wasm.");

if (check) {
  if (overBudget || ownBundleFailed) {
    console.error(
      `\nsize check FAILED: ${overBudget ? "a wasm is over its gzip budget (WASM_GZIP_BUDGETS in bench/size.mjs)" : "wasm-jwt did not bundle for the browser"}.`,
    );
    process.exit(1);
  }
  console.log("\nsize check passed: wasm-jwt bundles for the browser and every wasm is within its gzip budget.");
}
