/**
 * Upload ids under attack, over a real loopback server (raw HTTP, so request targets go out
 * byte for byte, unlike fetch, which normalises them). @tus/server once took the upload id from
 * the last `/` segment of the whole raw URL, query string included, while the route's ownership
 * check used the id Fastify parsed: `/api/uploads/<own>?x=/<victim>` reached someone else's
 * upload. Here two accounts, an attacker and a victim, and every kind of URL decoration around the
 * attacker's own id: the victim's uploads must never change and never be reported.
 * Also: malformed ids, tus's CORS answer, tus's own errors in the API's JSON shape, and Location.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../src/contract/vault-api.js';
import { startLiveServer, type LiveServer } from '../support/browser.js';
import { ENGINES } from '../support/databases.js';
import { rawRequest, type Answer } from '../support/raw-http.js';
import { VaultClient } from '../support/vault-client.js';

const UPLOAD_ID = /^[a-f0-9]{32}$/;
/** Property runs per engine: a few seconds. */
const RUNS = 300;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A documentation address (RFC 5737) for each request, so the 404 rate limit never answers. */
const someAddress = () => `198.51.100.${randomInt(1, 255)}, 203.0.113.${randomInt(1, 255)}`;

const isApiError = (answer: Answer): boolean => {
  if (!String(answer.headers['content-type']).startsWith('application/json')) return false;
  const body = JSON.parse(answer.body.toString('utf8')) as {
    error?: { code?: unknown; message?: unknown };
  };
  return (
    typeof body.error?.message === 'string' &&
    body.error.message.length > 0 &&
    (API_ERROR_CODES as readonly unknown[]).includes(body.error.code) &&
    Object.keys(body).length === 1
  );
};
const codeOf = (answer: Answer): string =>
  (JSON.parse(answer.body.toString('utf8')) as { error: { code: string } }).error.code;

