/**
 * Imported first by main.tsx, before any schema is built. zod builds a faster object parser with
 * `new Function` unless told not to, and probes for it when a schema is created; the vault
 * page's Trusted Types CSP refuses that (and reports it). Plain parsing is fast enough.
 */
import { config } from 'zod';

config({ jitless: true });
