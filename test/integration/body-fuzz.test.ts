/**
 * Every API operation with hostile bodies, headers, methods and credentials, generated from the
 * OpenAPI document (so a new route is fuzzed the day it is added): bodies shaped by each
 * operation's own JSON Schema and then broken (a field missing, one of the wrong type, one extra,
 * a 1 MB string, nesting 10,000 deep, `__proto__`), bytes that are not UTF-8 or not JSON, other
 * content types, every method on every path, forged and missing cookies and CSRF tokens. Whatever
 * arrives: never a 5xx, never a stack trace, every refusal in the API's error shape with a stable
 * code, and nothing sent ever appears in the server's logs. Counts are printed.
 *
 * `route-fuzz.test.ts` covers path parameters and query strings; this covers the rest.
 */
import fc from 'fast-check';
import { unicodeText } from '../support/arbitraries.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

/** Requests per engine: 2 × 5,000 a CI run, beside route-fuzz's. */
const RUNS = 5_000;
/** Put in every value sent: it must never reach a log line or an error message. */
const MARK = 'fuzzmark';
/**
 * Put in the names of extra fields: an error may name the field it refuses (that helps the
 * caller and tells them nothing new), but a log line may not.
 */
const KEY_MARK = 'fuzzkey';

/** Operations that start a new session, ending the one the request carried. */
const SIGN_IN = new Set(['/api/accounts', '/api/sessions', '/api/recovery/complete']);

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

interface Operation {
  method: Method;
  path: string;
  body?: Schema | undefined;
}

/** A value roughly as the schema asks (then broken by `hostile`): short, and marked. */
function shaped(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => shaped(s, depth + 1)));
  if (schema.allOf?.length) return shaped(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type ?? 'object') {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 64, 200);
      const base = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : fc.string({ maxLength: max });
      return base.map((s) => {
        let v = s.length === 0 && schema.pattern ? s : `${MARK}${s}`;
        while (v.length < min && v.length > 0) v += v;
        return v.slice(0, Math.max(max, min));
      });
    }
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1e6, -1e9),
        max: Math.min(schema.maximum ?? 1e6, 1e9),
      });
    case 'number':
      return fc.double({ noNaN: true, min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(shaped(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
    default: {
      const props = Object.entries(schema.properties ?? {});
      return fc
        .tuple(...props.map(([, s]) => shaped(s, depth + 1)))
        .map((values) => Object.fromEntries(props.map(([k], i) => [k, values[i]])));
    }
  }
}

/** A value of the wrong kind, or an awkward one of the right kind. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}, '1e309', `${MARK}\u0000`, `${MARK}\u202e`),
  fc.constant(`${MARK}${'x'.repeat(1024 * 1024)}`),
  fc.integer(),
  unicodeText({ maxLength: 40 }).map((s) => MARK + s),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Breaks a shaped body in one way. */
function broken(value: unknown): fc.Arbitrary<unknown> {
  const object =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const keys = object ? Object.keys(object) : [];
  const options: fc.Arbitrary<unknown>[] = [
    fc.constant(value),
    wrongValue,
    fc.string({ maxLength: 8 }).map((k) => ({ ...object, [`${KEY_MARK}${k}`]: MARK })),
    fc.constant(JSON.parse(`{"__proto__":{"polluted":"${MARK}"},"constructor":{"prototype":{}}}`)),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    options.push(
      key.map((k) => Object.fromEntries(Object.entries(object!).filter(([j]) => j !== k))),
      fc.tuple(key, wrongValue).map(([k, v]) => ({ ...object, [k]: v })),
    );
  }
  return fc.oneof(...options);
}

/** The bytes on the wire: JSON of the value, or something that is not JSON at all. */
const payloadOf = (value: unknown): fc.Arbitrary<{ body: string | Buffer; type?: string }> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant({ body: JSON.stringify(value) ?? 'null' }) },
    fc.constant({ body: `${'['.repeat(10_000)}${']'.repeat(10_000)}` }),
    fc.constant({ body: `{"${KEY_MARK}":"${MARK}"` }),
    fc.constant({ body: `\ufeff${JSON.stringify(value) ?? ''}` }),
    fc.constant({ body: `{"id":"${MARK}1","id":"${MARK}2"}` }),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
      body: Buffer.concat([
        Buffer.from(`{"${KEY_MARK}":"`),
        Buffer.from([0xc3, 0x28, ...bytes]),
        Buffer.from('"}'),
      ]),
    })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
        'application/json, text/plain',
        'application/offset+octet-stream',
        '',
      )
      .map((type) => ({ body: `${MARK}=1&${JSON.stringify(value) ?? ''}`, type })),
  );