describe.each(ENGINES)('upload ids under attack on $name', ({ name, available }) => {
  const test = available ? it : it.skip;
  let server: LiveServer;
  let attacker: VaultClient;
  let victim: VaultClient;
  /** The victim's unfinished upload (100 bytes, 37 sent) and finished one (50 bytes). */
  let partial: string;
  let complete: string;
  let completeBytes: Buffer;
  /** The attacker's own upload (64 bytes, none sent); made again whenever an attack deletes it. */
  let own: string;

  const auth = (c: VaultClient): Record<string, string> => ({
    cookie: c.cookie!,
    'x-mosaic-csrf': c.csrf!,
    'tus-resumable': '1.0.0',
    'x-forwarded-for': someAddress(),
  });
  const create = async (c: VaultClient, length: number): Promise<string> => {
    const res = await rawRequest(server.origin, 'POST', '/api/uploads', {
      ...auth(c),
      'upload-length': String(length),
    });
    expect(res.status, res.body.toString()).toBe(201);
    const id = String(res.headers.location).split('/').pop()!;
    expect(id).toMatch(UPLOAD_ID);
    return id;
  };
  const patch = async (c: VaultClient, id: string, offset: number, bytes: Buffer) => {
    const res = await rawRequest(
      server.origin,
      'PATCH',
      `/api/uploads/${id}`,
      {
        ...auth(c),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      bytes,
    );
    expect(res.status, res.body.toString()).toBe(204);
  };
  const blobDirectory = (): string => {
    const { blobs } = server.config;
    if (blobs.kind !== 'fs') throw new Error('expected the filesystem store');
    return blobs.directory;
  };
  /** Everything there is of the victim's uploads: stored files byte for byte, and their rows. */
  const victimState = async () => {
    const directory = blobDirectory();
    const files: Record<string, string> = {};
    for (const file of (await readdir(directory)).sort()) {
      if (file.startsWith(partial) || file.startsWith(complete)) {
        files[file] = sha256(await readFile(path.join(directory, file)));
      }
    }
    const rows = await server.database.db
      .selectFrom('uploads')
      .select(['id', 'account_id', 'length', 'completed_at'])
      .where('id', 'in', [partial, complete])
      .orderBy('id')
      .execute();
    return { files, rows: rows.map((r) => ({ ...r, length: Number(r.length) })) };
  };
  const ensureOwn = async () => {
    const files = await readdir(blobDirectory());
    if (!files.includes(own)) own = await create(attacker, 64);
  };

  beforeAll(async () => {
    if (!available) return;
    // Trusting the proxy lets each request name its own address, so the 404 rate limit (per
    // address) never stands in for the answer under test.
    server = await startLiveServer({ TRUST_PROXY: '1' }, name);
    attacker = new VaultClient(server.app, `attacker-${process.pid}-${name}`, '192.0.2.70');
    victim = new VaultClient(server.app, `victim-${process.pid}-${name}`, '192.0.2.71');
    expect((await attacker.signUp()).statusCode).toBe(201);
    expect((await victim.signUp()).statusCode).toBe(201);
    partial = await create(victim, 100);
    await patch(victim, partial, 0, randomBytes(37));
    complete = await create(victim, 50);
    completeBytes = randomBytes(50);
    await patch(victim, complete, 0, completeBytes);
    own = await create(attacker, 64);
  });
  afterAll(async () => {
    await server?.close();
  });

  /**
   * Sends one attack and says what went wrong, if anything: a 5xx, the victim's upload reported
   * (the attacker's own is 64 bytes long with nothing sent, so any other Upload-Length or
   * Upload-Offset is the victim's), its bytes sent back, or its stored state changed. A PATCH
   * carries the victim's current offset, so it would succeed if it reached the victim's upload.
   */
  const attack = async (method: string, build: (own: string) => string): Promise<string[]> => {
    await ensureOwn();
    const target = build(own);
    const before = await victimState();
    const offset = (await stat(path.join(blobDirectory(), partial))).size;
    const res = await rawRequest(
      server.origin,
      method,
      target,
      {
        ...auth(attacker),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      method === 'PATCH' ? randomBytes(7) : undefined,
    );
    const problems: string[] = [];
    const where = `${method} ${target} → ${res.status}`;
    if (res.status >= 500) problems.push(`${where}: server error`);
    const offsetHeader = res.headers['upload-offset']?.toString();
    const lengthHeader = res.headers['upload-length']?.toString();
    if (offsetHeader !== undefined && offsetHeader !== '0') {
      problems.push(`${where}: reported the victim's Upload-Offset ${offsetHeader}`);
    }
    if (lengthHeader !== undefined && lengthHeader !== '64') {
      problems.push(`${where}: reported the victim's Upload-Length ${lengthHeader}`);
    }
    if (res.body.length > 0 && res.body.includes(completeBytes)) {
      problems.push(`${where}: sent the victim's bytes`);
    }
    const after = await victimState();
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      problems.push(`${where}: changed the victim's upload`);
    }
    return problems;
  };

  test('decorated URLs around the attacker’s own id never reach the victim’s uploads', async () => {
    const origin = server.origin;
    const decorations: ((o: string, v: string) => string)[] = [
      (o, v) => `/api/uploads/${o}?x=/${v}`,
      (o, v) => `/api/uploads/${o}?/${v}`,
      (o, v) => `/api/uploads/${o}?x=/${v}/`,
      (o, v) => `/api/uploads/${o}?x=/../${v}`,
      (o, v) => `/api/uploads/${o}?x=/${v}&y=/${v}`,
      (o, v) => `/api/uploads/${o}?x=%2F${v}`,
      (o, v) => `/api/uploads/${o}?x=\\${v}`,
      (o, v) => `/api/uploads/${o}?x=/${v}%00`,
      (o, v) => `/api/uploads/${o}?x=%00/${v}`,
      (o, v) => `/api/uploads/${o}#/${v}`,
      (o, v) => `/api/uploads/${o}?#/${v}`,
      (o, v) => `/api/uploads/${o}/${v}`,
      (o, v) => `/api/uploads/${o}//${v}`,
      (o, v) => `/api/uploads/${o}/../${v}`,
      (o, v) => `/api/uploads/${o}/..%2F${v}`,
      (o, v) => `/api/uploads/${o}/%2e%2e/${v}`,
      (o, v) => `/api/uploads/${o}%2F${v}`,
      (o, v) => `/api/uploads/${o}%2f..%2f${v}`,
      (o, v) => `/api/uploads/${o}%2F%2E%2E%2F${v}`,
      (o, v) => `/api/uploads/${o}\\..\\${v}`,
      (o, v) => `/api/uploads/${v}/../${o}`,
      (o, v) => `//api/uploads/${v}`,
      (o, v) => `//api/uploads/${o}/../${v}`,
      (o, v) => `/api//uploads/${o}?x=/${v}`,
      (o, v) => `/api/./uploads/${o}?x=/${v}`,
      (o, v) => `/api/uploads/./${o}?x=/${v}`,
      (o, v) => `/api/uploads/${o};/${v}`,
      (o, v) => `/api/uploads/${o};x=/${v}`,
      (o, v) => `/api/uploads/${o};${v}`,
      (o, v) => `/api/uploads/${o.toUpperCase()}?x=/${v}`,
      (o, v) => `/api/uploads/${o}?x=/${v.toUpperCase()}`,
      (o) => `/api/uploads/${o}/`,
      (o, v) => `${origin}/api/uploads/${o}?x=/${v}`,
      (o, v) => `${origin}/api/uploads/${v}`,
    ];
    const problems: string[] = [];
    for (const decorate of decorations) {
      for (const method of ['HEAD', 'PATCH', 'GET', 'DELETE']) {
        const target = method === 'GET' || method === 'DELETE' ? complete : partial;
        problems.push(...(await attack(method, (o) => decorate(o, target))));
      }
    }
    expect(problems).toEqual([]);
    // The victim's uploads are still whole and theirs.
    const head = await rawRequest(server.origin, 'HEAD', `/api/uploads/${partial}`, auth(victim));
    expect([head.status, head.headers['upload-offset'], head.headers['upload-length']]).toEqual([
      200,
      '37',
      '100',
    ]);
    const get = await rawRequest(server.origin, 'GET', `/api/uploads/${complete}`, auth(victim));
    expect(get.status).toBe(200);
    expect(get.body.equals(completeBytes)).toBe(true);
  });

  test('property: random decorations around the attacker’s own id never touch the victim’s upload', async () => {
    /** An id as it is, in capitals, half in capitals, or every character percent-encoded. */
    // Weighted towards what reaches the upload route at all (one path segment after
    // /api/uploads/), since that is where a difference between two parsers can do harm.
    const spellings = [
      (v: string) => v,
      (v: string) => v.toUpperCase(),
      (v: string) => v.slice(0, 16) + v.slice(16).toUpperCase(),
      (v: string) => v.replace(/./g, (c) => `%${c.charCodeAt(0).toString(16)}`),
    ];
    const spelling = (v: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(v) },
        { weight: 3, arbitrary: fc.constantFrom(...spellings.slice(1).map((spell) => spell(v))) },
      );
    const ownSpelling = fc.oneof(
      { weight: 4, arbitrary: fc.constant(spellings[0]!) },
      { weight: 3, arbitrary: fc.constantFrom(...spellings.slice(1)) },
    );
    const victimId = fc.oneof(
      { weight: 2, arbitrary: spelling(partial) },
      { weight: 1, arbitrary: spelling(complete) },
    );
    const piece = fc.oneof(
      fc.constantFrom(
        '/',
        '//',
        '%2F',
        '%2f',
        '.',
        '..',
        '%2e',
        '%2E%2E',
        '?',
        '?x=',
        '#',
        ';',
        '&',
        '=',
        'x',
        '\\',
        '%5C',
        '%00',
        '%',
        '%3F',
        '%23',
        '%3B',
      ),
      victimId,
    );
    const middle = fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 2, arbitrary: fc.array(piece, { minLength: 1, maxLength: 5 }) },
    );
    /** How the victim's id is put last, where tus once looked for the id. */
    const ending = fc.tuple(
      fc.constantFrom(
        '/',
        '%2F',
        '?/',
        '?x=/',
        '?x=%2F',
        '?x=/../',
        '#/',
        '?#/',
        ';/',
        '\\',
        '//',
        '/../',
        '?a=1&b=/',
      ),
      victimId,
      fc.constantFrom('', '', '', '/', '?', '#', '%00'),
    );
    const prefix = fc.oneof(
      { weight: 6, arbitrary: fc.constant('/api/uploads/') },
      { weight: 1, arbitrary: fc.constant(`${server.origin}/api/uploads/`) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '//api/uploads/',
          '/api//uploads/',
          '/api/./uploads/',
          '/api/uploads//',
          '/api/uploads/./',
          '/API/uploads/',
          '/api/uploads/x/../',
        ),
      },
    );
    const problems: string[] = [];
    let runs = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('HEAD', 'PATCH', 'GET', 'DELETE'),
        prefix,
        ownSpelling,
        middle,
        fc.option(ending, { freq: 6 }),
        async (method, start, spell, middle, end) => {
          runs++;
          const found = await attack(
            method,
            (o) => `${start}${spell(o)}${middle.join('')}${end ? end.join('') : ''}`,
          );
          problems.push(...found);
          return found.length === 0;
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(problems).toEqual([]);
    expect(runs).toBe(RUNS);
    // A few seconds, not minutes (figure for the report).
    console.info(`${name}: ${RUNS} decorated requests in ${Date.now() - started} ms`);
  });

  test('the owner is checked again inside tus, should tus one day find ids another way', async () => {
    await ensureOwn();
    const { options } = server.blobs.tus;
    const original = options.getFileIdFromRequest;
    // Stands for a tus that takes the id from somewhere other than what the route authorised.
    options.getFileIdFromRequest = () => partial;
    try {
      const problems: string[] = [];
      for (const method of ['HEAD', 'PATCH']) {
        problems.push(...(await attack(method, (o) => `/api/uploads/${o}`)));
      }
      expect(problems).toEqual([]);
      const refused = await rawRequest(
        server.origin,
        'PATCH',
        `/api/uploads/${own}`,
        {
          ...auth(attacker),
          'upload-offset': '37',
          'content-type': 'application/offset+octet-stream',
        },
        randomBytes(3),
      );
      expect(refused.status).toBe(404);
      expect(isApiError(refused)).toBe(true);
      expect(codeOf(refused)).toBe('not_found');
    } finally {
      Object.assign(options, { getFileIdFromRequest: original });
    }
    const head = await rawRequest(server.origin, 'HEAD', `/api/uploads/${own}`, auth(attacker));
    expect([head.status, head.headers['upload-offset']]).toEqual([200, '0']);
  });

  test('a malformed upload id is a clean 400 for every method, never a 5xx', async () => {
    const junk = [
      '%00',
      `${own}%00`,
      `%00${own}`,
      `${own.slice(0, 16)}%00${own.slice(17)}`,
      own.toUpperCase(),
      own.slice(1),
      `${own}0`,
      '%zz',
      '%',
      '%E0%A4%A',
      '%C3%A9',
      '%FF',
      '..',
      '%2e%2e',
      `${own};x`,
      `${own}%20`,
      `${own}%0A`,
      'x'.repeat(90),
      // Longer than any path segment Fastify routes at all (100): refused as an address.
      'a'.repeat(150),
    ];
    for (const method of ['HEAD', 'GET', 'PATCH', 'DELETE']) {
      for (const id of junk) {
        for (const who of [auth(attacker), { 'tus-resumable': '1.0.0' }]) {
          const res = await rawRequest(
            server.origin,
            method,
            `/api/uploads/${id}`,
            { ...who, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
            method === 'PATCH' ? randomBytes(3) : undefined,
          );
          const where = `${method} ${id}`;
          expect(res.status, where).toBe(id.length > 100 ? 414 : 400);
          expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
          if (method !== 'HEAD') {
            expect(isApiError(res), `${where}: ${res.body.toString()}`).toBe(true);
            expect(codeOf(res), where).toBe('invalid_request');
          }
        }
      }
    }
  });

  test('tus never allows a foreign origin', async () => {
    for (const [method, target, extra] of [
      ['POST', '/api/uploads', { 'upload-length': '10' }],
      ['HEAD', `/api/uploads/${own}`, {}],
      ['PATCH', `/api/uploads/${own}`, { 'upload-offset': '0' }],
      ['PATCH', `/api/uploads/${own}`, { 'upload-offset': '63' }],
      ['OPTIONS', '/api/uploads', { 'access-control-request-method': 'PATCH' }],
    ] as const) {
      await ensureOwn();
      const res = await rawRequest(
        server.origin,
        method,
        target,
        {
          ...auth(attacker),
          origin: 'https://evil.example',
          'content-type': 'application/offset+octet-stream',
          ...extra,
        },
        method === 'PATCH' ? randomBytes(1) : undefined,
      );
      expect(res.status, `${method} ${target}`).toBeLessThan(500);
      expect(res.headers['access-control-allow-origin'], `${method} ${target}`).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  test('tus’s own refusals come back in the API’s JSON error shape, with tus headers kept', async () => {
    await ensureOwn();
    const tusHeaders = {
      ...auth(attacker),
      'content-type': 'application/offset+octet-stream',
    };
    const cases: {
      what: string;
      method: string;
      headers: Record<string, string>;
      body?: Buffer;
      status: number;
      code: string;
    }[] = [
      {
        what: 'wrong Upload-Offset',
        method: 'PATCH',
        headers: { ...tusHeaders, 'upload-offset': '5' },
        body: randomBytes(3),
        status: 409,
        code: 'upload_offset_conflict',
      },
      {
        what: 'no Tus-Resumable',
        method: 'PATCH',
        headers: {
          cookie: attacker.cookie!,
          'x-mosaic-csrf': attacker.csrf!,
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
        },
        body: randomBytes(3),
        status: 412,
        code: 'tus_resumable_required',
      },
      {
        what: 'a body of another type',
        method: 'PATCH',
        headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'text/plain' },
        body: randomBytes(3),
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        what: 'more bytes than the upload’s length',
        method: 'PATCH',
        headers: { ...tusHeaders, 'upload-offset': '0' },
        body: randomBytes(65),
        status: 413,
        code: 'upload_length_exceeded',
      },
      {
        what: 'no Upload-Offset',
        method: 'PATCH',
        headers: tusHeaders,
        body: randomBytes(3),
        status: 400,
        code: 'invalid_request',
      },
      {
        what: 'an Upload-Offset that is not a number',
        method: 'PATCH',
        headers: { ...tusHeaders, 'upload-offset': 'ten' },
        body: randomBytes(3),
        status: 400,
        code: 'invalid_request',
      },
      {
        what: 'an unsupported tus version',
        method: 'PATCH',
        headers: { ...tusHeaders, 'upload-offset': '0', 'tus-resumable': '0.2.2' },
        body: randomBytes(3),
        status: 412,
        code: 'tus_resumable_required',
      },
      {
        what: 'concatenation, which is not offered',
        method: 'POST',
        headers: { ...auth(attacker), 'upload-length': '10', 'upload-concat': 'partial' },
        status: 400,
        code: 'invalid_request',
      },
      {
        what: 'a deferred length, which is not offered',
        method: 'POST',
        headers: { ...auth(attacker), 'upload-defer-length': '1' },
        status: 400,
        code: 'invalid_request',
      },
    ];
    for (const c of cases) {
      const target = c.method === 'POST' ? '/api/uploads' : `/api/uploads/${own}`;
      const res = await rawRequest(server.origin, c.method, target, c.headers, c.body);
      expect(res.status, `${c.what}: ${res.body.toString()}`).toBe(c.status);
      expect(isApiError(res), `${c.what}: ${res.body.toString()}`).toBe(true);
      expect(codeOf(res), c.what).toBe(c.code);
      expect(res.headers['tus-resumable'], c.what).toBe('1.0.0');
      expect(res.headers['cache-control'], c.what).toBe('no-store');
    }
    // HEAD has no body, but says it is JSON like the others, and keeps its status.
    const gone = randomBytes(16).toString('hex');
    const head = await rawRequest(server.origin, 'HEAD', `/api/uploads/${gone}`, auth(attacker));
    expect(head.status).toBe(404);
    // Nothing was written to the attacker's own upload by any refusal.
    const ok = await rawRequest(server.origin, 'HEAD', `/api/uploads/${own}`, auth(attacker));
    expect([ok.status, ok.headers['upload-offset'], ok.headers['upload-length']]).toEqual([
      200,
      '0',
      '64',
    ]);
  });

  test('creation answers with the canonical Location, whatever the request looked like', async () => {
    for (const [target, extra] of [
      ['/api/uploads', {}],
      [`/api/uploads?x=/${partial}`, {}],
      ['/api/uploads?x=/../../elsewhere/', {}],
      ['/api/uploads#/x', {}],
      ['/api/uploads', { host: 'evil.example' }],
      ['/api/uploads', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
      ['/api/uploads', { forwarded: 'host=evil.example;proto=https' }],
    ] as const) {
      const res = await rawRequest(server.origin, 'POST', target, {
        ...auth(attacker),
        'upload-length': '1',
        ...extra,
      });
      expect(res.status, `${target} ${res.body.toString()}`).toBe(201);
      expect(String(res.headers.location), target).toMatch(/^\/api\/uploads\/[a-f0-9]{32}$/);
      const id = String(res.headers.location).split('/').pop()!;
      const row = await server.database.db
        .selectFrom('uploads')
        .innerJoin('accounts', 'accounts.id', 'uploads.account_id')
        .select('accounts.username')
        .where('uploads.id', '=', id)
        .executeTakeFirst();
      expect(row?.username).toBe(attacker.username);
      // Tidy: these count against the attacker's quota.
      const removed = await rawRequest(
        server.origin,
        'DELETE',
        `/api/uploads/${id}`,
        auth(attacker),
      );
      expect(removed.status).toBe(204);
    }
  });
});
