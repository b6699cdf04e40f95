// The security review's hostile inputs in Node: the shared cases (also run in workerd),
// then what only Node can show: secrets left in wasm memory, a huge token, an
// out-of-memory trap, and what a key costs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { keyPair } from "../../scripts/key-pairs.mjs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { runHostileCases } from "./fixtures/hostile-cases.mjs";
import { PKG_DIR, importPackage } from "./helpers/package.mjs";

const api = await importPackage("wasm-jwt/sign");
const { Key, KeySet, memoryBytes, sign, verify } = api;
// The glue module the package initialised (the same module instance): its memory is scanned.
const glue = await import(pathToFileURL(path.join(PKG_DIR, "dist", "sign", "wasm_jwt.js")).href);
const wasmMemory = () => Buffer.from(glue.initSync().memory.buffer);

describe("hostile input (the cases shared with workerd)", () => {
  for (const { name, failure } of runHostileCases(api)) {
    test(name, () => assert.equal(failure, undefined));
  }
});

describe("5. oversized input in Node", () => {
  test("a 100 MB token is too_large at once and wasm memory stays where it was", () => {
    const before = memoryBytes();
    const huge = "é".repeat(100_000_000);
    assert.throws(() => verify(huge, "a secret of at least thirty-two bytes, for HS256"), { code: "too_large" });
    assert.equal(memoryBytes(), before);
  });
});

describe("8. secret input leaves no copy in wasm memory once its key is freed", () => {
  const inMemory = (text) => wasmMemory().includes(Buffer.from(text));

  test("Key.hmac with a string and with bytes", () => {
    for (const asBytes of [false, true]) {
      const secret = `s3cret-${randomBytes(24).toString("hex")}`;
      const key = Key.hmac(asBytes ? new TextEncoder().encode(secret) : secret);
      assert.ok(inMemory(secret), "the control: a live key holds its secret");
      key.free();
      assert.ok(!inMemory(secret), `a copy of the ${asBytes ? "bytes" : "string"} secret is left after free()`);
    }
  });

  test("Key.fromPem with a private key", () => {
    const { privateKey } = keyPair("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" });
    const body = pem.split("\n")[1];
    const d = Buffer.from(privateKey.export({ format: "jwk" }).d, "base64url");
    const key = Key.fromPem(pem);
    assert.ok(!inMemory(body), "the PEM text is not kept even while the key lives");
    // Signing hands node:crypto the key as PKCS#8 DER, read in wasm memory and zeroed there.
    assert.equal(verify(sign({ sub: "ada" }, key), Key.fromJwk(key.toJwk())).payload.sub, "ada");
    key.free();
    assert.ok(!inMemory(body), "a copy of the PEM text is left after free()");
    assert.ok(!wasmMemory().includes(d), "the private scalar is left after free()");
  });

  test("Key.fromJwk with a private key", () => {
    const { privateKey } = keyPair("ed25519");
    const jwk = privateKey.export({ format: "jwk" });
    Key.fromJwk(jwk).free();
    assert.ok(!inMemory(jwk.d), "a copy of the JWK's d text is left after free()");
  });
});

describe("9. an out-of-memory trap", () => {
  test("is JwtError internal, and the module keeps working after it, again and again", () => {
    const script = fileURLToPath(new URL("./helpers/out-of-memory.mjs", import.meta.url));
    const child = spawnSync(process.execPath, [script], { encoding: "utf8", env: process.env, timeout: 120_000 });
    assert.equal(child.status, 0, child.stderr);
    const rounds = JSON.parse(child.stdout);
    assert.equal(rounds.length, 3);
    for (const round of rounds) {
      assert.deepEqual(round, { trapped: "internal", isJwtError: true, afterwards: "ada", keyAfterwards: "ada" });
    }
  });
});

describe("7. what a key costs", () => {
  test("an HMAC key holds little wasm memory, and free() returns it", () => {
    const secret = "a secret of at least thirty-two bytes, for HS256!!".repeat(2); // long enough for HS512 too
    const warm = Array.from({ length: 1000 }, () => Key.hmac(secret));
    warm.forEach((key) => key.free());
    const before = memoryBytes();
    const keys = Array.from({ length: 20_000 }, () => Key.hmac(secret));
    const perKey = (memoryBytes() - before) / keys.length;
    assert.ok(perKey <= 256, `each HMAC key holds about ${perKey} bytes of wasm memory`);
    const token = sign({ sub: "ada" }, keys[0], { alg: "HS512" });
    assert.equal(verify(token, keys.at(-1)).payload.sub, "ada");
    keys.forEach((key) => key.free());
    const again = Array.from({ length: 20_000 }, () => Key.hmac(secret));
    assert.ok(memoryBytes() <= before + 20_000 * 256, "freed keys' memory is reused");
    again.forEach((key) => key.free());
  });

  test("a KeySet's keys are freed with it", () => {
    const jwks = { keys: [Key.generate("HS256").toJwk({ private: true })] };
    const before = memoryBytes();
    for (let i = 0; i < 5000; i++) KeySet.fromJwks(jwks).free();
    assert.equal(memoryBytes(), before);
  });
});
