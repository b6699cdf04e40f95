#!/usr/bin/env node
// A small static server for the debugger page, with no dependencies.
// Serves www/ at / and the built npm package (pkg/) at /pkg/, on 127.0.0.1 only.
// The page imports "wasm-jwt/sign" (and, only for an encrypted token, "wasm-jwt/jwe") through
// an import map that points at the package's "browser" exports, so it runs the real package,
// as a user's page would.
// The Content-Security-Policy forbids every connection off the page's own origin:
// whatever the page does, a token cannot be sent anywhere else.
//
//   node www/serve.mjs [--port N]      (or PORT=N; default 8080; 0 picks a free port)

import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = fileURLToPath(new URL(".", import.meta.url));
const PKG = fileURLToPath(new URL("../pkg/", import.meta.url));
const HOST = "127.0.0.1";
const IMPORT_MAP_MARKER = "<!-- wasm-jwt import map -->";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

function portFromArgs(argv, env) {
  const i = argv.indexOf("--port");
  const given = i >= 0 ? argv[i + 1] : env.PORT;
  const port = given === undefined || given === "" ? 8080 : Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port ${JSON.stringify(given)}: give a number from 0 to 65535`);
  }
  return port;
}

// The file that a browser gets for `import "wasm-jwt/sign"` (the page signs in its Encode
// tab, so it loads the signing build) or "wasm-jwt/jwe", resolved through pkg/package.json
// "exports" with the conditions a browser build uses.
function browserEntry(subpath) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  } catch {
    throw new Error("pkg/package.json is missing: build the package first (npm run build)");
  }
  const entry = resolveExport(manifest.exports?.[subpath]);
  if (typeof entry !== "string") throw new Error("pkg/package.json has no browser entry in \"exports\"");
  return `/pkg/${entry.replace(/^\.\//, "")}`;
}

function resolveExport(target) {
  if (typeof target === "string" || target == null) return target;
  if (Array.isArray(target)) return target.map(resolveExport).find(Boolean);
  for (const condition of ["browser", "import", "default"]) {
    if (condition in target) {
      const found = resolveExport(target[condition]);
      if (found) return found;
    }
  }
  return undefined;
}

// Computed once: the import map script and the CSP that allows exactly it.
function pageSecurity() {
  const imports = { "wasm-jwt/sign": browserEntry("./sign"), "wasm-jwt/jwe": browserEntry("./jwe") };
  const importMap = `<script type="importmap">${JSON.stringify({ imports })}</script>`;
  const hash = createHash("sha256").update(importMap.slice(importMap.indexOf(">") + 1, -"</script>".length)).digest("base64");
  const csp = [
    "default-src 'self'",
    "connect-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { importMap, csp };
}

// Maps a URL path to a file under www/ or pkg/, or null when it would leave them.
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const [root, rest] = decoded.startsWith("/pkg/") ? [PKG, decoded.slice(5)] : [WWW, decoded.slice(1)];
  const path = normalize(join(root, rest || "index.html"));
  return path.startsWith(root) || path + sep === root ? path : null;
}

function send(res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(body);
}

async function handle(req, res, security) {
  const headers = {
    "Content-Security-Policy": security.csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, { ...headers, Allow: "GET, HEAD" }, "method not allowed\n");
  }
  let path = fileFor(new URL(req.url, `http://${HOST}`).pathname);
  if (path && (await stat(path).catch(() => null))?.isDirectory()) path = join(path, "index.html");
  const type = path && TYPES[extname(path)];
  const body = type && (await readFile(path).catch(() => null));
  if (!body) return send(res, 404, { ...headers, "Content-Type": TYPES[".txt"] }, "not found\n");
  const content = type.startsWith("text/html") ? body.toString("utf8").replace(IMPORT_MAP_MARKER, security.importMap) : body;
  send(res, 200, { ...headers, "Content-Type": type }, req.method === "HEAD" ? undefined : content);
}

function main() {
  const port = portFromArgs(process.argv.slice(2), process.env);
  const security = pageSecurity();
  const server = createServer((req, res) => {
    handle(req, res, security).catch(() => send(res, 500, { "Content-Type": TYPES[".txt"] }, "internal error\n"));
  });
  server.on("error", (error) => {
    console.error(`cannot serve on ${HOST}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, HOST, () => {
    console.log(`wasm-jwt debugger: http://${HOST}:${server.address().port}/`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}

try {
  main();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
