/**
 * Named prepared statements on PostgreSQL for the statements every write runs (the record
 * writes): a query whose text starts with PREPARED is sent with a name derived from its text,
 * so each connection parses and plans it once instead of on every request. Opt-in, so what a
 * connection keeps stays a handful of fixed statements; PGlite reads the mark as a comment.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Put first in a statement's text to have it prepared once per connection. */
export const PREPARED = '/* prepared */ ';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `mosaic_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Makes `client.query(text, values)` prepare marked statements by name; any other call goes
 * through unchanged.
 */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  Object.assign(client, {
    query: (...args: unknown[]): unknown => {
      const [text, values] = args;
      if (args.length <= 2 && typeof text === 'string' && text.startsWith(PREPARED)) {
        return query({ name: nameOf(text), text, values });
      }
      return query(...args);
    },
  });
}
