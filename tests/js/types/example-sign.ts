// wasm-jwt/sign has the very same declarations as wasm-jwt (one API; wasm-jwt's sign and
// Key.generate throw at run time): a program signs with one entry and verifies with the other.
import { Key, sign, type SignOptions } from "wasm-jwt/sign";
import { Key as PublicKey, verify, type VerifyOptions } from "wasm-jwt";

const key: Key = Key.generate("ES256");
const signOptions: SignOptions = { expiresIn: 60, header: { kid: "k1" } };
const token: string = sign({ sub: "ada" }, key, signOptions);
const verifyOptions: VerifyOptions = { algorithms: ["ES256"] };
const sub: string | undefined = verify<{ sub: string }>(token, PublicKey.fromJwk(key.toJwk()), verifyOptions).payload.sub;
// @ts-expect-error: "expiresin" is not an option name (expiresIn is)
sign({}, key, { expiresin: 5 });

export { sub };
