// `npm run edge`: builds the package if it is missing or older than the Rust sources,
// links it into examples/edge/node_modules, makes the local signing key and demo user once,
// and runs the Worker with `wrangler dev` on 127.0.0.1:PORT (default 8787), telemetry off,
// state persisted in EDGE_STATE_DIR (default examples/edge/.state).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";

import { EXAMPLE_DIR, REPO_DIR, signingKey, stateDir, users, writeDevVars } from "./local-state.mjs";

// Settings passed on from the environment when set (see README.md for each).
const PASSED_SETTINGS = [
  "ACCESS_TTL_SECONDS", "REFRESH_TTL_SECONDS", "LEEWAY_SECONDS", "ALGORITHMS", "CORS_ALLOWED_ORIGINS", "ADDITIONAL_JWKS",
  "JWKS_URL", "ISSUER", "AUDIENCE", "EXTERNAL_MAX_AGE_SECONDS", "EXTERNAL_TYP", "EXTERNAL_ALGORITHMS", "TOKEN_ISSUER", "TOKEN_AUDIENCE",
];

function newestModification(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function buildPackageIfNeeded() {
  const wasm = path.join(REPO_DIR, "pkg", "dist", "wasm_jwt_bg.wasm");
  const stale = !existsSync(wasm) || newestModification(path.join(REPO_DIR, "src")) > statSync(wasm).mtimeMs;
  if (!stale) return;
  console.log("building the package (node scripts/build.mjs)");
  const result = spawnSync(process.execPath, [path.join(REPO_DIR, "scripts", "build.mjs")], { cwd: REPO_DIR, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** What `npm install` in examples/edge makes of "wasm-jwt": "file:../../pkg": a link to pkg/. */
function linkPackage() {
  const link = path.join(EXAMPLE_DIR, "node_modules", "wasm-jwt");
  try {
    lstatSync(link);
    return;
  } catch {
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), path.join(REPO_DIR, "pkg")), link, "dir");
  }
}

buildPackageIfNeeded();
linkPackage();
const dir = stateDir();
const vars = {
  SIGNING_KEY: JSON.stringify(await signingKey(dir)),
  USERS: JSON.stringify(await users(dir)),
};
for (const name of PASSED_SETTINGS) if (process.env[name] !== undefined) vars[name] = process.env[name];
const envFile = writeDevVars(dir, vars);

const port = process.env.PORT || "8787";
console.log(`state in ${dir}; serving on http://127.0.0.1:${port}/ (Ctrl-C stops)`);
const wrangler = spawn(
  path.join(REPO_DIR, "node_modules", ".bin", "wrangler"),
  ["dev", "--ip", "127.0.0.1", "--port", port, "--persist-to", path.join(dir, "wrangler"), "--env-file", envFile, "--show-interactive-dev-session=false"],
  {
    cwd: EXAMPLE_DIR,
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
