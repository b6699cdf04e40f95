// Cold start in Node, for bench/speed.mjs: a fresh `node` process per load, timed inside it
// from just before the library's import to the end of its first verify (so Node's own
// start-up is not counted, the module's load, compile and instantiation are). Libraries
// take turns load by load, so that noise on a shared machine hits each alike; the figure is
// the median of the loads.
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { resolveExport, root } from "./common.mjs";

/** The child's script: `import` then one verify, each library with its own call. */
const FIRST_VERIFY = {
  // The floor: Node's ESM loader importing a module that does nothing.
  "an empty module": () => `const out = (await import("data:text/javascript,export default 1")).default;`,
  "wasm-jwt": (spec) => `const { Key, verify } = await import(${spec}); const c = JSON.parse(process.env.COLD);
    const out = verify(c.token, c.secret ?? Key.fromJwk(c.jwk), { algorithms: [c.alg], issuer: c.iss, audience: c.aud });`,
  jose: () => `const jose = await import("jose"); const c = JSON.parse(process.env.COLD);
    const key = c.secret ? new TextEncoder().encode(c.secret) : await jose.importJWK(c.jwk, c.alg);
    const out = (await jose.jwtVerify(c.token, key, { algorithms: [c.alg], issuer: c.iss, audience: c.aud })).payload;`,
  "fast-jwt": () => `const { createVerifier } = await import("fast-jwt"); const c = JSON.parse(process.env.COLD);
    const { createPublicKey } = await import("node:crypto");
    const key = c.secret ?? createPublicKey({ key: c.jwk, format: "jwk" }).export({ type: "spki", format: "pem" });
    const out = createVerifier({ key, algorithms: [c.alg], allowedIss: c.iss, allowedAud: c.aud })(c.token);`,
};

/**
 * Median cold start in ms of each `{ name, library, entry?, alg, token, secret?, jwk? }`
 * case over `loads` fresh processes; `iss` and `aud` are the checks every verify makes.
 */
export function nodeColdStarts(cases, { loads = 7, iss, aud }) {
  const scripts = cases.map(({ library, entry = "." }) => {
    const spec = library === "wasm-jwt" ? JSON.stringify(pathToFileURL(resolveExport(entry, ["node", "import", "default"])).href) : "";
    return `const t0 = performance.now(); ${FIRST_VERIFY[library](spec)}
      if (!out) throw new Error("no payload"); console.log(performance.now() - t0);`;
  });
  const times = cases.map(() => []);
  for (let load = 0; load < loads; load++) {
    cases.forEach(({ alg, token, secret, jwk }, i) => {
      const env = { ...process.env, COLD: JSON.stringify({ alg, token, secret, jwk, iss, aud }) };
      const output = execFileSync(process.execPath, ["--input-type=module", "-e", scripts[i]], { cwd: root, env, encoding: "utf8" });
      times[i].push(Number(output.trim()));
    });
  }
  return cases.map(({ name, alg }, i) => {
    const sorted = times[i].sort((a, b) => a - b);
    return { name, alg, ms: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
  });
}
