/** The record writes' prepared statements on PostgreSQL: named by text, only when marked. */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PREPARED, prepareMarkedStatements } from './prepared.js';

describe('prepareMarkedStatements', () => {
  it('names marked statements by their text and passes every other call through', () => {
    const calls: unknown[][] = [];
    const client = { query: (...args: unknown[]) => calls.push(args) } as unknown as pg.PoolClient;
    prepareMarkedStatements(client);
    const marked = `${PREPARED}select $1::int`;
    void client.query(marked, [1]);
    void client.query(marked, [2]);
    void client.query(`${PREPARED}select $1::text`, ['a']);
    void client.query('select 1', []);
    const named = calls.slice(0, 3).map((c) => c[0] as pg.QueryConfig);
    expect(named[0]).toEqual({
      name: expect.stringMatching(/^mosaic_/),
      text: marked,
      values: [1],
    });
    expect(named[1]?.name).toBe(named[0]?.name);
    expect(named[2]?.name).not.toBe(named[0]?.name);
    expect(calls[3]).toEqual(['select 1', []]);
  });
});
