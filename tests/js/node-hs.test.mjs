// wasm-jwt/hs and wasm-jwt/hs/sign, the HMAC-only builds (verify; verify and sign), loaded by
// name through the exports map as an application does: they need no init call in ESM or
// CommonJS, sign (wasm-jwt/hs/sign) and verify HS256/384/512 with jose on the other side,
// refuse what only the full builds have with a JwtError that names "wasm-jwt" (and
// wasm-jwt/hs refuses signing naming "wasm-jwt/hs/sign"), and are typed with Algorithm
// limited to the HMAC names.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { keyPair } from "../../scripts/key-pairs.mjs";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { jwtVerify, SignJWT } from "jose";
import { PKG_DIR, REPO_DIR, appDirectory, appRequire, importPackage } from "./helpers/package.mjs";
import { HASH_BYTES, flipSignatureBit, nowSeconds, secretOf, signWithJose } from "./helpers/tokens.mjs";

const API = ["JwtError", "Key", "KeySet", "cacheApiStore", "createRemoteKeySet", "createVerifier", "decode", "kvStore", "memoryBytes", "sign", "verify", "verifyAsync"];

/** The ESM namespace of `entry` imported from the app directory, plus `resolved`. */
async function importEntry(entry) {
  const loader = path.join(appDirectory(), `load-${entry.replaceAll("/", "-")}.mjs`);
  writeFileSync(loader, `export * from "${entry}";\nexport const resolved = import.meta.resolve("${entry}");\n`);
  return import(pathToFileURL(loader).href);
}

const hs = await importEntry("wasm-jwt/hs");
const hsSign = await importEntry("wasm-jwt/hs/sign");
const full = await importPackage();
const hsCjs = appRequire()("wasm-jwt/hs");
const hsSignCjs = appRequire()("wasm-jwt/hs/sign");
const fullCjs = appRequire()("wasm-jwt");
/** Each HMAC-only entry: its name, its folder under dist/, and its ESM and CommonJS namespaces. */
const ENTRIES = [
  { entry: "wasm-jwt/hs", dir: ["hs"], esm: hs, cjs: hsCjs },
  { entry: "wasm-jwt/hs/sign", dir: ["hs", "sign"], esm: hsSign, cjs: hsSignCjs },
];

/** An RSA key pair from node:crypto: what only the full build reads. */
const rsa = keyPair("rsa", { modulusLength: 2048 });
const rsaPublicPem = rsa.publicKey.export({ type: "spki", format: "pem" });
const rsaPublicJwk = { ...rsa.publicKey.export({ format: "jwk" }), kid: "rsa", alg: "RS256" };

/** Whether `error` is `jwt`'s JwtError for something only the full build has. */
function isFullBuildOnly(error, jwt = hs) {
  return error instanceof jwt.JwtError && error.code === "unsupported_alg" && error.message.includes('import from "wasm-jwt"');
}

