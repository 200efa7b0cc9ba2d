/**
 * Response checks: the server is not trusted to keep the contract, so every answer is read
 * through these before anything trusts it. Shared by each area's calls (./account.ts, ...).
 */
import { badResponse } from './errors.js';

/** More pages of one list (100 a page) than this means a broken server. */
export const MAX_PAGES = 10_000;

export function object(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badResponse('object');
  }
  return value as Record<string, unknown>;
}

export function field(o: Record<string, unknown>, name: string): unknown {
  if (!(name in o)) throw badResponse(name);
  return o[name];
}

export function string(o: Record<string, unknown>, name: string): string {
  const value = o[name];
  if (typeof value !== 'string') throw badResponse(name);
  return value;
}

export function integer(o: Record<string, unknown>, name: string): number {
  const value = o[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badResponse(name);
  return value;
}

export function array(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw badResponse('array');
  return value as unknown[];
}

export function none(): undefined {
  return undefined;
}
