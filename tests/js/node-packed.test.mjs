// The package as published: `npm pack` of the built pkg/, installed from the tarball alone
// (offline, no other dependency) into a fresh project outside the repository, then used by
// name from Node ESM and CommonJS, every build (wasm-jwt, wasm-jwt/sign, wasm-jwt/hs). What
// the tarball lacks, or what resolves only inside the repository, fails here.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { PKG_DIR, REPO_DIR } from "./fixtures/support/paths.mjs";

const run = promisify(execFile);
const npmEnv = { ...process.env, npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false" };

let projectDir;

before(async () => {
  projectDir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-packed-"));
  const fromRepo = path.relative(REPO_DIR, projectDir);
  assert.ok(fromRepo.startsWith("..") || path.isAbsolute(fromRepo), "the project lies outside the repository");
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", projectDir], { cwd: PKG_DIR, env: npmEnv });
  const [{ filename }] = JSON.parse(stdout);
  await writeFile(path.join(projectDir, "package.json"), JSON.stringify({ name: "fresh-app", version: "1.0.0", private: true }));
  await run("npm", ["install", "--offline", `./${filename}`], { cwd: projectDir, env: npmEnv });
});

after(async () => {
  if (projectDir) await rm(projectDir, { recursive: true, force: true });
});

/** Runs `source` with Node as a file of the fresh project; returns what it printed, parsed. */
async function runInProject(fileName, source) {
  await writeFile(path.join(projectDir, fileName), source);
  const { stdout } = await run(process.execPath, [fileName], { cwd: projectDir });
  return JSON.parse(stdout);
}

// The same round trip in every module system: `signer` signs, `jwt` decodes and verifies
// and gives a stable error code.
const ROUND_TRIP = `
  const secret = "a secret of at least 32 bytes for HS256!";
  const token = signer.sign({ sub: "ada" }, secret, { issuedAt: 1700000000, expiresIn: 60 });
  const { payload } = jwt.verify(token, jwt.Key.hmac(secret), { algorithms: ["HS256"], now: 1700000030 });
  let code;
  try { jwt.verify(token, secret, { now: 1700000060 }); } catch (e) { code = e instanceof jwt.JwtError && e.code; }
  console.log(JSON.stringify({ sub: payload.sub, alg: jwt.decode(token).header.alg, code }));
`;
const EXPECTED = { sub: "ada", alg: "HS256", code: "expired" };

test("the tarball installs on its own and holds the licences", async () => {
  const installed = path.join(projectDir, "node_modules", "wasm-jwt");
  const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8"));
  assert.equal(manifest.name, "wasm-jwt");
  assert.equal(manifest.dependencies, undefined, "the package has no dependencies");
  const files = await readdir(installed);
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE", "README.md"]) assert.ok(files.includes(file), file);
  const installedPackages = (await readdir(path.join(projectDir, "node_modules"))).filter((name) => !name.startsWith("."));
  assert.deepEqual(installedPackages, ["wasm-jwt"], "nothing but the package was installed");
});

test("ESM: import from the installed tarball, every build", async () => {
  assert.deepEqual(await runInProject("esm.mjs", `import * as jwt from "wasm-jwt";\nimport * as signer from "wasm-jwt/sign";\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("esm-sign.mjs", `import * as jwt from "wasm-jwt/sign";\nconst signer = jwt;\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("esm-hs.mjs", `import * as jwt from "wasm-jwt/hs";\nimport * as signer from "wasm-jwt/hs/sign";\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("esm-hs-sign.mjs", `import * as jwt from "wasm-jwt/hs/sign";\nconst signer = jwt;\n${ROUND_TRIP}`), EXPECTED);
  const es256 = await runInProject(
    "esm-es256.mjs",
    `import { Key, sign } from "wasm-jwt/sign";
     import * as jwt from "wasm-jwt";
     const key = Key.generate("ES256");
     const publicKey = jwt.Key.fromJwk(key.toJwk());
     let refused;
     try { jwt.sign({}, publicKey); } catch (e) { refused = e instanceof jwt.JwtError && e.code; }
     console.log(JSON.stringify([jwt.verify(sign({ n: 1 }, key), publicKey, { algorithms: ["ES256"] }).payload.n, refused]));`,
  );
  assert.deepEqual(es256, [1, "unsupported_alg"]);
});

test("CommonJS: require from the installed tarball, every build", async () => {
  assert.deepEqual(await runInProject("cjs.cjs", `const jwt = require("wasm-jwt");\nconst signer = require("wasm-jwt/sign");\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("cjs-sign.cjs", `const jwt = require("wasm-jwt/sign");\nconst signer = jwt;\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("cjs-hs.cjs", `const jwt = require("wasm-jwt/hs");\nconst signer = require("wasm-jwt/hs/sign");\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("cjs-hs-sign.cjs", `const jwt = require("wasm-jwt/hs/sign");\nconst signer = jwt;\n${ROUND_TRIP}`), EXPECTED);
});

// wasm-jwt/jwe: the JWS round trip, and a JWE one (encryptJwt, then decryptJwt with the claims checked).
const JWE_ROUND_TRIP = `
  const key = jwt.Key.fromJwk({ kty: "oct", use: "enc", k: "GZy6sIZ6wl9NJOKB-jnmVQ" });
  const token = jwt.encryptJwt({ sub: "ada", exp: 1700000060 }, key, { alg: "A128KW", enc: "A128CBC-HS256" });
  let code;
  try { jwt.decryptJwt(token.slice(0, -2) + (token.endsWith("AA") ? "BA" : "AA"), key); } catch (e) { code = e instanceof jwt.JwtError && e.code; }
  console.log(JSON.stringify({ sub: jwt.decryptJwt(token, key, { now: 1700000030 }).payload.sub, segments: token.split(".").length, code }));
`;
const JWE_EXPECTED = { sub: "ada", segments: 5, code: "decryption_failed" };

test("wasm-jwt/jwe from the installed tarball, ESM and CommonJS", async () => {
  assert.deepEqual(await runInProject("esm-jwe.mjs", `import * as jwt from "wasm-jwt/jwe";\nconst signer = jwt;\n${ROUND_TRIP}`), EXPECTED);
  assert.deepEqual(await runInProject("esm-jwe-2.mjs", `import * as jwt from "wasm-jwt/jwe";\n${JWE_ROUND_TRIP}`), JWE_EXPECTED);
  assert.deepEqual(await runInProject("cjs-jwe.cjs", `const jwt = require("wasm-jwt/jwe");\n${JWE_ROUND_TRIP}`), JWE_EXPECTED);
});