describe("loading", () => {
  const signed = hsSign.sign({ sub: "ada" }, secretOf(32));
  for (const { entry, dir, esm, cjs } of ENTRIES) {
    test(`${entry}: import resolves dist/${dir.join("/")}/index.mjs, exports the same API and works with no init call`, () => {
      assert.equal(esm.resolved, pathToFileURL(path.join(PKG_DIR, "dist", ...dir, "index.mjs")).href);
      assert.deepEqual(Object.keys(esm).filter((name) => name !== "resolved").sort(), API);
      assert.equal(esm.verify(signed, secretOf(32)).payload.sub, "ada");
    });

    test(`${entry}: require resolves dist/${dir.join("/")}/index.cjs, exports the same API and works with no init call`, () => {
      assert.equal(appRequire().resolve(entry), path.join(PKG_DIR, "dist", ...dir, "index.cjs"));
      assert.deepEqual(Object.keys(cjs).sort(), API);
      assert.equal(cjs.verify(signed, secretOf(32)).payload.sub, "ada");
    });

    test(`${entry}: the .wasm is its own, less than half the full one, and has no PEM`, () => {
      const hsWasm = readFileSync(path.join(PKG_DIR, "dist", ...dir, "wasm_jwt_bg.wasm"));
      const fullWasm = readFileSync(path.join(PKG_DIR, "dist", "wasm_jwt_bg.wasm"));
      assert.ok(hsWasm.length * 2 < fullWasm.length, `hs ${hsWasm.length} bytes, full ${fullWasm.length} bytes`);
      const hsGlue = readFileSync(path.join(PKG_DIR, "dist", ...dir, "wasm_jwt.js"), "utf8");
      assert.doesNotMatch(hsGlue, /fromPem/, "the HMAC-only glue has no Key.fromPem");
      const bundle = readFileSync(path.join(PKG_DIR, "dist", ...dir, "index.cjs"), "utf8");
      assert.match(bundle, /"wasm_jwt_bg\.wasm"/, `the CommonJS bundle reads the .wasm next to it, in dist/${dir.join("/")}/`);
      assert.doesNotMatch(bundle, /WebAssembly\.instantiateStreaming/, "the CommonJS bundle has no async loader");
    });
  }

  test("wasm-jwt/hs has no signing in its wasm or glue, and its .wasm is smaller than wasm-jwt/hs/sign's", () => {
    const glue = readFileSync(path.join(PKG_DIR, "dist", "hs", "wasm_jwt.js"), "utf8");
    for (const name of ["SignOptions", "signoptions_fromJson", "key_generate", "export function sign"]) {
      assert.ok(!glue.includes(name), `the wasm-jwt/hs glue has no ${name}`);
    }
    const [verifyWasm, signWasm] = [["hs"], ["hs", "sign"]].map((dir) => readFileSync(path.join(PKG_DIR, "dist", ...dir, "wasm_jwt_bg.wasm")).length);
    assert.ok(verifyWasm < signWasm, `wasm-jwt/hs ${verifyWasm} bytes, wasm-jwt/hs/sign ${signWasm} bytes`);
  });

  test("JwtError is one class across wasm-jwt, wasm-jwt/hs and wasm-jwt/hs/sign, under import and under require", () => {
    assert.equal(hs.JwtError, full.JwtError);
    assert.equal(hsSign.JwtError, full.JwtError);
    assert.equal(hsCjs.JwtError, fullCjs.JwtError);
    assert.equal(hsSignCjs.JwtError, fullCjs.JwtError);
    assert.throws(() => hs.verify("not a token", secretOf(32)), full.JwtError);
  });
});

describe("wasm-jwt/hs verifies only", () => {
  test("sign and Key.generate throw unsupported_alg naming wasm-jwt/hs/sign, under import and require", () => {
    for (const jwt of [hs, hsCjs]) {
      for (const attempt of [() => jwt.sign({ sub: "ada" }, secretOf(32)), () => jwt.Key.generate("HS256")]) {
        assert.throws(attempt, (e) => e instanceof jwt.JwtError && e.code === "unsupported_alg" && e.message.includes('import from "wasm-jwt/hs/sign"'));
      }
    }
  });

  test("a secret, a Key and a JWKS of secrets verify what wasm-jwt/hs/sign signs; wasm-jwt/hs/sign exports keys, wasm-jwt/hs refuses", () => {
    const secret = secretOf(32);
    const token = hsSign.sign({ sub: "ada" }, secret, { header: { kid: "k1" } });
    const jwk = { kty: "oct", k: Buffer.from(secret).toString("base64url"), kid: "k1" };
    for (const key of [secret, hs.Key.hmac(secret), hs.Key.fromJwk(jwk), hs.KeySet.fromJwks({ keys: [jwk] })]) {
      assert.equal(hs.verify(token, key).payload.sub, "ada");
    }
    assert.deepEqual(hsSign.Key.fromJwk(jwk).toJwk({ private: true }), jwk);
    assert.equal(hsSign.Key.fromJwk(jwk).thumbprint(), full.Key.fromJwk(jwk).thumbprint());
    for (const jwt of [hs, hsCjs]) {
      for (const method of ["toJwk", "thumbprint"]) {
        assert.throws(() => jwt.Key.fromJwk(jwk)[method](), (e) => e instanceof jwt.JwtError && e.code === "unsupported_alg" && e.message.includes('import from "wasm-jwt/hs/sign" to sign, generate or export keys'), method);
      }
    }
  });
});

