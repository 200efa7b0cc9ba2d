import { defineConfig } from 'vite';

// Browser bundles only: the server is compiled by tsc. Hashed names let the server cache assets
// for a year; the manifest tells it which names this build produced.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        enhance: 'src/web/enhance/main.ts',
        'qa-search': 'src/web/enhance/qa-search.ts',
        vault: 'src/web/app/main.tsx',
        verify: 'src/web/verify/page.ts',
        share: 'src/web/share/page.ts',
        site: 'src/web/styles/site.css',
      },
    },
  },
});
