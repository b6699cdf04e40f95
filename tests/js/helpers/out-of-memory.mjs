// Run by node-hostile.test.mjs in a process of its own (its wasm memory ends at the cap):
// three times over, a payload too large for the wasm memory makes sign trap, then a
// verify with a string secret and with a Key must still work. Prints the rounds as JSON.
import { importPackage } from "./package.mjs";

const { JwtError, Key, sign, verify } = await importPackage("wasm-jwt/sign");
const secret = "a secret of at least thirty-two bytes, for HS256";
const key = Key.hmac(secret);
const token = sign({ sub: "ada" }, secret);
// 130 MB of payload JSON fits in the 256 MiB wasm memory; its base64url (173 MB) does not.
const huge = { sub: "x".repeat(130_000_000) };

const rounds = [];
for (let round = 0; round < 3; round++) {
  let trapped;
  let isJwtError;
  try {
    sign(huge, key);
    trapped = "no error";
  } catch (error) {
    trapped = error.code ?? `${error.name}: ${error.message}`;
    isJwtError = error instanceof JwtError;
  }
  rounds.push({ trapped, isJwtError, afterwards: verify(token, secret).payload.sub, keyAfterwards: verify(token, key).payload.sub });
}
console.log(JSON.stringify(rounds));
