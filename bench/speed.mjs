// Speed of wasm-jwt against the JavaScript JWT libraries people use, in one Node process:
// ops/s of verify, sign and decode of one realistic token, and each peer's ratio to wasm-jwt.
//
//   npm run build && npm run bench                 # everything, about 1-2 minutes
//   node bench/speed.mjs --algs=HS256,ES256        # a subset
//   node bench/speed.mjs --rounds=7 --round-ms=500 # longer, steadier
//
// Method (see bench/README.md): every library verifies the very same token, made here with
// node:crypto (no library is the token's author), with the same key and the same checks
// (signature, alg allow-list, exp, iss, aud); each verifier is first shown to accept that
// token and to refuse one with a wrong iss and one with a wrong aud, so no row skips a check.
// Each signer signs the same claims under the same header, and its token is checked with
// node:crypto. Rows of one table are warmed up, then timed in interleaved rounds (the order
// rotates each round) so that noise from a shared machine hits every row alike; a row's
// figure is the median of its rounds. Ratios within one run are what to compare.

import { constants, createHmac, createSecretKey, randomBytes, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify,  } from "node:crypto";
import { keyPair } from "../scripts/key-pairs.mjs";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { nodeColdStarts } from "./cold-node.mjs";
import { importForNode, requireBuild, versionOf } from "./common.mjs";

requireBuild();

// The files the package's exports map gives Node ESM importers of "wasm-jwt" (the verify
// build) and, when the package has them, of "wasm-jwt/sign" (the signing build, which signs
// in wasm-jwt's rows) and "wasm-jwt/hs" (the HMAC-only build, with a smaller wasm; its
// signing row is "wasm-jwt/hs/sign"'s, where the package has it).
const wasm = await importForNode(".");
const wasmSign = (await importForNode("./sign")) ?? wasm;
let wasmHs;
let wasmHsSigner;
let wasmHsMissing;
try {
  wasmHs = await importForNode("./hs");
  wasmHsSigner = (await importForNode("./hs/sign")) ?? wasmHs;
} catch (error) {
  wasmHsMissing = error.message.split("\n")[0];
}
const fastJwt = await import("fast-jwt");
const workerJwt = (await import("@tsndr/cloudflare-worker-jwt")).default;
const { jwtDecode } = await import("jwt-decode");
const jose = await import("jose");
const jsonwebtoken = (await import("jsonwebtoken")).default;

// ---- options ---------------------------------------------------------------------------

const ALL_ALGS = ["HS256", "RS256", "PS256", "ES256", "EdDSA"];
const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) usage(`unknown argument ${arg}`);
    return [match[1], match[2] ?? ""];
  }),
);
function usage(problem) {
  console.error(`${problem}\nusage: node bench/speed.mjs [--algs=${ALL_ALGS.join(",")}] [--rounds=5] [--round-ms=250] [--cold-loads=7] [--write[=docs/benchmarks.md]]`);
  process.exit(2);
}
const ALGS = args.algs ? args.algs.split(",") : ALL_ALGS;
for (const alg of ALGS) if (!ALL_ALGS.includes(alg)) usage(`unknown algorithm ${alg}`);
const ROUNDS = Number(args.rounds ?? 5);
const ROUND_MS = Number(args["round-ms"] ?? 250);
// A warm-up as long as one round: enough for V8 to optimise the hot paths (and for
// fast-jwt's cache to fill) before anything is timed.
const WARMUP_MS = ROUND_MS;
if (!(ROUNDS >= 1 && ROUND_MS >= 10)) usage("--rounds must be >= 1 and --round-ms >= 10");

// ---- the token -------------------------------------------------------------------------

const ISSUER = "https://auth.example.com/";
const AUDIENCE = "https://api.example.com";
const KID = "2026-11-signing-key-01";
const NOW = Math.floor(Date.now() / 1000);
// A typical access token's claims, about 200 bytes of JSON. exp is a day away so that no
// token expires during the run.
const CLAIMS = {
  sub: "user_8f3a2c1e5b7d4e9a",
  iss: ISSUER,
  aud: AUDIENCE,
  iat: NOW,
  exp: NOW + 86_400,
  roles: ["reader", "editor", "billing-admin"],
  sid: "b6c21d0e-3f4a-4b6c-8d2e",
};

