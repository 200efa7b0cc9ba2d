/**
 * The HTTP contract shared by the server and the vault client: zod schemas for every body, the
 * stable error codes and the header names. See vault-api.ts.
 */
export * from './vault-api.js';
export * from './shares.js';
export * from './witnesses.js';
export * from './quick-records.js';