for (const [alg, bytes] of Object.entries(HASH_BYTES)) {
  describe(alg, () => {
    const secret = secretOf(bytes);
    const secretBytes = new TextEncoder().encode(secret);
    const options = { algorithms: [alg] };

    for (const [name, jwt] of [["ESM", hsSign], ["CommonJS", hsSignCjs]]) {
      test(`wasm-jwt/hs/sign, ${name}: signs and verifies with a string, bytes and a Key; a flipped bit is bad_signature`, () => {
        const payload = { sub: "user-7", name: "Zoë 🔐", nested: { n: 1.5, none: null } };
        for (const key of [secret, secretBytes, jwt.Key.hmac(secret), jwt.Key.fromJwk({ kty: "oct", k: Buffer.from(secret).toString("base64url") })]) {
          const token = jwt.sign(payload, key, { alg, issuedAt: false, header: { kid: "k1" } });
          assert.deepEqual(jwt.verify(token, key, options), { header: { alg, typ: "JWT", kid: "k1" }, payload });
          assert.throws(() => jwt.verify(flipSignatureBit(token), key, options), (e) => e instanceof jwt.JwtError && e.code === "bad_signature");
          assert.deepEqual(hs.verify(token, secret, options).payload, payload, "wasm-jwt/hs verifies it");
          assert.throws(() => hs.verify(flipSignatureBit(token), secret, options), (e) => e instanceof hs.JwtError && e.code === "bad_signature");
        }
      });
    }

    test("jose signs, wasm-jwt/hs verifies the same header and payload", async () => {
      const payload = { sub: "user-7", roles: ["a"], iat: nowSeconds(), exp: nowSeconds() + 60 };
      const token = await signWithJose(payload, secret, { alg, header: { typ: "JWT", kid: "k1" } });
      assert.deepEqual(hs.verify(token, secret, options), { header: { alg, typ: "JWT", kid: "k1" }, payload });
      assert.deepEqual(hsCjs.verify(token, secretBytes, options).payload, payload);
    });

    test("wasm-jwt/hs/sign signs, jose verifies", async () => {
      const token = hsSign.sign({ sub: "user-7" }, hsSign.Key.hmac(secretBytes), { alg, expiresIn: 120 });
      const { protectedHeader, payload } = await jwtVerify(token, secretBytes, { algorithms: [alg] });
      assert.deepEqual(protectedHeader, { alg, typ: "JWT" });
      assert.equal(payload.sub, "user-7");
      assert.equal(payload.exp - payload.iat, 120);
    });

    test("wasm-jwt/hs/sign's Key.generate makes a secret of the hash's length that signs for the full build", () => {
      const key = hsSign.Key.generate(alg);
      const jwk = key.toJwk({ private: true });
      assert.equal(Buffer.from(jwk.k, "base64url").length, bytes);
      const token = hsSign.sign({ n: 1 }, key);
      assert.equal(full.verify(token, full.Key.fromJwk(jwk), options).payload.n, 1);
    });
  });
}

