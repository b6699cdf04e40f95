// Where the time of one call goes: the Node API (the same createApi over the same glue as
// the published wasm-jwt/sign entry, which signs too; verifying runs the same code as in
// wasm-jwt) run over the build's named copy of the wasm (target/wasm-names/, left
// by scripts/build.mjs), under V8's sampling profiler, with self time grouped by what the
// code is. The profile behind the gaps in docs/benchmarks.md; a report, never a test.
//
//   node bench/profile.mjs                      # HS256 verify, decode, HS256 sign
//   node bench/profile.mjs --ops=verify-HS256,verify-RS256,verify-ES256,verify-EdDSA --seconds=3
//   node bench/profile.mjs --ops=sign-HS256 --top=30      # the 30 largest functions, not 8
import { createHmac, createPublicKey, createSecretKey, timingSafeEqual, verify as cryptoVerify } from "node:crypto";
import { keyPair } from "../scripts/key-pairs.mjs";
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createVerifier } from "fast-jwt";
import { namedCopyOf } from "../scripts/wasm-names.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const options = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, "").split("=")));
const seconds = Number(options.seconds ?? 2);
const ops = (options.ops ?? "verify-HS256,decode,sign-HS256").split(",");

const glue = await import(join(root, "pkg/dist/sign/wasm_jwt.js"));
const named = namedCopyOf(join(root, "pkg/dist/sign/wasm_jwt_bg.wasm"));
glue.initSync({ module: readFileSync(named) });
const { createApi } = await import(join(root, "pkg/src/api.js"));
const { nodePlatform } = await import(join(root, "pkg/src/node-platform.js"));
const { createPlatformPaths } = await import(join(root, "pkg/src/platform-paths.js"));
// As pkg/src/sign/api-sign-node.js makes it: RSA and ECDSA signatures go to node:crypto.
const api = createApi(glue, { platform: nodePlatform, createPlatformPaths });

// The token of npm run bench (bench/speed.mjs): header {alg,typ,kid}, realistic claims.
const now = Math.floor(Date.now() / 1000);
const claims = { sub: "user-8f14e45f", iss: "https://auth.example.com", aud: "https://api.example.com", roles: ["reader", "editor"], scope: "read write", jti: "c0a8012e-7f3b-4d1a", exp: now + 1800 };
const checks = { issuer: "https://auth.example.com", audience: "https://api.example.com" };
const pemKeys = ({ privateKey, publicKey }) => ({ sign: api.Key.fromPem(privateKey.export({ type: "pkcs8", format: "pem" })), verify: api.Key.fromPem(publicKey.export({ type: "spki", format: "pem" })) });
const keys = {
  HS256: { sign: api.Key.hmac("a secret of at least 32 bytes for HS256!!"), verify: undefined },
  RS256: pemKeys(keyPair("rsa", { modulusLength: 2048 })),
  ES256: pemKeys(keyPair("ec", { namedCurve: "P-256" })),
  EdDSA: pemKeys(keyPair("ed25519")),
};
const tokenFor = (alg) => api.sign(claims, keys[alg].sign, { alg, header: { kid: "2026-11-signing-key-01" } });
const tokens = Object.fromEntries(Object.keys(keys).map((alg) => [alg, tokenFor(alg)]));

// One options object per call site, kept, as the benchmarks and most servers do.
const signOptions = { header: { kid: "2026-11-signing-key-01" } };
const calls = {
  decode: () => api.decode(tokens.HS256),
  "sign-HS256": () => api.sign(claims, keys.HS256.sign, signOptions),
  "verify-HS256": () => api.verify(tokens.HS256, keys.HS256.sign, checks),
  "verify-RS256": () => api.verify(tokens.RS256, keys.RS256.verify, checks),
  "verify-ES256": () => api.verify(tokens.ES256, keys.ES256.verify, checks),
  "verify-EdDSA": () => api.verify(tokens.EdDSA, keys.EdDSA.verify, checks),
};

// What a function is, from its name (wasm functions keep their Rust paths) or its file.
const KINDS = [
  ["SHA-2 compression", (f) => /sha2::|compress256|compress512|digest::/.test(f.name)],
  ["JSON reading (json.rs)", (f) => /wasm_jwt::json::|memchr|from_utf8/.test(f.name)],
  ["base64url", (f) => /base64url/.test(f.name)],
  ["allocator, frees and copies", (f) => /dlmalloc|raw_vec|drop_in_place|dealloc|__rust_(alloc|dealloc|realloc)|memcpy|memset|memcmp|memmove/.test(f.name)],
  ["rest of the core (claims, header, keys, bindings)", (f) => f.url.startsWith("wasm://") || /^wasm_jwt::|multivalue shim/.test(f.name)],
  // The glue's strings go through Node's TextEncoder and TextDecoder (node:internal/encoding).
  ["wasm-bindgen glue (strings in and out)", (f) => f.url.endsWith("wasm_jwt.js") || f.url === "node:internal/encoding"],
  // JSON.parse is a builtin V8 inlines: its time is its caller's, the wrapper's.
  ["JS wrapper and JSON.parse of the result", (f) => /pkg\/src\//.test(f.url)],
  ["node:crypto (platform signatures)", (f) => /^node:(crypto|internal\/crypto)/.test(f.url) || (f.url === "" && /^(run|SignJob|dispatch)$/.test(f.name))],
  ["garbage collection", (f) => f.name === "(garbage collector)"],
];
const kindOf = (frame) => (KINDS.find(([, test]) => test(frame)) ?? ["other (the loop, the runtime)"])[0];

/** Calls `call` for `seconds`: how many times, in how many nanoseconds. */
function repeat(call, seconds) {
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < 200; i++) call();
    count += 200;
  }
  return { count, elapsed: Number(process.hrtime.bigint() - start) };
}

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });

console.log(`Profile of one call, ${seconds} s each, self time by kind (node ${process.version}, ${named.replace(root + "/", "")})`);
for (const op of ops) {
  const call = calls[op];
  if (!call) throw new Error(`unknown op ${op}; one of ${Object.keys(calls).join(", ")}`);
  for (let i = 0; i < 20_000; i++) call(); // warm up: let V8 tier the code up first
  // The time per call is taken without the profiler, which slows every call down; the
  // profile gives each kind's share of it.
  const { count, elapsed } = repeat(call, seconds / 2);
  await session.post("Profiler.start");
  repeat(call, seconds);
  const { profile } = await session.post("Profiler.stop");
  const frames = new Map(profile.nodes.map((node) => [node.id, { name: node.callFrame.functionName || "(anonymous)", url: node.callFrame.url }]));
  const byKind = new Map();
  const byFunction = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const dt = profile.timeDeltas[i];
    byKind.set(kindOf(frame), (byKind.get(kindOf(frame)) ?? 0) + dt);
    byFunction.set(frame.name, (byFunction.get(frame.name) ?? 0) + dt);
    total += dt;
  });
  const perCall = elapsed / count;
  console.log(`\n${op}: ${Math.round(perCall)} ns per call (${count.toLocaleString("en")} calls without the profiler)`);
  for (const [kind, time] of [...byKind].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${kind.padEnd(52)} ${((100 * time) / total).toFixed(1).padStart(5)}%  ~${Math.round((perCall * time) / total).toString().padStart(5)} ns`);
  }
  console.log("  largest functions:");
  for (const [name, time] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(options.top ?? 8))) {
    console.log(`    ${((100 * time) / total).toFixed(1).padStart(5)}%  ${name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "").slice(0, 100)}`);
  }
}
session.disconnect();

/** Nanoseconds per call of `call`, without the profiler, after a warm-up. */
function perCall(call, warmUp = 20_000) {
  for (let i = 0; i < warmUp; i++) call();
  const { count, elapsed } = repeat(call, seconds / 2);
  return elapsed / count;
}

// The parts of an HS256 verify that no core, however fast, avoids in Node, next to what the
// same work costs fast-jwt: the floor under wasm-jwt's time, and so the best ratio it can
// reach. Times without the profiler.
if (ops.includes("verify-HS256")) {
  const token = tokens.HS256;
  const result = JSON.stringify(api.verify(token, keys.HS256.sign, checks));
  const input = Buffer.from(token.slice(0, token.lastIndexOf(".")));
  const secret = createSecretKey(Buffer.from("a secret of at least 32 bytes for HS256!!"));
  const mac = createHmac("sha256", secret).update(input).digest();
  const fastVerify = createVerifier({ key: "a secret of at least 32 bytes for HS256!!", algorithms: ["HS256"], allowedIss: checks.issuer, allowedAud: checks.audience });
  const floor = [
    ["JSON.parse of the result text (fast-jwt parses the same)", perCall(() => JSON.parse(result))],
    ["node:crypto HMAC-SHA256 of the signing input and compare (KeyObject)", perCall(() => timingSafeEqual(createHmac("sha256", secret).update(input).digest(), mac))],
    ["wasm-jwt verify, the whole call", perCall(calls["verify-HS256"])],
    ["fast-jwt verify (cache off), the whole call", perCall(() => fastVerify(token))],
  ];
  console.log("\nverify-HS256 against its floor (ns per call):");
  for (const [what, ns] of floor) console.log(`  ${what.padEnd(72)} ${Math.round(ns).toString().padStart(6)}`);
}

// The signature algorithms node:crypto checks: its verify alone (what every Node library
// pays), then the whole call of wasm-jwt and of fast-jwt. What is left over is each
// library's own work around the same OpenSSL call: parsing, checks, the result.
for (const alg of ["RS256", "ES256", "EdDSA"].filter((alg) => ops.includes(`verify-${alg}`))) {
  const token = tokens[alg];
  const dot = token.lastIndexOf(".");
  const [input, signature] = [Buffer.from(token.slice(0, dot)), Buffer.from(token.slice(dot + 1), "base64url")];
  const publicKey = createPublicKey({ key: keys[alg].verify.toJwk(), format: "jwk" });
  const pem = publicKey.export({ type: "spki", format: "pem" });
  const options = alg === "ES256" ? { key: publicKey, dsaEncoding: "ieee-p1363" } : publicKey;
  const hash = alg === "EdDSA" ? null : "sha256";
  const fastVerify = createVerifier({ key: pem, algorithms: [alg], allowedIss: checks.issuer, allowedAud: checks.audience });
  if (fastVerify(token).sub !== claims.sub || !cryptoVerify(hash, input, options, signature)) throw new Error(`${alg}: a verifier refused the token`);
  const warmUp = 2_000;
  const [platform, whole, fast] = [perCall(() => cryptoVerify(hash, input, options, signature), warmUp), perCall(calls[`verify-${alg}`], warmUp), perCall(() => fastVerify(token), warmUp)];
  console.log(`\nverify-${alg}: node:crypto's verify and the rest (ns per call):`);
  console.log(`  ${"node:crypto verify alone (KeyObject)".padEnd(44)} ${Math.round(platform).toString().padStart(7)}`);
  console.log(`  ${"wasm-jwt verify, the whole call".padEnd(44)} ${Math.round(whole).toString().padStart(7)}  (the rest: ${Math.round(whole - platform)})`);
  console.log(`  ${"fast-jwt verify (cache off), the whole call".padEnd(44)} ${Math.round(fast).toString().padStart(7)}  (the rest: ${Math.round(fast - platform)})`);
}