describe.each(ENGINES)('hostile request bodies and headers on $name', ({ name, available }) => {
  const test = available ? it : it.skip;
  let app: FastifyInstance;
  let database: TestDatabase;
  let c: VaultClient;
  let operations: Operation[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    if (!available) return;
    const config = await loadConfig({ LOG_LEVEL: 'debug' });
    database = await freshDatabase(name);
    app = await buildApp(
      { config, database },
      { logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } },
    );
    await app.ready();
    c = new VaultClient(app, `bodyfuzz-${process.pid}-${name}`);
    expect((await c.signUp()).statusCode).toBe(201);
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
      >;
    }>();
    const paths = Object.keys(doc.paths).concat(['/api/uploads', '/api/uploads/{id}']);
    // Every method on every path: the documented ones with their body schema, the rest bare.
    operations = paths.flatMap((path) =>
      METHODS.flatMap((method) => {
        const documented = doc.paths[path]?.[method.toLowerCase()];
        const op = {
          method,
          path,
          body: documented?.requestBody?.content?.['application/json']?.schema,
        };
        // Documented operations four times as often: most requests should reach a handler.
        return documented ? [op, op, op, op] : [op];
      }),
    );
    // Signing out would end the fuzzing session itself; it is tested on its own elsewhere.
    operations = operations.filter(
      (o) =>
        !(
          o.method === 'DELETE' &&
          (o.path === '/api/sessions/current' || o.path === '/api/sessions')
        ),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Who the request claims to be. */
  const credentials = fc.oneof(
    { weight: 4, arbitrary: fc.constant('own') },
    fc.constantFrom('wrong-csrf', 'no-csrf', 'random-cookie', 'none', 'huge-cookie', 'odd-cookie'),
  );
  const headersFor = (who: string): Record<string, string> => {
    switch (who) {
      case 'own':
        return { cookie: c.cookie!, 'x-mosaic-csrf': c.csrf! };
      case 'wrong-csrf':
        return { cookie: c.cookie!, 'x-mosaic-csrf': `${MARK}${'A'.repeat(40)}` };
      case 'no-csrf':
        return { cookie: c.cookie! };
      case 'random-cookie':
        return { cookie: `__Host-mosaic-session=${MARK}AAAAAAAAAAAA`, 'x-mosaic-csrf': MARK };
      case 'huge-cookie':
        return { cookie: `__Host-mosaic-session=${'A'.repeat(16_000)}; x=${MARK}` };
      case 'odd-cookie':
        return { cookie: `__Host-mosaic-session=%00${MARK}; __Host-mosaic-session=;;=` };
      default:
        return {};
    }
  };

  test(`answers ${RUNS} hostile requests with no 5xx, no stack trace and nothing in the logs`, async () => {
    const statuses = new Map<number, number>();
    const codes = new Set<string>();
    let sent = 0;
    const request = fc
      .tuple(fc.constantFrom(...operations), credentials, fc.boolean(), fc.nat(0xffff))
      .chain(([op, who, withId, host]) =>
        shaped(op.body).chain((value) =>
          broken(value).chain((body) =>
            payloadOf(body).map((payload) => ({ op, who, withId, host, payload })),
          ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(request, async ({ op, who: claimed, withId, host, payload }) => {
        // Signing up or in ends the session the request carries (no session fixation), so those
        // go without this test's own session, which must last to the end.
        const who = SIGN_IN.has(op.path) && claimed === 'own' ? 'none' : claimed;
        const url = op.path.replace(/\{[^}]+\}/g, withId ? 'abcdefghijklmnop' : MARK);
        const headers: Record<string, string> = {
          ...headersFor(who),
          'tus-resumable': '1.0.0',
          'content-type': payload.type ?? 'application/json',
        };
        if (payload.type === '') delete headers['content-type'];
        const carriesBody = op.method !== 'GET' && op.method !== 'HEAD';
        const res = await app.inject({
          method: op.method,
          url,
          headers,
          // From many addresses, so the per-address limits do not answer everything with 429.
          remoteAddress: `198.18.${host >> 8}.${host & 0xff}`,
          ...(carriesBody ? { payload: payload.body } : {}),
        });
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const what = `${op.method} ${url} (${who})`;
        expect(res.statusCode, what).toBeLessThan(500);
        expect(res.body, what).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules/);
        if (res.statusCode >= 400 && op.method !== 'HEAD' && res.body !== '') {
          const error = res.json<{ error: { code: string; message: string } }>().error;
          expect(error.code, what).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(error.message, what).not.toContain(MARK);
          codes.add(error.code);
        }
      }),
      { numRuns: RUNS },
    );
    const logs = logLines.join('\n');
    expect(logs).not.toContain(MARK);
    expect(logs).not.toContain(KEY_MARK);
    expect(logs).not.toMatch(/"level":50/);
    console.log(
      `body fuzz on ${name}: ${sent} requests, ${operations.length} method × path pairs; ` +
        `statuses ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}; ` +
        `${codes.size} error codes; 0 5xx; ${logLines.length} log lines, none with what was sent`,
    );
    // The session survived the fuzzing: the last requests were really signed in.
    expect((await c.request('GET', '/api/account')).statusCode).toBe(200);
  }, 600_000);
});
