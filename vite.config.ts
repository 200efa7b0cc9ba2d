import { defineConfig } from 'vite';
import { sodiumWasm } from './scripts/vite-sodium-wasm.js';

// Browser bundles only: the server is compiled by tsc. Hashed names let the server cache assets
// for a year; the manifest tells it which names this build produced.
export default defineConfig({
  publicDir: false,
  // libsodium's WebAssembly as its own file, compiled while it downloads (issue 20).
  plugins: [sodiumWasm()],
  // The diary workers load the same file (one download, cached beside the page's); the other
  // workers keep the inlined copy (verify.html's checker must work from a file, with no server).
  worker: { plugins: () => [sodiumWasm(/[\\/]diary-open[\\/]diary-worker\.ts$/)] },
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The pure layers (src/domain, contract, crypto, vault; DESIGN.md) change nothing when
      // imported, and neither does the upload client: without this, the vault's barrel kept the
      // whole evidence upload stack in the unlock screen's bundle (issue 20).
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/[\\/]src[\\/](domain|contract|crypto|vault)[\\/]|node_modules[\\/](tus-js-client|js-base64|url-parse|querystringify|requires-port)[\\/]/.test(
            id,
          ),
      },
      input: {
        enhance: 'src/web/enhance/main.ts',
        'qa-search': 'src/web/enhance/qa-search.ts',
        vault: 'src/web/app/main.tsx',
        verify: 'src/web/verify/page.ts',
        share: 'src/web/share/page.ts',
        witness: 'src/web/witness/page.ts',
        staff: 'src/web/staff/page.ts',
        site: 'src/web/styles/site.css',
        // The installed vault app's service worker: a classic script with no imports, which the
        // server serves at /vault/app/sw.js (src/server/routes/vault-app.tsx).
        'vault-sw': 'src/web/pwa/sw.ts',
      },
      output: {
        codeSplitting: {
          groups: [
            {
              // zod and the line that turns its `new Function` parser off, in one chunk that
              // loads before any chunk building schemas. The vault and the /share page share
              // the vault core in a chunk of its own; without this, that chunk ran (building
              // and using schemas) before main.tsx's zod-config, and the pages' Trusted Types
              // CSP refused zod's probe (a console error on every vault page).
              name: 'zod',
              test: /node_modules[\\/]zod[\\/]|src[\\/]web[\\/]app[\\/]shell[\\/]zod-config\.ts$/,
            },
            {
              // Vite's loader for dynamic imports, which the witness page needs on its own (its
              // vault core loads only when a statement is sent): kept out of vault-shared below.
              name: 'preload-helper',
              test: /^\0?vite[\\/]preload-helper/,
              priority: 1,
            },
            {
              // Modules that the vault shares with other pages in different mixes: left alone they
              // made four chunks of 3–50 KB beside the core, each its own request before the
              // unlock form, and over HTTP/1.1's six connections each extra wave of requests
              // costs a round trip (562 ms on slow 4G; issue 20). A group takes its modules'
              // dependencies too, so the vault core joins them; the /share, /verify and witness
              // pages' own first chunks (text, trusted-worker, preload-helper) stay out of it.
              name: 'vault-shared',
              test: /src[\\/](crypto[\\/](kdf|tlog-proof|merkle|signed-note|note-keys|tlog-checkpoint|tlog-cosignature|base64-std|checkpoint)|domain[\\/]diary[\\/]prepare|vault[\\/](witnesses|witness-statements))\.ts$/,
            },
          ],
        },
      },
    },
  },
});
