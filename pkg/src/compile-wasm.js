// The browser entries' loading: fetch and compile the .wasm (streaming when the server
// sends it as application/wasm) for the glue's initSync to instantiate. The glue's own
// async init does the same with options no entry uses; a bundle without it is about 350
// bytes gzip smaller.

/** The compiled module at `url`; a failed fetch throws with its status. */
export async function compileWasm(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm-jwt: fetching ${url} failed: ${response.status} ${response.statusText}`);
  const streamable = response.headers.get("Content-Type")?.startsWith("application/wasm");
  return streamable ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}
