// Where scripts/build.mjs leaves each build's optimized wasm with its function names kept
// (the shipped one has them stripped), and the linker's map, for bench/size.mjs to attribute
// sizes with twiggy.
// Under target/, never in the package. The shipped wasm is the named copy without the
// NAMES_AND_PRODUCERS custom sections.

import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const targetDir = resolve(root, process.env.CARGO_TARGET_DIR ?? "target");

/** The custom sections the shipped wasm lacks and its named copy has. */
export const NAMES_AND_PRODUCERS = ["name", "producers"];

/** The named copy of the shipped wasm at `shippedWasm` (a path under pkg/), at the same relative path under target/wasm-names/. */
export function namedCopyOf(shippedWasm) {
  return join(targetDir, "wasm-names", relative(join(root, "pkg"), shippedWasm));
}

/** The wasm-ld map of the build whose shipped wasm is at `shippedWasm`, beside its named copy. */
export function linkMapOf(shippedWasm) {
  return namedCopyOf(shippedWasm).replace(/\.wasm$/, ".map");
}

/** The wasm module `bytes` without the custom sections named in `names`. */
export function withoutCustomSections(bytes, names) {
  const kept = [bytes.subarray(0, 8)]; // magic and version
  let offset = 8;
  const readLeb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (offset < bytes.length) {
    const start = offset;
    const id = bytes[offset++];
    const size = readLeb();
    const end = offset + size;
    let drop = false;
    if (id === 0) {
      const nameLength = readLeb();
      drop = names.includes(bytes.subarray(offset, offset + nameLength).toString("utf8"));
    }
    if (!drop) kept.push(bytes.subarray(start, end));
    offset = end;
  }
  return Buffer.concat(kept);
}
