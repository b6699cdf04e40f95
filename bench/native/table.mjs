// Prints the last `cargo bench` run (target/criterion) as the Markdown table of
// docs/benchmarks.md: each library's median time per operation and, for the peers, their
// speed as a multiple of wasm-jwt's (above 1 is faster than wasm-jwt).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const criterionDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "target", "criterion");
const OPERATIONS = ["verify HS256", "verify ES256", "verify EdDSA", "verify RS256", "decode"];
const LIBRARIES = ["wasm-jwt", "jsonwebtoken", "jwt-simple", "jwt-compact"];

function medianNs(operation, library) {
  const file = path.join(criterionDir, operation, library, "new", "estimates.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).median.point_estimate : undefined;
}

const time = (ns) => (ns >= 1000 ? `${(ns / 1000).toPrecision(3)} µs` : `${ns.toPrecision(3)} ns`);

if (!existsSync(criterionDir)) {
  console.error("no results: run `cargo bench` in bench/native first");
  process.exit(1);
}
console.log(`| operation (median) | ${LIBRARIES.join(" | ")} |`);
console.log(`|---|${LIBRARIES.map(() => "---").join("|")}|`);
for (const operation of OPERATIONS) {
  const base = medianNs(operation, "wasm-jwt");
  const cells = LIBRARIES.map((library) => {
    const ns = medianNs(operation, library);
    if (ns === undefined) return "n/a";
    return library === "wasm-jwt" ? time(ns) : `${time(ns)} (${(base / ns).toFixed(2)}x)`;
  });
  console.log(`| ${operation} | ${cells.join(" | ")} |`);
}
