// The local development state of the example, in one folder (EDGE_STATE_DIR, default
// examples/edge/.state): the signing key and the users, made once, the .dev.vars-style
// file wrangler reads, and wrangler's persisted Durable Object state (wrangler/).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { hashPassword } from "../src/passwords.js";

export const EXAMPLE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_DIR = path.resolve(EXAMPLE_DIR, "..", "..");

/** EDGE_STATE_DIR (relative to the current directory), or examples/edge/.state. */
export function stateDir() {
  const dir = process.env.EDGE_STATE_DIR ? path.resolve(process.env.EDGE_STATE_DIR) : path.join(EXAMPLE_DIR, ".state");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function writeSecretFile(file, text) {
  writeFileSync(file, text, { mode: 0o600 });
}

/** The signing key (a private JWK), generated on first use with EDGE_ALG (ES256 or EdDSA). */
export async function signingKey(dir) {
  const file = path.join(dir, "signing-key.json");
  if (!existsSync(file)) {
    const { Key } = await import("wasm-jwt/sign");
    const key = Key.generate(process.env.EDGE_ALG || "ES256");
    const jwk = { ...key.toJwk({ private: true }), kid: `local-${key.thumbprint().slice(0, 16)}` };
    writeSecretFile(file, `${JSON.stringify(jwk)}\n`);
    console.log(`made a signing key (${jwk.alg}, kid ${jwk.kid}) in ${file}`);
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

export function usersFile(dir) {
  return path.join(dir, "users.json");
}

/** The users; on first use the local-only demo user, demo / demo-password. */
export async function users(dir) {
  const file = usersFile(dir);
  if (!existsSync(file)) {
    await saveUsers(dir, { demo: { ...(await hashPassword("demo-password")), roles: ["user"] } });
    console.log(`made the local demo user (demo / demo-password) in ${file}`);
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

export async function saveUsers(dir, records) {
  writeSecretFile(usersFile(dir), `${JSON.stringify(records, null, 2)}\n`);
}

/** Writes the env file wrangler dev reads: the secrets, and the settings given in the environment. */
export function writeDevVars(dir, vars) {
  const file = path.join(dir, "dev.vars");
  const lines = Object.entries(vars).map(([name, value]) => {
    if (/['\n]/.test(value)) throw new Error(`${name} must not contain a quote or a newline`);
    return `${name}='${value}'\n`;
  });
  writeSecretFile(file, lines.join(""));
  return file;
}
