// Cold start in Node: a fresh `node` process per load, timed inside it from just before the
// library's import to the end of its first verify (so Node's own start-up is not counted,
// the module's load, compile and instantiation are). Libraries take turns load by load, so
// that noise on a shared machine hits each alike; the figure is the median of the loads.
// bench/speed.mjs reports it beside its tables (nodeColdStarts); run alone, it compares
// wasm-jwt's entries, or several builds of the package, in more detail:
//
//   node bench/cold-node.mjs [--loads=21] [--entries=.,./hs] [--algs=HS256,ES256] [--peers]
//                            [--pkg=pkg,/tmp/pkg-before]
import { execFileSync } from "node:child_process";
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pkgDir, requireBuild, resolveExport, root } from "./common.mjs";

/** The child's script: `import` then one verify, each library with its own call. */
const FIRST_VERIFY = {
  // The floor: Node's ESM loader importing a module that does nothing.
  "an empty module": () => `const out = (await import("data:text/javascript,export default 1")).default;`,
  "wasm-jwt": (spec) => `const { Key, verify } = await import(${spec}); const imported = performance.now(); const c = JSON.parse(process.env.COLD);
    const out = verify(c.token, c.secret ?? Key.fromJwk(c.jwk), { algorithms: [c.alg], issuer: c.iss, audience: c.aud });`,
  jose: () => `const jose = await import("jose"); const imported = performance.now(); const c = JSON.parse(process.env.COLD);
    const key = c.secret ? new TextEncoder().encode(c.secret) : await jose.importJWK(c.jwk, c.alg);
    const out = (await jose.jwtVerify(c.token, key, { algorithms: [c.alg], issuer: c.iss, audience: c.aud })).payload;`,
  "fast-jwt": () => `const { createVerifier } = await import("fast-jwt"); const imported = performance.now(); const c = JSON.parse(process.env.COLD);
    const { createPublicKey } = await import("node:crypto");
    const key = c.secret ?? createPublicKey({ key: c.jwk, format: "jwk" }).export({ type: "spki", format: "pem" });
    const out = createVerifier({ key, algorithms: [c.alg], allowedIss: c.iss, allowedAud: c.aud })(c.token);`,
};

const median = (sorted) => sorted[Math.floor(sorted.length / 2)];

/**
 * Median cold start in ms of each `{ name, library, entry?, pkg?, alg, token, secret?, jwk? }`
 * case over `loads` fresh processes (`pkg`: another directory holding a build of wasm-jwt,
 * pkg/ by default); `iss` and `aud` are the checks every verify makes. Each result has the
 * median, fastest and slowest load (`ms`, `min`, `max`), and the median time to the end of
 * the import alone (`importMs`; for the empty module, its whole load).
 */
export function nodeColdStarts(cases, { loads = 7, iss, aud }) {
  const scripts = cases.map(({ library, entry = ".", pkg = pkgDir }) => {
    const spec = library === "wasm-jwt" ? JSON.stringify(pathToFileURL(resolveExport(entry, ["node", "import", "default"], pkg)).href) : "";
    return `const t0 = performance.now(); ${FIRST_VERIFY[library](spec)}
      if (!out) throw new Error("no payload"); console.log(JSON.stringify([(typeof imported === "number" ? imported : performance.now()) - t0, performance.now() - t0]));`;
  });
  const times = cases.map(() => []);
  for (let load = 0; load < loads; load++) {
    cases.forEach(({ alg, token, secret, jwk }, i) => {
      const env = { ...process.env, COLD: JSON.stringify({ alg, token, secret, jwk, iss, aud }) };
      const output = execFileSync(process.execPath, ["--input-type=module", "-e", scripts[i]], { cwd: root, env, encoding: "utf8" });
      times[i].push(JSON.parse(output));
    });
  }
  return cases.map(({ name, alg }, i) => {
    const sorted = times[i].map(([, total]) => total).sort((a, b) => a - b);
    const importMs = median(times[i].map(([imported]) => imported).sort((a, b) => a - b));
    return { name, alg, ms: median(sorted), min: sorted[0], max: sorted.at(-1), importMs };
  });
}

// ---- run alone -------------------------------------------------------------------------

const ISSUER = "https://auth.example.com/";
const AUDIENCE = "https://api.example.com";
const SECRET = "a cold-start secret of 32+ bytes!!";

/** The HS256 or ES256 token of bench/speed.mjs's cold start: header {alg,typ,kid}, realistic claims. */
function coldCase(alg) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: "user_8f3a2c1e5b7d4e9a", iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 86_400, roles: ["reader", "editor"], sid: "b6c21d0e-3f4a" };
  const input = `${Buffer.from(JSON.stringify({ alg, typ: "JWT", kid: "2026-11-signing-key-01" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  if (alg === "HS256") return { alg, token: `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`, secret: SECRET };
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signature = sign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url");
  return { alg, token: `${input}.${signature}`, jwk: publicKey.export({ format: "jwk" }) };
}

function main() {
  const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, "").split("=")));
  const loads = Number(args.loads ?? 21);
  const entries = (args.entries ?? ".,./hs").split(",");
  const algs = (args.algs ?? "HS256").split(",");
  const pkgs = (args.pkg ?? "pkg").split(",").map((dir) => resolve(root, dir));
  if (!(loads >= 1) || algs.some((alg) => alg !== "HS256" && alg !== "ES256")) {
    console.error("usage: node bench/cold-node.mjs [--loads=21] [--entries=.,./hs] [--algs=HS256,ES256] [--peers] [--pkg=pkg,OTHER_BUILD_DIR]");
    process.exit(1);
  }
  requireBuild();
  const byAlg = Object.fromEntries(algs.map((alg) => [alg, coldCase(alg)]));
  const cases = [];
  for (const alg of algs) {
    for (const entry of entries) {
      // wasm-jwt/hs has no ES256.
      if (alg !== "HS256" && entry !== ".") continue;
      for (const pkg of pkgs) {
        const name = `wasm-jwt${entry === "." ? "" : entry.slice(1)}${pkgs.length > 1 ? ` (${pkg.replace(`${root}/`, "")})` : ""}`;
        cases.push({ name, library: "wasm-jwt", entry, pkg, ...byAlg[alg] });
      }
    }
    if (args.peers !== undefined) cases.push({ name: "jose", library: "jose", ...byAlg[alg] }, { name: "fast-jwt", library: "fast-jwt", ...byAlg[alg] });
  }
  cases.push({ name: "an empty module", library: "an empty module", alg: "-" });
  const rows = nodeColdStarts(cases, { loads, iss: ISSUER, aud: AUDIENCE });
  console.log(`Node ${process.version} cold start: a fresh process per load, import + first verify, ${loads} loads interleaved, in ms`);
  console.log(`  ${"library".padEnd(36)} ${"alg".padEnd(6)} ${"median".padStart(7)} ${"range".padStart(12)} ${"import".padStart(7)} ${"1st call".padStart(8)}`);
  for (const r of rows) {
    const range = `${r.min.toFixed(1)}-${r.max.toFixed(1)}`;
    console.log(`  ${r.name.padEnd(36)} ${r.alg.padEnd(6)} ${r.ms.toFixed(1).padStart(7)} ${range.padStart(12)} ${r.importMs.toFixed(1).padStart(7)} ${(r.ms - r.importMs).toFixed(1).padStart(8)}`);
  }
  console.log("  import: median time to the end of the import; 1st call: median total minus that (medians, so approximate).");
  console.log("  Targets (issue 8): wasm-jwt/hs below 5 ms, wasm-jwt below 8 ms.");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