const b64url = (value) => Buffer.from(value).toString("base64url");

/** Key material for an algorithm in every form a library wants; RSA pairs are shared by RS256 and PS256. */
const pairs = new Map();
function material(alg) {
  if (alg === "HS256") {
    const secret = randomBytes(32);
    return { secret, jwk: { kty: "oct", k: b64url(secret) } };
  }
  const [type, options] = {
    RS256: ["rsa", { modulusLength: 2048 }],
    PS256: ["rsa", { modulusLength: 2048 }],
    ES256: ["ec", { namedCurve: "P-256" }],
    EdDSA: ["ed25519", {}],
  }[alg];
  if (!pairs.has(type)) pairs.set(type, keyPair(type, options));
  const { privateKey, publicKey } = pairs.get(type);
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }),
    publicPem: publicKey.export({ type: "spki", format: "pem" }),
    privateJwk: privateKey.export({ format: "jwk" }),
    publicJwk: publicKey.export({ format: "jwk" }),
  };
}

/** node:crypto's signing options per algorithm (JWS wants raw r||s for ECDSA, salt = hash length for PSS). */
function cryptoKey(alg, key) {
  if (alg === "PS256") return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  if (alg === "ES256") return { key, dsaEncoding: "ieee-p1363" };
  return key;
}
const cryptoHash = (alg) => (alg === "EdDSA" ? null : "sha256");

/** A compact JWS made with node:crypto alone. */
function makeToken(alg, keys, claims = CLAIMS) {
  const input = `${b64url(JSON.stringify({ alg, typ: "JWT", kid: KID }))}.${b64url(JSON.stringify(claims))}`;
  const signature =
    alg === "HS256"
      ? createHmac("sha256", keys.secret).update(input).digest()
      : cryptoSign(cryptoHash(alg), Buffer.from(input), cryptoKey(alg, keys.privateKey));
  return `${input}.${b64url(signature)}`;
}

/** Checks a token a library signed, with node:crypto: signature, header and claims. */
function checkSigned(alg, keys, token) {
  if (typeof token !== "string") throw new Error(`sign returned ${typeof token}, not a token`);
  const [header, payload, signature] = token.split(".");
  const input = Buffer.from(`${header}.${payload}`);
  const bytes = Buffer.from(signature, "base64url");
  const good =
    alg === "HS256"
      ? bytes.length === 32 && timingSafeEqual(bytes, createHmac("sha256", keys.secret).update(input).digest())
      : cryptoVerify(cryptoHash(alg), input, cryptoKey(alg, keys.publicKey), bytes);
  if (!good) throw new Error("its token does not verify with node:crypto");
  const h = JSON.parse(Buffer.from(header, "base64url"));
  if (h.alg !== alg || h.kid !== KID || h.typ !== "JWT") throw new Error(`its header is ${JSON.stringify(h)}`);
  if (JSON.stringify(JSON.parse(Buffer.from(payload, "base64url"))) !== JSON.stringify(CLAIMS)) {
    throw new Error("its payload differs from the claims given");
  }
}

// ---- the libraries ---------------------------------------------------------------------

// Each returns { verify, sign } closures over prepared keys and options (made once, as an
// application would), or throws if the library cannot do the algorithm.

/** `lib`'s Key for `alg`: the secret, or the key's `half` ("public" to verify, "private" to sign). */
function wasmKey({ Key }, alg, keys, half) {
  if (alg === "HS256") return Key.hmac(keys.secret);
  // Feature detection: this build may not have the asymmetric algorithms yet.
  const tried = [];
  try {
    return Key.fromJwk({ ...keys[`${half}Jwk`], alg });
  } catch (error) {
    tried.push(`Key.fromJwk: ${error.message}`);
  }
  if (typeof Key.fromPem === "function") {
    try {
      return Key.fromPem(keys[`${half}Pem`]);
    } catch (error) {
      tried.push(`Key.fromPem: ${error.message}`);
    }
  }
  throw new Error(tried.join("; "));
}