describe("what only the full build has", () => {
  test("an RS256 token is unsupported_alg in the header, with a message naming wasm-jwt", async () => {
    const token = await new SignJWT({ sub: "ada" }).setProtectedHeader({ alg: "RS256" }).sign(rsa.privateKey);
    assert.equal(full.verify(token, full.Key.fromPem(rsaPublicPem)).payload.sub, "ada", "the full build verifies it");
    for (const key of [secretOf(32), hs.KeySet.fromJwks({ keys: [rsaPublicJwk] })]) {
      assert.throws(() => hs.verify(token, key), (e) => isFullBuildOnly(e) && e.part === "header" && /"RS256"/.test(e.message));
    }
    assert.deepEqual(hs.decode(token).header, { alg: "RS256" }, "decode does not need the algorithm");
  });

  test("Key.fromPem, key.toPem(), an RSA JWK and Key.generate of ES256 throw the JwtError, not a TypeError", () => {
    const secretKey = hs.Key.hmac(secretOf(32));
    for (const [attempt, jwt] of [
      [() => hs.Key.fromPem(rsaPublicPem), hs],
      [() => secretKey.toPem(), hs],
      [() => hs.Key.fromJwk(rsaPublicJwk), hs],
      [() => hsSign.Key.generate("ES256"), hsSign],
    ]) {
      assert.throws(attempt, (e) => isFullBuildOnly(e, jwt));
    }
    assert.throws(() => hsCjs.Key.fromPem(rsaPublicPem), (e) => isFullBuildOnly(e, hsCjs));
    assert.throws(() => hs.Key.fromPem(rsaPublicPem), { message: /^Key\.fromPem is not in this build \(wasm-jwt\/hs is the HMAC-only build/ });
  });

  test("the full build's errors do not mention wasm-jwt/hs", () => {
    const unknownAlg = hsSign.sign({}, secretOf(32)).replace(/^[^.]+/, Buffer.from('{"alg":"XS256"}').toString("base64url"));
    assert.throws(() => full.verify(unknownAlg, secretOf(32)), (e) => e.code === "unsupported_alg" && !e.message.includes("wasm-jwt"));
    assert.throws(() => hs.verify(unknownAlg, secretOf(32)), isFullBuildOnly);
  });

  test("a Key of the full build or of wasm-jwt/hs/sign is refused by wasm-jwt/hs with a message that says why", () => {
    const token = hsSign.sign({}, secretOf(32));
    for (const key of [full.Key.hmac(secretOf(32)), hsSign.Key.hmac(secretOf(32))]) {
      assert.throws(() => hs.verify(token, key), (e) => e instanceof hs.JwtError && e.code === "invalid_key" && /wasm-jwt\/hs\/sign and wasm-jwt\/jwe, is a build of its own/.test(e.message));
    }
    assert.ok(full.verify(token, secretOf(32)).payload.iat > 0, "tokens cross between the builds");
  });
});

describe("types", () => {
  const tsc = path.join(REPO_DIR, "node_modules", "typescript", "bin", "tsc");

  /** Type-checks `files` ({ name: source }) in a fresh folder of the app directory. */
  function typeCheck(folder, files) {
    const dir = path.join(appDirectory(), folder);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    const compilerOptions = { target: "es2022", lib: ["es2022", "dom"], module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, types: [] };
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
    for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
    return spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
  }

  test("wasm-jwt/hs and wasm-jwt/hs/sign are typed for ESM and CommonJS, with Algorithm limited to HS256/384/512", () => {
    const result = typeCheck("types-hs", {
      "example.ts": [
        'import { Key, sign } from "wasm-jwt/hs/sign";',
        'import { verify, type Algorithm } from "wasm-jwt/hs";',
        'const alg: Algorithm = "HS384";',
        'const token: string = sign({ sub: "ada" }, Key.generate(alg), { alg });',
        'const sub: string | undefined = verify(token, "a secret", { algorithms: ["HS256", "HS512"] }).payload.sub;',
        '// @ts-expect-error: RS256 is not an algorithm of the HMAC-only build',
        'Key.generate("RS256");',
        '// @ts-expect-error: nor is ES256',
        'verify(token, "a secret", { algorithms: ["ES256"] });',
        "",
      ].join("\n"),
      "example-cjs.cts": [
        'import jwt = require("wasm-jwt/hs/sign");',
        'const token: string = jwt.sign({ sub: "ada" }, "a secret", { alg: "HS512" });',
        'const isJwtError: boolean = new jwt.JwtError("expired", "expired") instanceof Error;',
        '// @ts-expect-error: EdDSA is not an algorithm of the HMAC-only build',
        'jwt.sign({}, "a secret", { alg: "EdDSA" });',
        "",
      ].join("\n"),
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  test("an algorithm the HMAC-only build lacks is a type error", () => {
    const result = typeCheck("types-hs-broken", { "example.ts": 'import { sign } from "wasm-jwt/hs";\nsign({}, "s", { alg: "RS256" });\n' });
    assert.notEqual(result.status, 0);
    // "Did you mean HS256" shows the narrowed type: RS256 is an Algorithm of the full build.
    assert.match(result.stdout, /example\.ts\(2,17\): error TS2820: Type '"RS256"' is not assignable to type 'Algorithm \| undefined'\. Did you mean '"HS256"'\?/);
  });
});
