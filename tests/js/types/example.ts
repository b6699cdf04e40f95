// A typed use of the whole API, checked by `tsc --noEmit` in node-types.test.mjs (from a
// directory where "wasm-jwt" resolves to pkg/ through its exports map). Each
// `@ts-expect-error` line must fail to type-check, or tsc reports the directive unused.
import {
  decode,
  JwtError,
  Key,
  KeySet,
  memoryBytes,
  sign,
  verify,
  type Algorithm,
  type DecodedJwt,
  type ErrorCode,
  type JsonValue,
  type SignOptions,
  type TokenPart,
  type VerifyOptions,
} from "wasm-jwt";

interface AppClaims {
  role: "admin" | "reader";
  tenant: string;
}

const secret = "a secret of at least 32 bytes for HS256!";
const secretBytes: Uint8Array = new TextEncoder().encode(secret);

const verifyOptions: VerifyOptions = {
  algorithms: ["HS256", "HS512"],
  issuer: ["https://id.example"],
  audience: "api",
  subject: "ada",
  typ: "JWT",
  leeway: 5,
  now: 1_700_000_000,
  maxAge: 3600,
  required: ["sub", "tenant"],
  maxTokenLength: 8192,
};
const signOptions: SignOptions = { alg: "HS256", expiresIn: 900, notBefore: 0, issuedAt: true, header: { kid: "k1", cty: "x", custom: [1] } };

const token: string = sign({ sub: "ada", role: "admin", tenant: "t1", aud: ["api"] }, secret, signOptions);
sign({ sub: "ada" }, secretBytes, { issuedAt: 1_700_000_000 });
sign({ role: "reader", tenant: "t2" } satisfies AppClaims, Key.hmac(secretBytes));

const parts: DecodedJwt = decode(token);
const signature: string = parts.signature;
const unchecked: JsonValue | undefined = parts.payload["exp"];
if (typeof unchecked === "number") {
  const seconds: number = unchecked;
}

const key: Key = Key.fromJwk({ kty: "oct", k: "c2VjcmV0", kid: "k1", alg: "HS256", use: "sig", key_ops: ["verify"] });
Key.fromJwk('{"kty":"oct","k":"c2VjcmV0"}');
const keyAlg: Algorithm | undefined = key.alg;
const keyId: string | undefined = key.kid;
const set: KeySet = KeySet.fromJwks({ keys: [{ kty: "oct", kid: "k1", k: "c2VjcmV0" }] });

const { header, payload } = verify<AppClaims>(token, set, verifyOptions);
const headerAlg: Algorithm = header.alg;
const headerKid: string | undefined = header.kid;
const role: "admin" | "reader" = payload.role;
const expires: number | undefined = payload.exp;
const audience: string | string[] | undefined = payload.aud;
const other: JsonValue | undefined = payload["anything"];
for (const k of [key, secret, secretBytes, set] as const) verify(token, k);

function explain(error: unknown): string {
  if (!(error instanceof JwtError)) throw error;
  const code: ErrorCode = error.code;
  const part: TokenPart | undefined = error.part;
  switch (error.code) {
    case "expired":
      return `expired (${error.claim})`;
    case "malformed":
      return `malformed ${part} at byte ${error.offset}`;
    default:
      return `${code}: ${error.message}`;
  }
}
const thrown = new JwtError("audience", "wrong audience", { part: "payload", claim: "aud" });
explain(thrown);
key.free();
set.free();
const wasmBytes: number = memoryBytes();

// @ts-expect-error: "audiance" is not an option name
verify(token, secret, { audiance: "api" });
// @ts-expect-error: "expird" is not an error code
const misspelt: ErrorCode = "expird";
// @ts-expect-error: a comparison with a code that does not exist
if (thrown.code === "expird") explain(thrown);
// @ts-expect-error: the payload is typed, not any
const notANumber: number = payload.role;
// @ts-expect-error: a number is not a key
verify(token, 42);
// @ts-expect-error: a key set only verifies
sign({}, set);
// @ts-expect-error: exp is a number of seconds
sign({ exp: "soon" }, secret);
// @ts-expect-error: none is not an algorithm
sign({}, secret, { alg: "none" });
// @ts-expect-error: keys are made by Key.hmac / Key.fromJwk
new Key();

// Remote key sets and verifyAsync.
import { cacheApiStore, createRemoteKeySet, kvStore, verifyAsync, type KeySetStore, type RemoteKeySet } from "wasm-jwt";
const remote: RemoteKeySet = createRemoteKeySet("https://issuer.example/.well-known/jwks.json", { cacheMaxAge: 600, store: cacheApiStore() });
const viaRemote: Promise<{ header: { alg: Algorithm }; payload: { sub?: string } }> = verifyAsync(token, remote, { audience: "api" });
const viaKey = verifyAsync<{ role: string }>(token, secret).then(({ payload }) => payload.role.toUpperCase());
const store: KeySetStore = kvStore({ get: async () => null, put: async () => {} });
console.log(remote.url, viaRemote, viaKey, store);
// @ts-expect-error: cacheMaxAge is a number of seconds
createRemoteKeySet("https://issuer.example/jwks", { cacheMaxAge: "10m" });
// @ts-expect-error: a remote key set is for verifyAsync, not verify
verify(token, remote);
