// Builds the npm package in pkg/, five times over: the verify build (every algorithm
// family, no signing, private keys or key generation) into pkg/dist/ for "wasm-jwt", the
// signing build (everything) into pkg/dist/sign/ for "wasm-jwt/sign", the HMAC-only
// builds (much smaller .wasm files) into pkg/dist/hs/ for "wasm-jwt/hs" (verify) and
// pkg/dist/hs/sign/ for "wasm-jwt/hs/sign", and the signing build with JWE into
// pkg/dist/jwe/ for "wasm-jwt/jwe". Each is release wasm -> wasm-bindgen
// (--target web, the one glue all of that build's entries share, patched to copy long
// strings into wasm memory with encodeInto) -> wasm-opt -Oz, plus two bundles made by
// esbuild for Node: CommonJS (index.cjs, the glue inside) and ESM (index.mjs, importing the
// glue), so that each build has exactly one glue file and one .wasm. Every step is checked;
// the first failure stops the build with a non-zero exit.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { NAMES_AND_PRODUCERS, linkMapOf, namedCopyOf, withoutCustomSections } from "./wasm-names.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const dist = join(pkg, "dist");
const crateName = "wasm_jwt";
const targetDir = resolve(root, process.env.CARGO_TARGET_DIR ?? "target");
// Every build's cargo output lands here; each is taken through wasm-bindgen before the next.
const cargoWasm = join(targetDir, "wasm32-unknown-unknown", "release", `${crateName}.wasm`);
// Every CommonJS bundle requires this one file for JwtError, so that it is one class under
// require() as it is under import (where every build imports src/jwt-error.js).
const sharedJwtErrorCjs = join(dist, "jwt-error.cjs");

// The HMAC-only builds: sha2's compact rounds (below), and LLVM's inlining threshold at 25
// instead of opt-level "s"'s default: 1.2 KB gzip less wasm, with no more than a few dozen
// more calls per HS256 verify (counted; time and instructions unchanged, docs/size.md).
// Opt-level "z", tried instead, saved 1.8 KB but left base64url and the JSON scan's
// helpers as calls: HS256 verify 1.2x slower.
const HMAC_ONLY_RUST_FLAGS = '--cfg sha2_backend_soft="compact" -C llvm-args=-inline-threshold=25';

const BUILDS = [
  {
    // Without the cargo feature "sign": what only signing needs (the Ed25519 basepoint
    // table, crypto-primes' tables, private key parsing) is not in its wasm.
    name: "verify",
    cargoFeatures: ["--no-default-features", "--features", "std,wasm,rsa,ecdsa,eddsa"],
    outDir: dist,
    commonJsEntry: join(pkg, "src", "node-cjs.js"),
    nodeEsmEntry: join(pkg, "src", "node.js"),
  },
  {
    name: "sign",
    cargoFeatures: ["--no-default-features", "--features", "std,wasm,rsa,ecdsa,eddsa,sign,rand"],
    outDir: join(dist, "sign"),
    commonJsEntry: join(pkg, "src", "sign", "node-cjs.js"),
    nodeEsmEntry: join(pkg, "src", "sign", "node.js"),
  },
  {
    // HMAC verification alone, as "wasm-jwt" is of every family: signing and key generation
    // are in "wasm-jwt/hs/sign" (5 KB gzip more). SHA-2 by sha2's compact (rolled-up)
    // rounds: 3.0 KB gzip less, the largest part of this wasm, for HMAC about 5-12% slower
    // than the unrolled rounds the other builds keep (docs/size.md).
    name: "HMAC-only",
    cargoFeatures: ["--no-default-features", "--features", "std,wasm"],
    rustFlags: HMAC_ONLY_RUST_FLAGS,
    outDir: join(dist, "hs"),
    commonJsEntry: join(pkg, "src", "hs", "node-cjs.js"),
    nodeEsmEntry: join(pkg, "src", "hs", "node.js"),
  },
  {
    // The HMAC-only build with signing and Key.generate, for "wasm-jwt/hs/sign".
    name: "HMAC-only signing",
    cargoFeatures: ["--no-default-features", "--features", "std,wasm,sign,rand"],
    rustFlags: HMAC_ONLY_RUST_FLAGS,
    outDir: join(dist, "hs", "sign"),
    commonJsEntry: join(pkg, "src", "hs", "sign", "node-cjs.js"),
    nodeEsmEntry: join(pkg, "src", "hs", "sign", "node.js"),
  },
  {
    // The full build plus encrypted tokens, for "wasm-jwt/jwe": a .wasm of its own, so
    // that the JWS entries do not carry JWE's ciphers.
    name: "JWE",
    cargoFeatures: ["--no-default-features", "--features", "std,wasm,rsa,ecdsa,eddsa,jwe,rand"],
    outDir: join(dist, "jwe"),
    commonJsEntry: join(pkg, "src", "jwe", "node-cjs.js"),
    nodeEsmEntry: join(pkg, "src", "jwe", "node.js"),
  },
];

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

