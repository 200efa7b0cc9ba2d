/**
 * The incident diary's domain: taxonomy, record schemas, time handling and the pattern-view
 * analyses. Pure and isomorphic: no I/O, no clock, no randomness.
 */
export * from './analysis.js';
export * from './breakdowns.js';
export * from './conduct.js';
export * from './effects.js';
export * from './filter.js';
export * from './gaps.js';
export * from './heatmap.js';
export * from './incident.js';
export * from './prepare.js';
export * from './search.js';
export * from './summary.js';
export * from './taxonomy.js';
export * from './text.js';
export * from './time.js';
export * from './weekly.js';
