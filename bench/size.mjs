// Bundle-size report: what each JWT library adds to a browser page or Worker when bundled
// with esbuild (platform "browser", ESM, minified), raw, gzip (zlib level 9) and brotli
// (quality 11). For wasm-jwt (the verify build), wasm-jwt/sign (the signing build),
// wasm-jwt/hs (the HMAC-only build) and wasm-jwt/jwe (the signing build with JWE) the .wasm
// file, which the bundle fetches, is listed separately and counted in the total; then the
// largest contributors of each wasm (functions and data, by size) when twiggy is installed.
//
//   npm run build && npm run size
//   node bench/size.mjs --check     # also fail if an entry's bundle outgrows its budget
//
// Caveat for reading the numbers: jose calls the platform's WebCrypto, so its bundle holds
// no cryptography; wasm-jwt brings its own (HMAC, SHA-2 and, when built with them, RSA,
// ECDSA and Ed25519) in the wasm. fast-jwt and jsonwebtoken are written for Node and need
// node:crypto; when esbuild cannot bundle them for the browser, that is what is reported.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { NAMES_AND_PRODUCERS, linkMapOf, namedCopyOf, withoutCustomSections } from "../scripts/wasm-names.mjs";
import { pkgDir, requireBuild, resolveExport, root, versionOf } from "./common.mjs";

// What issue 9 measures and --check enforces: the gzip -9 size of JS + wasm that a browser
// bundle of `import { decode, verify, Key } from ENTRY` ships; for wasm-jwt/jwe, what
// decrypting needs, `import { decrypt, decryptJwt, Key } from "wasm-jwt/jwe"`.
const BUDGETED_IMPORTS = ["decode", "verify", "Key"];
const JWE_BUDGETED_IMPORTS = ["decrypt", "decryptJwt", "Key"];

// The budgets --check enforces on that total, per entry: a few percent above the size
// measured when they were set, so that ordinary changes pass and an accidental jump (a
// debug build, a dependency pulling in a large crate, a lost wasm-opt pass) fails. Lower
// one in the commit that shrinks the entry; raise one only deliberately, in the commit
// meant to grow it. The targets are issue 9's: 150 KB for wasm-jwt (the verify build, which
// pages and Workers import), 30 KB for wasm-jwt/hs; wasm-jwt/sign and wasm-jwt/hs/sign have none.
const BUNDLE_GZIP_BUDGETS = {
  // Set on 2026-12-01 to the target, from 147,549 bytes (JS 7,039 + wasm 140,510), when RSA
  // verification became the crate's own arithmetic and ECDSA's crates went to opt-level "s"
  // (174,235 before; 174,918 before quoted text stopped using char::escape_debug's Unicode
  // tables; 177,268 before talc replaced dlmalloc; 181,633 before error messages stopped
  // using core::fmt; wasm-jwt became the verify build, without the cargo feature "sign", at
  // 181,390; 321,119 with signing). x1.03 would pass a build above the target.
  "wasm-jwt": { budget: 150_000, target: 150_000 },
  // Set on 2026-12-01 from 295,402 bytes (JS 7,148 + wasm 288,254), x1.03 (310,000 was
  // 300,947 x1.03).
  "wasm-jwt/sign": { budget: 304_300 },
  // Set on 2026-12-02 from 44,030 bytes, plus about 450, when the browser entries stopped
  // using the glue's async init (src/compile-wasm.js, -329); 44,359 (budget 44,800) with LLVM's inlining threshold at 25
  // for the HMAC-only builds (-1,149; scripts/build.mjs); 45,508 (budget 45,950) when key.toJwk and key.thumbprint
  // left wasm-jwt/hs for wasm-jwt/hs/sign (-2,296). Before: 47,827 (JS 6,068 + wasm 41,759), when
  // HMAC became the crate's own over sha2's compression functions (src/algorithms/sha.rs,
  // -1,410); 49,237 (budget 49,700) when wasm-jwt/hs became the HMAC-only verify build
  // (signing and Key.generate moved to wasm-jwt/hs/sign, -5,352). Before, when it signed too:
  // Raised on 2026-12-02 from 54,550 to 54,950, deliberately: an options object is now
  // compared at each use with what it held when read, and read again if changed (JS +399
  // gzip; 54,589 = JS 6,256 + wasm 48,333, with HMAC tags compared by words, +58), plus
  // about 450 as before. Set on 2026-12-02 from 54,111 bytes (JS 5,857 + wasm 48,254), plus about 450 bytes: claims
  // read in place (+1,234), one MAC path for sign and verify (-1,627), the HMAC state kept
  // after a first block of the header (+846; HS256 sign and verify 3-4% faster); 54,132 with
  // that block's check for a `.`, the block kept in the state's allocation. Before: 53,737 (JS 5,857 +
  // wasm 47,880), budget 54,200, set plus about 450 bytes from the
  // 53,312 of docs/size.md's "Done at the end of 2026-12-01" with issue 8's sign and decode
  // work (+425: the header kept per sign options object, the texts of decode; budget 53,800
  // before it); 59,831 before those steps (budget 60,300; 65,919 before duplicate names
  // were found by a heapsort, the platform paths and createVerifier left the bundles that do not use them, and this build took
  // sha2's compact rounds; 66,300 was 64,339 x1.03).
  "wasm-jwt/hs": { budget: 44_480, target: 30_000 },
  // The HMAC-only signing build: what wasm-jwt/hs was until 2026-12-02 (54,597 then, budget
  // 54,950). Set from 53,313 (JS 6,264 + wasm 47,049), plus about 450, with the crate's own HMAC;
  // 51,709 plus about 450 with the inlining threshold at 25 (-1,646); 51,379 plus about 450
  // without the glue's async init (-330).
  "wasm-jwt/hs/sign": { budget: 51_830 },
  // JWE's own entry (the signing build plus JWE, { decrypt, decryptJwt, Key }), budgeted apart
  // so that the JWS entries do not carry it. Set on 2026-12-01 from 341,576 bytes (JS 9,064 +
  // wasm 332,512), x1.03 (358,000 was 347,571 x1.03); no target.
  "wasm-jwt/jwe": { budget: 351_900 },
};