// The wasm memory may grow to this many bytes and no further, so that no input can make
// a page or Worker hold more (Workers allow 128 MiB per isolate in all): an allocation past
// it traps, which the wrapper reports as JwtError "internal" and recovers from.
const WASM_MAX_MEMORY = 256 * 1024 * 1024;

// The linker's map (every symbol's address and size) goes next to the named copy, so that
// bench/size.mjs can say which symbols a data segment holds; wasm-bindgen and wasm-opt keep
// data at the addresses the linker gave it.
function buildWasm(build) {
  const linkMap = linkMapOf(wasmFile(build));
  mkdirSync(dirname(linkMap), { recursive: true });
  // RUSTFLAGS reach the dependencies (sha2's backend); cargo keeps their artifacts apart
  // by flags, so the builds do not rebuild each other's.
  const rustFlags = [process.env.RUSTFLAGS, build.rustFlags].filter(Boolean).join(" ");
  run("cargo", [
    "rustc", "--release", "--target", "wasm32-unknown-unknown", ...build.cargoFeatures, "--lib", "--crate-type", "cdylib",
    "--", "-C", `link-arg=--max-memory=${WASM_MAX_MEMORY}`, "-C", "link-arg=--export=__stack_pointer", "-C", `link-arg=--Map=${linkMap}`,
  ], rustFlags ? { env: { ...process.env, RUSTFLAGS: rustFlags } } : {});
}

function bindgen(build) {
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", build.outDir, cargoWasm]);
}

// wasm-bindgen's glue copies a string into wasm memory one UTF-16 unit at a time while it
// is ASCII (and hands the rest to TextEncoder.encodeInto): cheaper than the call into
// encodeInto for a few characters, but in Node 20 about 3 ns a character, so 1 us of a 365-
// character token's 7 us verify, where encodeInto takes 0.2-0.3 us (measured crossing over
// at 48-64 characters). The patch lets encodeInto copy a string of 64 units or more first;
// when it read them all they were all ASCII (anything else takes two or more bytes and
// cannot fit in as many bytes as units), otherwise the glue's own loop starts over from 0
// and goes on as before, so the bytes written are the same in every case.
const GLUE_ENCODE_INTO_PATCH = [
  {
    before: "function passStringToWasm0(arg, malloc, realloc) {\n",
    insert:
      "// Patched in by scripts/build.mjs (GLUE_ENCODE_INTO_PATCH): encodeInto copies a string of\n" +
      "// this many UTF-16 units or more, if all ASCII, faster than the loop below.\n" +
      'const ENCODE_INTO_FROM_LENGTH = typeof TextEncoder.prototype.encodeInto === "function" ? 64 : Infinity;\n\n',
  },
  {
    after: "    const mem = getUint8ArrayMemory0();\n\n    let offset = 0;\n",
    insert: "    if (len >= ENCODE_INTO_FROM_LENGTH && cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len)).read === len) offset = len;\n",
  },
];

/** Applies GLUE_ENCODE_INTO_PATCH to the build's glue; stops the build if wasm-bindgen's output no longer matches. */
function patchGlue(build) {
  const file = join(build.outDir, `${crateName}.js`);
  let glue = readFileSync(file, "utf8");
  for (const { before, after, insert } of GLUE_ENCODE_INTO_PATCH) {
    const anchor = before ?? after;
    if (glue.split(anchor).length !== 2) throw new Error(`${relative(root, file)}: wasm-bindgen's passStringToWasm0 changed; update GLUE_ENCODE_INTO_PATCH in scripts/build.mjs`);
    glue = glue.replace(anchor, () => (before ? insert + anchor : anchor + insert));
  }
  writeFileSync(file, glue);
}

function wasmFile(build) {
  return join(build.outDir, `${crateName}_bg.wasm`);
}

