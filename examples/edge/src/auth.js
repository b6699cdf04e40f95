// The token endpoints: login (password grant), refresh (rotation) and logout. Responses
// have the RFC 6749 5.1 shape; every failure of a grant is 401 invalid_grant, every
// malformed request 400 invalid_request.
import { sign } from "wasm-jwt/sign";

import { need } from "./config.js";
import { randomBase64url, sha256 } from "./encoding.js";
import { BadRequest, json, readJsonObject, stringMember } from "./http.js";
import { passwordMatches } from "./passwords.js";

const MAX_USERNAME_LENGTH = 128;
const MAX_PASSWORD_LENGTH = 1024;
// "<Durable Object id, 64 hex>.<256 random bits, base64url>": the id routes the token to
// its user's state without saying who the user is.
const REFRESH_TOKEN = /^([0-9a-f]{64})\.[A-Za-z0-9_-]{43}$/;

const invalidGrant = () => json(401, { error: "invalid_grant" });
const invalidRequest = () => json(400, { error: "invalid_request" });

function now() {
  return Math.floor(Date.now() / 1000);
}

export async function login(request, env, config) {
  let username;
  let password;
  try {
    const body = await readJsonObject(request);
    username = stringMember(body, "username", MAX_USERNAME_LENGTH);
    password = stringMember(body, "password", MAX_PASSWORD_LENGTH);
  } catch (error) {
    if (error instanceof BadRequest) return invalidRequest();
    throw error;
  }
  const users = need(config.users);
  const user = users.get(username);
  // An unknown user costs the same PBKDF2 work and gets the same body as a wrong password.
  if (!(await passwordMatches(password, user))) return invalidGrant();
  const account = env.ACCOUNTS.get(env.ACCOUNTS.idFromName(username));
  const refreshToken = newRefreshToken(account.id.toString());
  const issuedAt = now();
  await account.startFamily(username, await sha256(refreshToken), issuedAt + config.refreshTtl, issuedAt);
  return tokenResponse(config, username, user.roles, refreshToken);
}

export async function refresh(request, env, config) {
  const presented = await presentedRefreshToken(request, env);
  if (presented instanceof Response) return presented;
  const { account, token } = presented;
  const nextToken = newRefreshToken(account.id.toString());
  const issuedAt = now();
  const rotated = await account.rotate(await sha256(token), await sha256(nextToken), issuedAt + config.refreshTtl, issuedAt);
  if (rotated === null) return invalidGrant();
  // Roles as they are now: a user removed from USERS can no longer refresh.
  const user = need(config.users).get(rotated.username);
  if (user === undefined) return invalidGrant();
  return tokenResponse(config, rotated.username, user.roles, nextToken);
}

/** Ends the login: its family can no longer refresh. Access tokens already issued stay valid until they expire. */
export async function logout(request, env) {
  const presented = await presentedRefreshToken(request, env);
  if (presented instanceof Response) return presented;
  const { account, token } = presented;
  const ended = await account.endFamily(await sha256(token), now());
  return ended ? new Response(null, { status: 204, headers: { "cache-control": "no-store" } }) : invalidGrant();
}

/** `{ account, token }` from a body `{"refresh_token"}`, or the error response. */
async function presentedRefreshToken(request, env) {
  let token;
  try {
    token = stringMember(await readJsonObject(request), "refresh_token", 200);
  } catch (error) {
    if (error instanceof BadRequest) return invalidRequest();
    throw error;
  }
  const match = REFRESH_TOKEN.exec(token);
  if (match === null) return invalidGrant();
  let id;
  try {
    id = env.ACCOUNTS.idFromString(match[1]);
  } catch {
    return invalidGrant(); // an id this namespace did not make
  }
  return { account: env.ACCOUNTS.get(id), token };
}

function newRefreshToken(accountId) {
  return `${accountId}.${randomBase64url(32)}`;
}

function tokenResponse(config, username, roles, refreshToken) {
  const { key, kid, issuer, audience } = need(config.signing);
  const accessToken = sign({ iss: issuer, aud: audience, sub: username, roles, jti: crypto.randomUUID() }, key, {
    expiresIn: config.accessTtl,
    header: { kid, typ: "at+jwt" },
  });
  return json(200, {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: config.accessTtl,
    refresh_token: refreshToken,
    refresh_expires_in: config.refreshTtl,
  }, { pragma: "no-cache" });
}