// How many of a wasm's largest items, crates and data symbols the contributor listing shows.
const TOP_ITEMS = 20;
const TOP_CRATES = 15;
const TOP_DATA_SYMBOLS = 8;

requireBuild();
const check = process.argv.includes("--check");
const write = process.argv.includes("--write");
const unknown = process.argv.slice(2).filter((arg) => arg !== "--check" && arg !== "--write");
if (unknown.length > 0) {
  console.error(`unknown argument ${unknown[0]}\nusage: node bench/size.mjs [--check] [--write]`);
  process.exit(2);
}

const esbuild = await import("esbuild");

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

// The entries: what an application imports to decode and verify (the budgeted bundle),
// and to sign as well. Re-exporting keeps exactly the imported names (and what they use).
// wasm-jwt itself only verifies (its sign throws): its sign+verify bundle is wasm-jwt/sign's.
const wasmEntries = (spec, { signs = true, imports = BUDGETED_IMPORTS, more = ["sign"] } = {}) => ({
  verify: `export { ${imports.join(", ")} } from '${spec}';`,
  both: signs ? `export { ${[...imports, ...more].join(", ")} } from '${spec}';` : undefined,
});
// `about`: what the README's size table (--write) says of the entry.
const LIBRARIES = [
  { name: "wasm-jwt", about: "every family, verify only: public keys, PEM, certificates", ...wasmEntries("wasm-jwt", { signs: false }) },
  ...(resolveExport("./sign", ["browser"]) ? [{ name: "wasm-jwt/sign", about: "every family, with signing, key generation and private keys", ...wasmEntries("wasm-jwt/sign") }] : []),
  // The HMAC-only builds, when the package has them. wasm-jwt/hs only verifies (its sign
  // throws): its sign+verify bundle is wasm-jwt/hs/sign's.
  ...(resolveExport("./hs", ["browser"])
    ? [{ name: "wasm-jwt/hs", about: "HMAC only, verify only; SHA-2 by compact rounds, HMAC 2-9% slower than `wasm-jwt`'s", ...wasmEntries("wasm-jwt/hs", { signs: false }) }]
    : []),
  ...(resolveExport("./hs/sign", ["browser"]) ? [{ name: "wasm-jwt/hs/sign", about: "HMAC only, with signing, key generation and key export", ...wasmEntries("wasm-jwt/hs/sign") }] : []),
  // The JWE build: decrypting, then encrypting as well.
  ...(resolveExport("./jwe", ["browser"])
    ? [{ name: "wasm-jwt/jwe", about: "the signing build with JWE", ...wasmEntries("wasm-jwt/jwe", { imports: JWE_BUDGETED_IMPORTS, more: ["encrypt", "encryptJwt"] }) }]
    : []),
  // The peers' nearest equivalents of decode, verify and a key import.
  {
    name: "jose",
    about: "`decodeJwt`, `jwtVerify`, `importJWK`",
    verify: "export { decodeJwt, jwtVerify, importJWK } from 'jose';",
    both: "export { decodeJwt, jwtVerify, importJWK, SignJWT } from 'jose';",
  },
  {
    name: "fast-jwt",
    verify: "export { createDecoder, createVerifier } from 'fast-jwt';",
    both: "export { createDecoder, createSigner, createVerifier } from 'fast-jwt';",
  },
  {
    name: "jsonwebtoken",
    verify: "import jwt from 'jsonwebtoken'; export const { decode, verify } = jwt;",
    both: "export { default } from 'jsonwebtoken';",
  },
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
const label = 54;
let ownBundleFailed = false;
// The budgeted bundle's total per wasm-jwt entry, and the wasm files the bundles fetch.
const budgeted = new Map();
// The README's size table: per entry, the budgeted bundle's JS and wasm gzip and its totals.
const readmeRows = [];
const shippedWasm = new Set();
console.log(`${"entry".padEnd(label)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)}`);
try {
  for (const lib of LIBRARIES) {
    const version = versionOf(lib.name);
    for (const [kind, code] of [
      ["verify", lib.verify],
      ["sign+verify", lib.both],
    ]) {
      if (code === undefined) continue;
      const imports = /\{([^}]*)\}/.exec(code)?.[1].trim() ?? kind;
      const title = `${lib.name} ${version}, ${lib.name.startsWith("wasm-jwt") ? `{ ${imports} }` : kind}`;
      const result = await bundle(`${lib.name}-${kind}`.replace(/[^a-z0-9-]/gi, "-"), code);
      if (result.error) {
        console.log(`${title.padEnd(label)} cannot bundle for the browser: ${result.error}`);
        // For a peer this is a finding; for wasm-jwt itself it is a broken package.
        if (lib.name.startsWith("wasm-jwt")) ownBundleFailed = true;
      } else if (result.wasmFiles.length > 0) {
        const wasm = result.wasmFiles.map((file) => ({ file: relative(pkgDir, file), ...sizes(readFileSync(file)) }));
        const total = wasm.reduce(add, result.js);
        if (kind === "verify") {
          budgeted.set(lib.name, total);
          readmeRows.push({ lib, js: result.js, wasm: wasm.reduce(add, { raw: 0, gzip: 0, brotli: 0 }), total });
        }
        for (const file of result.wasmFiles) shippedWasm.add(file);
        console.log(`${`${title}: total`.padEnd(label)} ${columns(total)}`);
        console.log(`${"  JS (bundle)".padEnd(label)} ${columns(result.js)}`);
        for (const w of wasm) console.log(`${`  wasm (${w.file})`.padEnd(label)} ${columns(w)}`);
      } else {
        if (kind === "verify") readmeRows.push({ lib, js: result.js, total: result.js });
        console.log(`${title.padEnd(label)} ${columns(result.js)}`);
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log("\njose uses the platform's WebCrypto, so its bundle has no cryptography in it; wasm-jwt ships its own in the wasm.");

console.log(`\nBudgets (--check) on the gzip total of JS + wasm of { ${BUDGETED_IMPORTS.join(", ")} } (wasm-jwt/jwe: { ${JWE_BUDGETED_IMPORTS.join(", ")} }), and issue 9's targets:`);
let overBudget = false;
for (const [entry, { budget, target }] of Object.entries(BUNDLE_GZIP_BUDGETS)) {
  const total = budgeted.get(entry);
  if (total === undefined) {
    console.log(`  ${entry}: not bundled, so not checked`);
    continue;
  }
  const over = total.gzip > budget;
  overBudget ||= over;
  const toTarget =
    target === undefined ? "" : total.gzip > target ? `; ${fmt.format(total.gzip - target)} over the target of ${fmt.format(target)}` : `; within the target of ${fmt.format(target)}`;
  console.log(`  ${entry}: ${fmt.format(total.gzip)} gzip; budget ${fmt.format(budget)}${over ? " - OVER BUDGET" : ""}${toTarget}`);
}

printContributors([...shippedWasm]);

if (write) writeReadmeTable();

if (check) {
  if (overBudget || ownBundleFailed) {
    console.error(
      `\nsize check FAILED: ${overBudget ? "an entry's bundle is over its gzip budget (BUNDLE_GZIP_BUDGETS in bench/size.mjs)" : "wasm-jwt did not bundle for the browser"}.`,
    );
    process.exit(1);
  }
  console.log("\nsize check passed: wasm-jwt bundles for the browser and every entry's bundle is within its gzip budget.");
}

// ---- the README's table (--write) ------------------------------------------------------

/**
 * Rewrites the README's size table, between its `<!-- size:start -->` and `<!-- size:end -->`
 * lines, from this run: the figures in the README are this script's, never copied by hand.
 */
function writeReadmeTable() {
  const readme = join(root, "README.md");
  const text = readFileSync(readme, "utf8");
  const block = /(<!-- size:start -->)[\s\S]*?(\n *<!-- size:end -->)/;
  if (!block.test(text)) throw new Error("README.md has no <!-- size:start --> ... <!-- size:end --> block");
  const indent = "  ";
  const cell = (value) => (value === undefined ? "" : fmt.format(value));
  const lines = [
    `${indent}(esbuild ${esbuild.version}, minified; written by \`npm run size -- --write\` on ${new Date().toISOString().slice(0, 10)})`,
    "",
    `${indent}| entry | JS gzip | wasm gzip | total gzip | total brotli |`,
    `${indent}|---|---|---|---|---|`,
    ...readmeRows.map(({ lib, js, wasm, total }) => {
      const name = lib.name.startsWith("wasm-jwt") ? `\`${lib.name}\` (${lib.about})` : `${lib.name} (${lib.about})`;
      return `${indent}| ${name} | ${cell(js.gzip)} | ${cell(wasm?.gzip)} | ${cell(total.gzip)} | ${cell(total.brotli)} |`;
    }),
  ];
  writeFileSync(readme, text.replace(block, (_, start, end) => `${start}\n${lines.join("\n")}${end}`));
  console.log("\nWrote the size table in README.md.");
}

// ---- largest contributors (twiggy) -----------------------------------------------------

/** twiggy from PATH or cargo's bin directory, or undefined when it is not installed. */
function findTwiggy() {
  for (const candidate of ["twiggy", join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin", "twiggy")]) {
    if (spawnSync(candidate, ["--version"]).status === 0) return candidate;
  }
  return undefined;
}

/**
 * The crate an item of twiggy's belongs to, from its demangled name: the first path
 * segment, looking through `<`, `&`, `dyn` and `impl` (so `<&mut serde_json::de::X as
 * serde_core::Y>::f` is serde_json's); wasm-bindgen's export shims and data segments keep
 * their own labels.
 */
function crateOf(name) {
  if (name.endsWith(" multivalue shim")) return "(wasm-bindgen export shims, with the binding inlined)";
  if (name.startsWith("data segment")) return "(data segments)";
  if (name.startsWith("elem[") || name.startsWith("table[") || /^(type|import|export|global|func)\[/.test(name)) return "(tables, types, imports, exports)";
  // `<f64 as zmij::Trait>::f`, `<T as alloc::Trait>::f`, `<char>::f`: a primitive's or a
  // type parameter's methods are its trait's crate's, or core's.
  const primitive = /^<(?:[a-z0-9]+|[A-Z]|\[[^\]]*\])(?: as ([A-Za-z_][A-Za-z0-9_]*)::|>::)/.exec(name);
  if (primitive) return primitive[1] ?? "core";
  const path = /^[<&\s]*(?:mut |dyn |impl |const )*([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  return path ? path[1] : name.replace(/::h[0-9a-f]{16}$/, "");
}

/**
 * For the named wasm `bytes` and the linker map at `mapFile`, a function from a data
 * segment's name to a note on the largest symbols it holds (empty without the map), with
 * the map's largest data symbols as its `largest` (wasm-opt splits a table with zero runs,
 * such as crypto-primes' RECIPROCALS, over many segments).
 */
function dataSymbols(bytes, mapFile) {
  if (!existsSync(mapFile)) return Object.assign(() => "", { largest: [] });
  const segments = dataSegmentsByName(bytes);
  const symbols = linkMapDataSymbols(readFileSync(mapFile, "utf8"));
  const largest = [...symbols].sort((a, b) => b.size - a.size).slice(0, TOP_DATA_SYMBOLS);
  return Object.assign((segmentName) => {
    const segment = segments.get(segmentName);
    if (!segment) return "";
    const inside = symbols
      .map((symbol) => ({ ...symbol, bytes: Math.min(symbol.address + symbol.size, segment.end) - Math.max(symbol.address, segment.start) }))
      .filter((symbol) => symbol.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 2);
    return inside.length === 0 ? "" : `: ${inside.map((symbol) => `${symbol.name} ${fmt.format(symbol.bytes)}`).join(", ")}`;
  }, { largest });
}

/** Each active data segment's [start, end) in memory, by its name in the "name" section. */
function dataSegmentsByName(bytes) {
  let offset = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const ranges = [];
  const names = new Map();
  while (offset < bytes.length) {
    const id = bytes[offset++];
    const end = leb() + offset;
    if (id === 11) {
      for (let count = leb(), index = 0; index < count; index++) {
        const flags = leb();
        let start;
        // Active segment of memory 0 with an i32.const offset (what wasm-ld emits): flags 0, or 2 with memory index 0.
        if (flags === 0 || flags === 2) {
          if (flags === 2) leb();
          if (bytes[offset++] !== 0x41) return new Map();
          start = readSignedLeb();
          offset++; // end
        }
        const size = leb();
        ranges[index] = start === undefined ? undefined : { start, end: start + size };
        offset += size;
      }
    } else if (id === 0) {
      const nameLength = leb();
      const sectionName = bytes.subarray(offset, offset + nameLength).toString("utf8");
      offset += nameLength;
      while (sectionName === "name" && offset < end) {
        const subsection = bytes[offset++];
        const subsectionEnd = leb() + offset;
        if (subsection === 9) {
          for (let count = leb(); count > 0; count--) {
            const index = leb();
            const length = leb();
            names.set(bytes.subarray(offset, offset + length).toString("utf8"), index);
            offset += length;
          }
        }
        offset = subsectionEnd;
      }
    }
    offset = end;
  }
  return new Map([...names].filter(([, index]) => ranges[index]).map(([name, index]) => [name, ranges[index]]));

  function readSignedLeb() {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return byte & 0x40 ? value - 2 ** shift : value;
  }
}

/** The data symbols of a wasm-ld map: address, size and readable name. */
function linkMapDataSymbols(map) {
  const symbols = [];
  for (const line of map.split("\n")) {
    const [address, , size, ...rest] = line.trim().split(/\s+/);
    const text = rest.join(" ");
    if (!/^[0-9a-f]+$/.test(address) || !/^[0-9a-f]+$/.test(size ?? "") || text === "") continue;
    // Output sections (".rodata") and input sections ("file.o:(.rodata.x)") frame the
    // symbols; only the linker's own merged constants have no symbol of their own.
    let name;
    if (text.startsWith("<internal>:(")) name = "(merged string constants)";
    else if (text.includes(":(") || /^\.[a-z]+$/.test(text)) continue;
    else name = text.startsWith(".L") ? "(anonymous constant)" : demangle(text);
    symbols.push({ address: parseInt(address, 16), size: parseInt(size, 16), name });
  }
  return symbols;
}

/** A mangled Rust symbol (legacy `_ZN...E` or v0 `_R...`) as a short path without the hash; other names as they are. */
function demangle(symbol) {
  const legacy = /^_ZN(.*)E$/.exec(symbol);
  const v0 = /^_R.*?Cs[0-9A-Za-z]*_(\d.*)$/.exec(symbol);
  const encoded = legacy?.[1] ?? v0?.[1];
  if (encoded === undefined) return symbol;
  // A run of <length><identifier>; v0 symbols end where the run does.
  const parts = [];
  for (let rest = encoded; /^\d/.test(rest); ) {
    const length = /^\d+/.exec(rest)[0];
    parts.push(rest.slice(length.length, length.length + Number(length)));
    rest = rest.slice(length.length + Number(length));
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  // crate::…::module::NAME: the crate and the item are what a reader needs.
  if (parts.length > 4) parts.splice(1, parts.length - 3, "…");
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&").replace(/\.\./g, "::");
}

/** Prints, for each wasm, its largest items and crates, from its named copy under target/. */
function printContributors(wasmFiles) {
  const twiggy = findTwiggy();
  console.log("\nLargest contributors of each wasm (raw bytes of the shipped wasm, before compression):");
  if (!twiggy) {
    console.log("  twiggy is not installed, so this part is skipped. Install it with `cargo install twiggy --locked`.");
    return;
  }
  for (const shipped of wasmFiles) {
    const named = namedCopyOf(shipped);
    const label = relative(pkgDir, shipped);
    if (!existsSync(named) || !withoutCustomSections(readFileSync(named), NAMES_AND_PRODUCERS).equals(readFileSync(shipped))) {
      console.log(`\n  ${label}: its named copy (${relative(root, named)}) is missing or from another build; run \`npm run build\`.`);
      continue;
    }
    const result = spawnSync(twiggy, ["top", "--format", "json", named], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) {
      console.log(`\n  ${label}: twiggy failed: ${result.stderr.trim()}`);
      continue;
    }
    // The named copy's name and producers sections are not shipped.
    const items = JSON.parse(result.stdout).filter((item) => !/subsection"?$|^custom section/.test(item.name) && item.name !== "producers");
    const total = readFileSync(shipped).length;
    const percent = (bytes) => `${((100 * bytes) / total).toFixed(1).padStart(5)}%`;
    const holds = dataSymbols(readFileSync(named), linkMapOf(shipped));
    console.log(`\n  ${label} (${fmt.format(total)} bytes): the ${TOP_ITEMS} largest functions and data segments`);
    for (const item of items.slice(0, TOP_ITEMS)) {
      const segment = /^data segment "(.*)"$/.exec(item.name)?.[1];
      const name = segment === undefined ? item.name.replace(/::h[0-9a-f]{16}$/, "") : `data ${segment}${holds(segment)}`;
      console.log(`  ${fmt.format(item.shallow_size).padStart(9)} ${percent(item.shallow_size)}  ${name.slice(0, 130)}`);
    }
    if (holds.largest.length > 0) {
      console.log(`  the ${TOP_DATA_SYMBOLS} largest data symbols (linker map; zero bytes included, which wasm-opt leaves out of the segments):`);
      for (const symbol of holds.largest) console.log(`  ${fmt.format(symbol.size).padStart(9)} ${percent(symbol.size)}  ${symbol.name}`);
    }
    const byCrate = new Map();
    for (const item of items) byCrate.set(crateOf(item.name), (byCrate.get(crateOf(item.name)) ?? 0) + item.shallow_size);
    console.log(`  by crate (the ${TOP_CRATES} largest; generic code is counted where its name puts it):`);
    for (const [crate, bytes] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, TOP_CRATES)) {
      console.log(`  ${fmt.format(bytes).padStart(9)} ${percent(bytes)}  ${crate}`);
    }
  }
}