// -Oz, and the target_features section (read by linkers only) dropped. Measured against the
// other wasm-opt choices (-Os, -O3, --converge, --gufa, -Oz twice): none is more than 0.2%
// smaller or measurably faster; bench/README.md has the table. A function with one caller
// is inlined into it only up to 1000 (binaryen's size measure; by default at any size):
// V8 compiles a wasm function whole at its first call, and merging every algorithm's
// verification into one 51 KB function made the first HS256 verify of the verify build
// compile all of it (106 KB of code in all; 90 KB with this). The wasm is smaller too.
const WASM_OPT_PASSES = ["-Oz", "--strip-target-features", "--one-caller-inline-max-function-size=1000"];

// Optimized once, keeping the function names (--debuginfo), into a copy under target/ that
// bench/size.mjs hands to twiggy; the shipped wasm is that copy without its "name" and
// "producers" sections, cut out here byte for byte (a second wasm-opt run to strip them
// re-encodes the code, about 200 bytes larger), so both have the very same code.
function optimize(build) {
  const named = namedCopyOf(wasmFile(build));
  mkdirSync(dirname(named), { recursive: true });
  run(process.execPath, [wasmOpt(), ...WASM_OPT_PASSES, ...WASM_FEATURES, "--debuginfo", wasmFile(build), "-o", named]);
  writeFileSync(wasmFile(build), withoutCustomSections(readFileSync(named), NAMES_AND_PRODUCERS));
}

/** Resolves src/jwt-error.js to the shared dist/jwt-error.cjs, required at run time from `outDir`. */
function sharedJwtError(outDir) {
  const path = relative(outDir, sharedJwtErrorCjs);
  const fromBundle = path.startsWith("..") ? path : `./${path}`;
  return {
    name: "shared-jwt-error",
    setup(esbuild) {
      esbuild.onResolve({ filter: /\/jwt-error\.js$/ }, () => ({ path: fromBundle, external: true }));
    },
  };
}

const ESBUILD_NODE = {
  platform: "node",
  target: "node18",
  // Keep class names (Key, not _Key) for error messages and console output.
  keepNames: true,
  logLevel: "warning",
};

async function bundleSharedJwtError() {
  const esbuild = await import("esbuild");
  console.log(`$ esbuild pkg/src/jwt-error.js --format=cjs --outfile=${relative(root, sharedJwtErrorCjs)}`);
  await esbuild.build({ ...ESBUILD_NODE, format: "cjs", entryPoints: [join(pkg, "src", "jwt-error.js")], outfile: sharedJwtErrorCjs });
}

async function bundleCommonJs(build) {
  const esbuild = await import("esbuild");
  const outfile = join(build.outDir, "index.cjs");
  console.log(`$ esbuild ${relative(root, build.commonJsEntry)} --bundle --format=cjs --outfile=${relative(root, outfile)}`);
  await esbuild.build({
    ...ESBUILD_NODE,
    format: "cjs",
    entryPoints: [build.commonJsEntry],
    outfile,
    bundle: true,
    plugins: [sharedJwtError(build.outDir)],
    // The glue's async init (the only user of import.meta) is never imported by the
    // CommonJS entry and is tree-shaken away.
    logOverride: { "empty-import-meta": "silent" },
  });
}

/**
 * Resolves the build's glue to ./wasm_jwt.js and src/jwt-error.js to itself, both kept as
 * modules of their own, imported at run time from the ESM bundle in `outDir`: the glue module
 * stays the build's one instance (the browser-side API over it, and the tests that read its
 * memory, share the entry's), and JwtError stays one class across the builds under import.
 */
function sharedEsmModules(outDir) {
  const jwtError = relative(outDir, join(pkg, "src", "jwt-error.js"));
  return {
    name: "shared-esm-modules",
    setup(esbuild) {
      esbuild.onResolve({ filter: /\/wasm_jwt\.js$/ }, () => ({ path: "./wasm_jwt.js", external: true }));
      esbuild.onResolve({ filter: /\/jwt-error\.js$/ }, () => ({ path: jwtError, external: true }));
    },
  };
}

