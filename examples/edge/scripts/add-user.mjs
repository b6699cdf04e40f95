// Adds (or replaces) a user in the users file: node examples/edge/scripts/add-user.mjs <username> [role...]
// The password is read from EDGE_PASSWORD, or from standard input. The file is
// EDGE_STATE_DIR/users.json (default examples/edge/.state/users.json), which `npm run edge`
// passes to the Worker as USERS; in production: `npx wrangler secret put USERS < that file`.
import { readFileSync } from "node:fs";

import { hashPassword } from "../src/passwords.js";
import { saveUsers, stateDir, users, usersFile } from "./local-state.mjs";

const [username, ...roles] = process.argv.slice(2);
if (!username) {
  console.error("usage: node examples/edge/scripts/add-user.mjs <username> [role...]  (password from EDGE_PASSWORD or stdin)");
  process.exit(2);
}
const password = process.env.EDGE_PASSWORD ?? readFileSync(0, "utf8").replace(/\r?\n$/, "");
if (password.length < 8) {
  console.error("the password must have at least 8 characters");
  process.exit(2);
}
const dir = stateDir();
const records = await users(dir);
records[username] = { ...(await hashPassword(password)), roles };
await saveUsers(dir, records);
console.log(`${username} added to ${usersFile(dir)}; restart npm run edge to use it`);