/** wasm-jwt's rows: `lib` verifies, `signer` signs (wasm-jwt/sign for wasm-jwt, which only verifies). */
function jwtWasm(alg, keys, lib = wasm, { cache, signer = wasmSign } = {}) {
  const verifyKey = wasmKey(lib, alg, keys, "public");
  const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const signOptions = { alg, header: { kid: KID } };
  if (cache) {
    // createVerifier's cache: like fast-jwt's, every call after the first is a hit. No signer row.
    const verifier = lib.createVerifier(verifyKey, { ...verifyOptions, cache: true });
    return { verify: (token) => verifier(token).payload };
  }
  const signKey = wasmKey(signer, alg, keys, "private");
  return {
    verify: (token) => lib.verify(token, verifyKey, verifyOptions).payload,
    sign: () => signer.sign(CLAIMS, signKey, signOptions),
  };
}

/** wasm-jwt/hs has HMAC only, by design: it gets rows in the HS256 tables alone. */
function jwtWasmHs(alg, keys) {
  if (alg !== "HS256") return null;
  if (!wasmHs) throw Object.assign(new Error(), { skip: `not built or not exported (${wasmHsMissing ?? "no ./hs in pkg/package.json"})` });
  return jwtWasm(alg, keys, wasmHs, { signer: wasmHsSigner });
}

/** @tsndr/cloudflare-worker-jwt (WebCrypto, async) checks signature, alg, exp and nbf; iss and aud as its README suggests, by hand. */
async function workerJwtLib(alg, keys) {
  if (!["HS256", "RS256", "ES256"].includes(alg)) return null;
  const verifyKey = alg === "HS256" ? keys.secret.toString("latin1") : keys.publicJwk;
  const signKey = alg === "HS256" ? keys.secret.toString("latin1") : keys.privateJwk;
  const header = { kid: KID };
  return {
    verify: async (token) => {
      const verified = await workerJwt.verify(token, verifyKey, { algorithm: alg, throwError: true });
      if (verified.payload.iss !== ISSUER || verified.payload.aud !== AUDIENCE) throw new Error("wrong iss or aud");
      return verified.payload;
    },
    sign: () => workerJwt.sign(CLAIMS, signKey, { algorithm: alg, header }),
  };
}

function fastJwtWith(cache) {
  return (alg, keys) => {
    const options = { algorithms: [alg], allowedIss: ISSUER, allowedAud: AUDIENCE, cache };
    const verifier = fastJwt.createVerifier({ key: alg === "HS256" ? keys.secret : keys.publicPem, ...options });
    // fast-jwt's signer has no cache; its row is given only once (under "cache off").
    const signer = cache ? undefined : fastJwt.createSigner({ key: alg === "HS256" ? keys.secret : keys.privatePem, algorithm: alg, kid: KID });
    return { verify: (token) => verifier(token), sign: signer && (() => signer(CLAIMS)) };
  };
}

async function joseLib(alg, keys) {
  const verifyKey = alg === "HS256" ? new Uint8Array(keys.secret) : await jose.importSPKI(keys.publicPem, alg);
  const signKey = alg === "HS256" ? new Uint8Array(keys.secret) : await jose.importPKCS8(keys.privatePem, alg);
  const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const header = { alg, typ: "JWT", kid: KID };
  return {
    verify: async (token) => (await jose.jwtVerify(token, verifyKey, options)).payload,
    sign: () => new jose.SignJWT(CLAIMS).setProtectedHeader(header).sign(signKey),
  };
}

