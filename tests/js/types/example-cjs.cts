// The same package through require(), as CommonJS TypeScript sees it (dist/index.d.cts).
import jwt = require("wasm-jwt");

const token: string = jwt.sign({ sub: "ada" }, "a secret of at least 32 bytes for HS256!", { expiresIn: 60 });
const sub: string | undefined = jwt.verify(token, "a secret of at least 32 bytes for HS256!").payload.sub;
const isJwtError: boolean = new jwt.JwtError("expired", "expired") instanceof Error;
// @ts-expect-error: "maxage" is not an option name (maxAge is)
jwt.verify(token, "a secret of at least 32 bytes for HS256!", { maxage: 5 });