// Node's ESM loader costs about half a millisecond of start-up per module (resolve, read,
// compile, link): the Node ESM entry, ten modules for wasm-jwt, is bundled into one, which
// imports only the glue and jwt-error.js.
async function bundleNodeEsm(build) {
  const esbuild = await import("esbuild");
  const outfile = join(build.outDir, "index.mjs");
  console.log(`$ esbuild ${relative(root, build.nodeEsmEntry)} --bundle --format=esm --outfile=${relative(root, outfile)}`);
  await esbuild.build({
    ...ESBUILD_NODE,
    format: "esm",
    entryPoints: [build.nodeEsmEntry],
    outfile,
    bundle: true,
    plugins: [sharedEsmModules(build.outDir)],
  });
}

/**
 * The same declarations, under the extension TypeScript expects for a CommonJS file; for
 * wasm-jwt and wasm-jwt/sign alike (one API: the verify build's sign and Key.generate throw).
 */
function writeFullTypes() {
  copyFileSync(join(pkg, "index.d.ts"), join(dist, "index.d.cts"));
}

/**
 * wasm-jwt/hs and wasm-jwt/hs/sign have the same API, so their declarations are index.d.ts
 * with `Algorithm` limited to the HMAC names (which narrows every option and method that
 * takes one).
 */
function writeHmacOnlyTypes(build) {
  const full = readFileSync(join(pkg, "index.d.ts"), "utf8");
  const algorithmType = /^export type Algorithm =[^;]*;$/m;
  if (!algorithmType.test(full)) throw new Error("pkg/index.d.ts has no `export type Algorithm = ...;` to narrow for wasm-jwt/hs");
  const hmacOnly =
    "// wasm-jwt/hs and wasm-jwt/hs/sign, the HMAC-only builds: written by scripts/build.mjs from\n" +
    "// pkg/index.d.ts with Algorithm limited to HS256/384/512. Key.fromPem and key.toPem throw\n" +
    "// unsupported_alg in both; sign, Key.generate, key.toJwk and key.thumbprint in wasm-jwt/hs\n" +
    "// (they are in wasm-jwt/hs/sign).\n" +
    full.replace(algorithmType, 'export type Algorithm = "HS256" | "HS384" | "HS512";');
  writeFileSync(join(build.outDir, "index.d.ts"), hmacOnly);
  writeFileSync(join(build.outDir, "index.d.cts"), hmacOnly);
}

/**
 * wasm-jwt/jwe has wasm-jwt's API and JWE's, so its declarations are index.d.ts followed by
 * src/jwe/jwe-api.d.ts (decrypt, decryptJwt, encrypt, encryptJwt and their types).
 */
function writeJweTypes(build) {
  const full = readFileSync(join(pkg, "index.d.ts"), "utf8");
  const jwe = readFileSync(join(pkg, "src", "jwe", "jwe-api.d.ts"), "utf8");
  const types = "// wasm-jwt/jwe: written by scripts/build.mjs from pkg/index.d.ts and pkg/src/jwe/jwe-api.d.ts.\n" + full + "\n" + jwe;
  writeFileSync(join(build.outDir, "index.d.ts"), types);
  writeFileSync(join(build.outDir, "index.d.cts"), types);
}

/** The repository README and licences, so that the package page and `npm pack` carry them. */
function copyReadmeAndLicences() {
  for (const file of ["README.md", "LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(join(root, file), join(pkg, file));
}

function reportSize(build) {
  const file = wasmFile(build);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const gzip = gzipSync(readFileSync(file), { level: 9 }).length;
  return `${relative(root, file)} (${build.name}): ${kib(statSync(file).size)} raw, ${kib(gzip)} gzip`;
}

try {
  const sizes = [];
  for (const build of BUILDS) {
    buildWasm(build);
    // Cleared once the first cargo build has succeeded, so that a failing one leaves the last package intact.
    if (build === BUILDS[0]) rmSync(dist, { recursive: true, force: true });
    mkdirSync(build.outDir, { recursive: true });
    bindgen(build);
    patchGlue(build);
    optimize(build);
    await bundleCommonJs(build);
    await bundleNodeEsm(build);
    sizes.push(reportSize(build));
  }
  await bundleSharedJwtError();
  writeFullTypes();
  for (const build of BUILDS.filter(({ name }) => name.startsWith("HMAC-only"))) writeHmacOnlyTypes(build);
  writeJweTypes(BUILDS.find((build) => build.name === "JWE"));
  copyReadmeAndLicences();
  console.log(`\n${sizes.join("\n")}`);
} catch (error) {
  console.error(`\nbuild failed: ${error.message}`);
  process.exit(1);
}