function jsonwebtokenLib(alg, keys) {
  // KeyObjects, so that jsonwebtoken does not re-parse a PEM or secret on every call.
  const verifyKey = alg === "HS256" ? createSecretKey(keys.secret) : keys.publicKey;
  const signKey = alg === "HS256" ? createSecretKey(keys.secret) : keys.privateKey;
  const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  // CLAIMS carries iat, which jsonwebtoken keeps (noTimestamp would delete it).
  const signOptions = { algorithm: alg, keyid: KID };
  return {
    verify: (token) => jsonwebtoken.verify(token, verifyKey, verifyOptions),
    sign: () => jsonwebtoken.sign(CLAIMS, signKey, signOptions),
  };
}

const LIBRARIES = [
  { name: `wasm-jwt ${versionOf("wasm-jwt")}`, setup: jwtWasm },
  { name: `wasm-jwt/hs ${versionOf("wasm-jwt")}`, setup: jwtWasmHs },
  { name: `wasm-jwt createVerifier, cache on`, setup: (alg, keys) => jwtWasm(alg, keys, wasm, { cache: true }) },
  { name: `fast-jwt ${versionOf("fast-jwt")}, cache off`, setup: fastJwtWith(false) },
  { name: `fast-jwt ${versionOf("fast-jwt")}, cache on`, setup: fastJwtWith(true) },
  { name: `jose ${versionOf("jose")} (async)`, setup: joseLib },
  { name: `jsonwebtoken ${versionOf("jsonwebtoken")}`, setup: jsonwebtokenLib },
  { name: `cloudflare-worker-jwt ${versionOf("@tsndr/cloudflare-worker-jwt")} (async)`, setup: workerJwtLib },
];

// ---- timing ----------------------------------------------------------------------------

let sink; // results are kept here so that no call can be optimised away

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Runs fn in batches until ms of wall time have passed. Returns calls per second of wall
 * time and calls per second of this process's CPU time (all its threads: GC helpers and,
 * for jose, the thread pool where Node runs WebCrypto). On a machine shared with other
 * work the CPU figure is the steadier one: time spent waiting for a core is not counted.
 */
