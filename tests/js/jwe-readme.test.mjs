// The README's wasm-jwt/jwe example, run as printed (ESM, "wasm-jwt" resolved through the
// package's exports map): it prints what its comments say.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { REPO_DIR, appDirectory } from "./helpers/package.mjs";

test("the README's JWE example runs and prints what its comments say", () => {
  const readme = readFileSync(path.join(REPO_DIR, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### In JavaScript: `wasm-jwt/jwe`"));
  const example = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(example?.includes('from "wasm-jwt/jwe"'), "the section has a js example importing wasm-jwt/jwe");
  const file = path.join(appDirectory(), "readme-jwe.mjs");
  writeFileSync(file, example);
  const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const promised = [...example.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
  assert.deepEqual(run.stdout.trim().split("\n"), promised);
  assert.equal(promised.length, 2);
});
