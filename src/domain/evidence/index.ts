/**
 * The evidence locker's domain: the `evidence` record's schema, photo metadata, and the small
 * rules the screens share. Pure and isomorphic: no I/O, no clock, no randomness.
 */
export * from './evidence.js';
export * from './exif.js';