async function timed(fn, isAsync, batch, ms) {
  let calls = 0;
  const cpuStart = cpuMs();
  const start = performance.now();
  let elapsed;
  do {
    if (isAsync) for (let i = 0; i < batch; i++) sink = await fn();
    else for (let i = 0; i < batch; i++) sink = fn();
    calls += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  const cpu = cpuMs() - cpuStart;
  return { wall: (calls * 1000) / elapsed, cpu: (calls * 1000) / Math.max(cpu, 0.001) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Times the rows of one table: warm-up, then interleaved rounds; fills row.opsPerSec and row.spread. */
async function measure(rows) {
  const live = rows.filter((row) => row.fn);
  for (const row of live) {
    // Batches of about 1 ms keep clock reads out of the measurement without overshooting rounds.
    const { wall } = await timed(row.fn, row.isAsync, 1, WARMUP_MS);
    row.batch = Math.max(1, Math.min(10_000, Math.round(wall / 1000)));
    row.samples = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < live.length; i++) {
      const row = live[(i + round) % live.length];
      row.samples.push(await timed(row.fn, row.isAsync, row.batch, ROUND_MS));
    }
  }
  for (const row of live) {
    const cpu = row.samples.map((sample) => sample.cpu);
    row.opsPerSec = median(cpu);
    row.wallOpsPerSec = median(row.samples.map((sample) => sample.wall));
    row.spread = (Math.max(...cpu) - Math.min(...cpu)) / row.opsPerSec;
  }
}

// ---- output ----------------------------------------------------------------------------

const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const summary = [];

function printTable(title, rows) {
  console.log(`\n${title}`);
  const base = rows[0].opsPerSec;
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`  ${"library".padEnd(width)}  ${"ops/cpu-s".padStart(10)}  ${"vs wasm-jwt".padStart(11)}  ${"spread".padStart(6)}  ${"ops/wall-s".padStart(10)}`);
  for (const row of rows) {
    if (!row.fn) {
      console.log(`  ${row.name.padEnd(width)}  ${row.skip}`);
      continue;
    }
    const ratio = base ? `${(row.opsPerSec / base).toFixed(2)}x` : "-";
    const spread = `${Math.round(row.spread * 100)}%`;
    const wall = fmt.format(row.wallOpsPerSec).padStart(10);
    console.log(`  ${row.name.padEnd(width)}  ${fmt.format(row.opsPerSec).padStart(10)}  ${ratio.padStart(11)}  ${spread.padStart(6)}  ${wall}`);
  }
  summary.push({ title: title.split(" -")[0], rows });
}

// ---- the run ---------------------------------------------------------------------------

/** Wraps a library's closure as a row after checking it does what the table claims. */
async function row(name, fn, check) {
  if (!fn) return null;
  try {
    const first = fn();
    const isAsync = first instanceof Promise;
    await check(fn, await first);
    return { name, fn, isAsync };
  } catch (error) {
    return { name, skip: `not supported: ${error.message.split("\n")[0]}` };
  }
}

async function rejects(fn, what) {
  try {
    await fn();
  } catch {
    return;
  }
  throw new Error(`accepted a token with ${what}: the check is not active`);
}

const started = performance.now();
const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`wasm-jwt speed bench, ${new Date().toISOString()}`);
console.log(`Node ${process.version}, ${cpu}, ${availableParallelism()} cores, load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
console.log(`${ROUNDS} rounds of ${ROUND_MS} ms per row after a ${WARMUP_MS} ms warm-up; each figure is the median round.`);
console.log(`ops/cpu-s = calls per second of this process's CPU time (steady on a shared machine);`);
console.log(`ops/wall-s = calls per second of elapsed time (lower when other work takes the cores);`);
console.log(`"vs wasm-jwt" = the row's ops/cpu-s / wasm-jwt's (above 1 = faster than wasm-jwt);`);
console.log(`"spread" = (slowest - fastest round) / median, of ops/cpu-s. Compare ratios within one run.`);
console.log(`Claims: ${JSON.stringify(CLAIMS).length} bytes of JSON; header {alg,typ,kid}.`);

let hsToken;
for (const alg of ALGS) {
  const keys = material(alg);
  const token = makeToken(alg, keys);
  if (alg === "HS256") hsToken = token;
  const wrongIss = makeToken(alg, keys, { ...CLAIMS, iss: "https://evil.example.com/" });
  const wrongAud = makeToken(alg, keys, { ...CLAIMS, aud: "https://other.example.com" });

  const libs = [];
  for (const lib of LIBRARIES) {
    try {
      const closures = await lib.setup(alg, keys);
      if (closures) libs.push({ name: lib.name, ...closures });
    } catch (error) {
      libs.push({ name: lib.name, error: error.skip ?? `not supported: ${error.message.split("\n")[0]}` });
    }
  }
  // wasm-jwt is the baseline: without it the algorithm's tables mean nothing.
  const base = libs[0];
  const verifyRows = [];
  const signRows = [];
  for (const lib of libs) {
    if (lib.error) {
      verifyRows.push({ name: lib.name, skip: lib.error });
      signRows.push({ name: lib.name, skip: lib.error });
      continue;
    }
    verifyRows.push(
      await row(
        lib.name,
        () => lib.verify(token),
        async (fn, payload) => {
          if (payload?.sub !== CLAIMS.sub) throw new Error("verify did not return the payload");
          await rejects(() => lib.verify(wrongIss), "a wrong iss");
          await rejects(() => lib.verify(wrongAud), "a wrong aud");
        },
      ),
    );
    if (lib.sign) signRows.push(await row(lib.name, lib.sign, async (fn, signed) => checkSigned(alg, keys, signed)));
  }
  const vRows = verifyRows.filter(Boolean);
  const sRows = signRows.filter(Boolean);
  if (!vRows[0].fn || !sRows[0].fn) {
    const reason = (vRows[0].skip ?? sRows[0].skip).replace(/^not supported: /, "");
    console.log(`\n${alg}: not supported by this build of wasm-jwt (${reason}); skipped.`);
    continue;
  }
  await measure(vRows);
  printTable(`${alg} verify - the same token; checks: signature, alg, exp, iss, aud`, vRows);
  await measure(sRows);
  printTable(`${alg} sign - the same claims and header {alg,typ,kid}`, sRows);
}

if (hsToken) {
  // Decoding does not depend on the algorithm: the HS256 token, header and payload parsed, no checks.
  const decoder = fastJwt.createDecoder({ complete: true });
  const decodeRows = [];
  const checkDecoded = async (fn, decoded) => {
    if (decoded?.payload?.sub !== CLAIMS.sub || decoded?.header?.kid !== KID) throw new Error("decode lost the header or payload");
  };
  decodeRows.push(await row(LIBRARIES[0].name, () => wasm.decode(hsToken), checkDecoded));
  if (wasmHs) decodeRows.push(await row(LIBRARIES[1].name, () => wasmHs.decode(hsToken), checkDecoded));
  decodeRows.push(await row(`fast-jwt ${versionOf("fast-jwt")}`, () => decoder(hsToken), checkDecoded));
  decodeRows.push(
    await row(
      `jose ${versionOf("jose")} (2 calls)`,
      () => ({ header: jose.decodeProtectedHeader(hsToken), payload: jose.decodeJwt(hsToken) }),
      checkDecoded,
    ),
  );
  decodeRows.push(await row(`jsonwebtoken ${versionOf("jsonwebtoken")}`, () => jsonwebtoken.decode(hsToken, { complete: true }), checkDecoded));
  decodeRows.push(
    await row(`jwt-decode ${versionOf("jwt-decode")} (2 calls)`, () => ({ header: jwtDecode(hsToken, { header: true }), payload: jwtDecode(hsToken) }), checkDecoded),
  );
  await measure(decodeRows);
  printTable("decode - the HS256 token's header and payload, unverified", decodeRows);
}

// Cold start: a fresh process per load, import + first verify (issue 8's targets: below 5 ms
// for wasm-jwt/hs and 8 ms for wasm-jwt).
const COLD_LOADS = Number(args["cold-loads"] ?? 7);
let coldRows = [];
if (COLD_LOADS > 0) {
  const secret = "a cold-start secret of 32+ bytes!!";
  const hs = { alg: "HS256", token: makeToken("HS256", { secret: Buffer.from(secret) }), secret };
  const es = material("ES256");
  const esCase = { alg: "ES256", token: makeToken("ES256", es), jwk: es.publicJwk };
  coldRows = nodeColdStarts(
    [
      { name: `wasm-jwt ${versionOf("wasm-jwt")}`, library: "wasm-jwt", ...hs },
      { name: `wasm-jwt ${versionOf("wasm-jwt")}`, library: "wasm-jwt", ...esCase },
      ...(wasmHs ? [{ name: `wasm-jwt/hs ${versionOf("wasm-jwt")}`, library: "wasm-jwt", entry: "./hs", ...hs }] : []),
      { name: `jose ${versionOf("jose")}`, library: "jose", ...hs },
      { name: `jose ${versionOf("jose")}`, library: "jose", ...esCase },
      { name: `fast-jwt ${versionOf("fast-jwt")}`, library: "fast-jwt", ...hs },
      { name: `fast-jwt ${versionOf("fast-jwt")}`, library: "fast-jwt", ...esCase },
      { name: "an empty module", library: "an empty module", alg: "-" },
    ],
    { loads: COLD_LOADS, iss: ISSUER, aud: AUDIENCE },
  );
  console.log(`\nCold start - a fresh node process per load: import + first verify, median of ${COLD_LOADS} loads, in ms`);
  console.log(`  ${"library".padEnd(24)} ${"alg".padEnd(6)} ${"median".padStart(7)} ${"range".padStart(12)}`);
  for (const r of coldRows) console.log(`  ${r.name.padEnd(24)} ${r.alg.padEnd(6)} ${r.ms.toFixed(1).padStart(7)} ${`${r.min.toFixed(1)}-${r.max.toFixed(1)}`.padStart(12)}`);
  console.log("  Targets (issue 8): wasm-jwt/hs below 5 ms, wasm-jwt below 8 ms.");
}

// One line per table, for quoting: each row's ratio to wasm-jwt.
if (summary.length > 0) {
  console.log("\nSummary (wasm-jwt's ops/cpu-s; each peer as a ratio to it):");
  for (const { title, rows } of summary) {
    const [base, ...peers] = rows;
    const parts = peers.map((r) => `${r.name} ${r.fn ? (r.opsPerSec / base.opsPerSec).toFixed(2) + "x" : "n/a"}`);
    console.log(`  ${title.padEnd(13)} ${fmt.format(base.opsPerSec).padStart(9)}/s | ${parts.join(" | ")}`);
  }
}
// Issue 8's Node targets: wasm-jwt's speed over fast-jwt's without its cache, and cold start.
const SPEED_TARGETS = [
  ["HS256 verify", 2.0],
  ["decode", 1.0],
  ["HS256 sign", 1.5],
  ["RS256 verify", 0.9],
  ["ES256 verify", 0.9],
  ["EdDSA verify", 1.0],
  ["ES256 sign", 0.9],
  ["EdDSA sign", 0.9],
];
const COLD_TARGETS = [
  [`wasm-jwt/hs ${versionOf("wasm-jwt")}`, "HS256", 5],
  [`wasm-jwt ${versionOf("wasm-jwt")}`, "HS256", 8],
];
const targetRows = targetsReached();
if (targetRows.length > 0) {
  console.log("\nAgainst issue 8's targets (wasm-jwt's speed over fast-jwt's without its cache, median of paired 2 ms blocks and its quartiles; cold start in ms, and its range):");
  for (const r of targetRows) console.log(`  ${r.what.padEnd(28)} ${r.measured.padStart(8)}  ${`(${r.range})`.padEnd(13)} target ${r.target.padEnd(8)} ${r.met ? "met" : "not met"}`);
}

/**
 * wasm-jwt's speed over a peer's, measured apart from the tables for the targets: the
 * two alternate in blocks of about 2 ms (which goes first alternates too), so that both
 * meet the same moment of a noisy machine; a pair's ratio is its two blocks' calls per
 * wall-ms. Returns the median of the pairs' ratios and the quartiles. Rounds of 250 ms,
 * as the tables take, saw ratios of one run range over a factor of two on this machine.
 */
function pairedRatio(ours, peer) {
  const PAIRS = 301;
  const block = (row) => {
    const start = performance.now();
    for (let i = 0; i < row.pairBatch; i++) sink = row.fn();
    return row.pairBatch / (performance.now() - start);
  };
  for (const row of [ours, peer]) row.pairBatch = Math.max(1, Math.round(row.wallOpsPerSec / 500));
  const ratios = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const [first, second] = pair % 2 ? [peer, ours] : [ours, peer];
    const speeds = new Map([[first, block(first)], [second, block(second)]]);
    ratios.push(speeds.get(ours) / speeds.get(peer));
  }
  ratios.sort((a, b) => a - b);
  return { ratio: median(ratios), low: ratios[Math.floor(PAIRS / 4)], high: ratios[Math.floor((3 * PAIRS) / 4)] };
}

