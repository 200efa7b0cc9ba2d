/**
 * A record id: chosen by the client (random UUIDs or similar), unique per account. Lives in the
 * domain because records name each other by id; the HTTP contract (src/contract) re-uses it.
 */
import { z } from 'zod';

export const recordIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, dashes and underscores');
