/**
 * libsodium as a separate WebAssembly file (issue 20): the libsodium-sumo package that
 * libsodium-wrappers-sumo loads ships its .wasm inlined as a 380 KB base64 string, which every
 * page using the vault core had to download, parse and decode before anything else. This build
 * step takes that string out of the page bundles, emits the bytes as a hashed asset
 * (`/assets/libsodium-sumo-<hash>.wasm`, kept a year and by the installed app's service worker)
 * and gives the module Emscripten's documented `instantiateWasm` hook, which compiles the file
 * while it downloads (WebAssembly.instantiateStreaming). The library and its code are unchanged.
 *
 * Applied to the page bundles only: Vite's worker bundles do not use the build's plugins, so the
 * workers (and verify.html, which must work from a file with no server) keep the inlined copy.
 *
 * Each edit must match exactly once, so a libsodium release that changes the shape fails the
 * build loudly instead of shipping a module that cannot load.
 */
import type { Plugin } from 'vite';

const MODULE = /[\\/]libsodium-sumo[\\/]dist[\\/]modules-sumo-esm[\\/]libsodium-sumo\.mjs$/;
const INLINED = /"(AGFzbQ[A-Za-z0-9+/]+={0,2})"/g;

/** The one occurrence of `find` replaced, or the build stops. */
function replaceOnce(code: string, find: string, replacement: string): string {
  const at = code.indexOf(find);
  if (at < 0 || code.indexOf(find, at + 1) >= 0) {
    throw new Error(`sodium-wasm: libsodium-sumo has changed shape (looked for ${find})`);
  }
  return code.slice(0, at) + replacement + code.slice(at + find.length);
}

/**
 * The hook: the file fetched and compiled as it arrives; where the server's content type is not
 * application/wasm (instantiateStreaming refuses it), compiled from the bytes instead. A failure
 * rejects libsodium's start-up promise (its third argument, added below), so the vault reports
 * `not_ready` instead of waiting for ever.
 */
const HOOK = (url: string): string => `
const __sodiumWasmUrl = ${url};
function __sodiumInstantiateWasm(imports, done, fail) {
  const bytes = () => fetch(__sodiumWasmUrl).then((r) => {
    if (!r.ok) throw new Error('libsodium.wasm: HTTP ' + r.status);
    return r.arrayBuffer();
  }).then((b) => WebAssembly.instantiate(b, imports));
  const streamed = typeof WebAssembly.instantiateStreaming === 'function'
    ? WebAssembly.instantiateStreaming(fetch(__sodiumWasmUrl), imports).catch(bytes)
    : bytes();
  streamed.then((r) => done(r.instance, r.module), fail);
  return {};
}
`;

/**
 * The plugin for the page bundles; with `onlyEntry`, for the worker bundles whose entry matches
 * (each worker is its own build with its own plugin instances).
 */
export function sodiumWasm(onlyEntry?: RegExp): Plugin {
  let active = onlyEntry === undefined;
  return {
    name: 'mosaic-sodium-wasm',
    apply: 'build',
    buildStart(options) {
      if (onlyEntry === undefined) return;
      const input = options.input;
      const entries = Array.isArray(input) ? input : Object.values(input);
      active = entries.some((entry) => onlyEntry.test(entry));
    },
    transform(code, id) {
      if (!active || !MODULE.test(id)) return null;
      const found = [...code.matchAll(INLINED)];
      if (found.length !== 1 || found[0]?.[1] === undefined) {
        throw new Error('sodium-wasm: expected one inlined WebAssembly module in libsodium-sumo');
      }
      const ref = this.emitFile({
        type: 'asset',
        name: 'libsodium-sumo.wasm',
        source: Buffer.from(found[0][1], 'base64'),
      });
      let out = code.replace(INLINED, '""');
      out = replaceOnce(
        out,
        'async function A(A={}){',
        'async function A(A={}){A.instantiateWasm??=__sodiumInstantiateWasm;',
      );
      out = replaceOnce(
        out,
        'g.instantiateWasm(C,(g,C)=>{I(A(g))})',
        'g.instantiateWasm(C,(g,C)=>{I(A(g))},B)',
      );
      return { code: HOOK(`import.meta.ROLLUP_FILE_URL_${ref}`) + out, map: null };
    },
  };
}
