// The refresh-token state of one user: a SQLite-backed Durable Object (one per user, named
// by the username). It stores only the SHA-256 digest of each refresh token, with its
// family (one login and the tokens rotated from it), expiry and state. Every method is
// synchronous SQL without an await, so each runs alone: of concurrent refreshes of one
// token exactly one finds it active.
import { DurableObject } from "cloudflare:workers";

const ACTIVE = "active";
const USED = "used";
const REVOKED = "revoked";

export class Account extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS refresh_tokens (
      digest TEXT PRIMARY KEY, family TEXT NOT NULL, expires_at INTEGER NOT NULL, state TEXT NOT NULL)`);
    this.sql.exec("CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS account (username TEXT NOT NULL)");
  }

  /** A login: a new family whose first token has `digest`. */
  startFamily(username, digest, expiresAt, now) {
    this.#forgetExpired(now);
    if (this.sql.exec("SELECT 1 FROM account").toArray().length === 0) this.sql.exec("INSERT INTO account (username) VALUES (?)", username);
    this.sql.exec("INSERT INTO refresh_tokens VALUES (?, ?, ?, ?)", digest, crypto.randomUUID(), expiresAt, ACTIVE);
  }

  /**
   * Uses up the token with `digest` and makes `nextDigest` its family's active token:
   * `{ username }`, or null when the token is unknown, expired, used or revoked. A used
   * token presented again revokes its whole family (reuse detection).
   */
  rotate(digest, nextDigest, expiresAt, now) {
    const token = this.#activeToken(digest, now);
    if (token === null) return null;
    this.sql.exec("UPDATE refresh_tokens SET state = ? WHERE digest = ?", USED, digest);
    this.sql.exec("INSERT INTO refresh_tokens VALUES (?, ?, ?, ?)", nextDigest, token.family, expiresAt, ACTIVE);
    return { username: this.sql.exec("SELECT username FROM account").one().username };
  }

  /** Logout: revokes the family of the active token with `digest`; false when there is none. */
  endFamily(digest, now) {
    const token = this.#activeToken(digest, now);
    if (token === null) return false;
    this.#revokeFamily(token.family);
    return true;
  }

  /** The token if it is active and unexpired; null otherwise, revoking its family if it was used. */
  #activeToken(digest, now) {
    const token = this.sql.exec("SELECT family, expires_at, state FROM refresh_tokens WHERE digest = ?", digest).toArray()[0];
    if (token === undefined) return null;
    if (token.state === USED) {
      this.#revokeFamily(token.family);
      return null;
    }
    return token.state === ACTIVE && token.expires_at > now ? token : null;
  }

  #revokeFamily(family) {
    this.sql.exec("UPDATE refresh_tokens SET state = ? WHERE family = ?", REVOKED, family);
  }

  /** Expired tokens can no longer be used or reused: their rows are dropped at the next login. */
  #forgetExpired(now) {
    this.sql.exec("DELETE FROM refresh_tokens WHERE expires_at <= ?", now);
  }
}