/** Each issue 8 target this run measured: what, the figure, the target, whether met. */
function targetsReached() {
  const rows = [];
  for (const [title, target] of SPEED_TARGETS) {
    const table = summary.find((t) => t.title === title);
    const peer = table?.rows.find((r) => r.fn && /^fast-jwt/.test(r.name) && !/cache on/.test(r.name));
    if (!table?.rows[0].fn || !peer) continue;
    const { ratio, low, high } = pairedRatio(table.rows[0], peer);
    rows.push({ what: title, measured: `${ratio.toFixed(2)}x`, range: `${low.toFixed(2)}-${high.toFixed(2)}`, target: `>= ${target.toFixed(1)}x`, met: ratio >= target });
  }
  for (const [name, alg, ms] of COLD_TARGETS) {
    const cold = coldRows.find((r) => r.name === name && r.alg === alg);
    if (cold) rows.push({ what: `cold start, ${name.split(" ")[0]} ${alg}`, measured: `${cold.ms.toFixed(1)} ms`, range: `${cold.min.toFixed(1)}-${cold.max.toFixed(1)}`, target: `< ${ms} ms`, met: cold.ms < ms });
  }
  return rows;
}

console.log(`\nNotes: jose has no synchronous API; its rows await each call, which is what its callers pay.`);
console.log(`fast-jwt "cache on" verifies the same token each time, so after the first call every call is a`);
console.log(`cache hit (a sha256 of the token and an LRU lookup): its best case, not typical traffic.`);
console.log(`Total time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (args.write !== undefined) writeReport(args.write === "" ? "docs/benchmarks.md" : args.write);

/**
 * The run's tables as markdown between the Node markers of `file` (the rest of the file is
 * kept), and as JSON beside it, with the machine and the versions.
 */
function writeReport(file) {
  const machine = `Node ${process.version}, ${cpu}, ${availableParallelism()} cores; ${ROUNDS} rounds of ${ROUND_MS} ms per row, median of ops/cpu-s; ${new Date().toISOString().slice(0, 10)}`;
  const tables = summary.map(({ title, rows }) => {
    const base = rows[0].opsPerSec;
    const lines = rows.map((r) => `| ${r.name} | ${r.fn ? fmt.format(r.opsPerSec) : "n/a"} | ${r.fn ? (r.opsPerSec / base).toFixed(2) + "x" : r.skip} | ${r.fn ? Math.round(r.spread * 100) + "%" : ""} |`);
    return `### ${title}\n\n| library | ops/cpu-s | vs wasm-jwt | spread |\n|---|---|---|---|\n${lines.join("\n")}\n`;
  });
  if (coldRows.length > 0) {
    const lines = coldRows.map((r) => `| ${r.name} | ${r.alg} | ${r.ms.toFixed(1)} | ${r.min.toFixed(1)}-${r.max.toFixed(1)} |`);
    tables.push(`### Cold start: import and first verify, in ms\n\nA fresh \`node\` process per load, timed inside it from before the import to the end of the first verify; median of ${COLD_LOADS} loads.\n\n| library | alg | median | range |\n|---|---|---|---|\n${lines.join("\n")}\n`);
  }
  if (targetRows.length > 0) {
    const lines = targetRows.map((r) => `| ${r.what} | ${r.measured} | ${r.range} | ${r.target} | ${r.met ? "met" : "not met"} |`);
    tables.push(`### Against issue 8's targets\n\nwasm-jwt's speed over fast-jwt's without its cache, measured after the tables in 301 pairs of 2 ms blocks, one of each (the two alternate, so that both meet the same moment of a noisy machine): the median of the pairs' ratios and their quartiles; cold start from the last table, with its fastest and slowest load.\n\n| target | this run | quartiles (cold start: range) | target | |\n|---|---|---|---|---|\n${lines.join("\n")}\n`);
  }
  const section = `<!-- node:start (written by node bench/speed.mjs --write) -->\n## Node\n\n${machine}.\n\n${tables.join("\n")}<!-- node:end -->`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\n";
  const marked = /<!-- node:start[^>]*-->[\s\S]*<!-- node:end -->/;
  text = marked.test(text) ? text.replace(marked, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
  writeFileSync(file.replace(/\.md$/, "-node.json"), `${JSON.stringify({ machine, tables: summary.map(({ title, rows }) => ({ title, rows: rows.map(({ name, opsPerSec, spread, skip }) => ({ name, opsPerSec, spread, skip })) })) }, null, 2)}\n`);
  console.log(`Wrote ${file} and its JSON.`);
}
