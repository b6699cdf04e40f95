// The package's TypeScript declarations: typed examples (tests/js/types, wasm-jwt/sign too) must pass
// `tsc --noEmit` with "wasm-jwt" resolved through the exports map, for ESM and CommonJS.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { REPO_DIR, appDirectory } from "./helpers/package.mjs";

const TYPES_DIR = fileURLToPath(new URL("./types/", import.meta.url));
const tsc = path.join(REPO_DIR, "node_modules", "typescript", "bin", "tsc");

function typeCheck(dir) {
  return spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
}

test("the typed example type-checks against the package's declarations", () => {
  const dir = path.join(appDirectory(), "types");
  cpSync(TYPES_DIR, dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  const result = typeCheck(dir);
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test("a type error in a user's code is reported", () => {
  const dir = path.join(appDirectory(), "types-broken");
  cpSync(TYPES_DIR, dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, "example.ts"), 'import { verify } from "wasm-jwt";\nverify("t", "s", { leway: 5 });\n');
  const result = typeCheck(dir);
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /example\.ts\(2,20\): error TS2561: Object literal may only specify known properties, but 'leway' does not exist in type 'VerifyOptions'\. Did you mean to write 'leeway'\?/);
});
