/**
 * Findings of the outside security review that concern the server as a whole: which proxy
 * headers to believe and how an IPv6 client is counted, slow and stalled clients, sessions in
 * steady use with a short idle time, malformed addresses, and bodies in other encodings.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_LIMIT } from '../../src/server/app.js';
import { LIMITS } from '../../src/server/auth/limits.js';
import { startLiveServer, type LiveServer } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

let counter = 0;
const username = (): string => `hardening-${process.pid}-${++counter}`;

describe.each(ENGINES)('behind proxies, on $name', ({ name, available }) => {
  const test = available ? it : it.skip;

  /** Asks for missing pages until the not-found limit answers; returns how many were answered 404. */
  const notFoundBudget = async (
    t: TestApp,
    request: (i: number) => { remoteAddress: string; headers?: Record<string, string> },
  ): Promise<number> => {
    let answered = 0;
    for (let i = 0; i < NOT_FOUND_LIMIT.max + 5; i++) {
      const res = await t.app.inject({ url: `/no-such-page-${i}`, ...request(i) });
      if (res.statusCode === 429) return answered;
      expect(res.statusCode).toBe(404);
      answered++;
    }
    return answered;
  };
  const forged = (): string => `${randomBytes(2).join('.')}.1.1`;

  test('TRUST_PROXY=1 reads the address the proxy saw, never what the client wrote', async () => {
    const t = await startTestApp({ engine: name, env: { TRUST_PROXY: '1' } });
    try {
      // Every request makes up a new leftmost address; the proxy appends the real one.
      const budget = await notFoundBudget(t, () => ({
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `${forged()}, ${forged()}, 198.51.100.7` },
      }));
      expect(budget).toBe(NOT_FOUND_LIMIT.max);
      // Someone else behind the same proxy still gets in.
      const other = await t.app.inject({
        url: '/no-such-page',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '198.51.100.8' },
      });
      expect(other.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  test('a list of proxy addresses is believed only for requests from those proxies', async () => {
    const t = await startTestApp({ engine: name, env: { TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
    try {
      // Through two trusted proxies: the first untrusted address from the right is the client.
      const budget = await notFoundBudget(t, () => ({
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `${forged()}, 198.51.100.9, 10.1.2.3` },
      }));
      expect(budget).toBe(NOT_FOUND_LIMIT.max);
      // Straight from the internet: the header is ignored, so forging it gains nothing.
      const direct = await notFoundBudget(t, () => ({
        remoteAddress: '203.0.113.50',
        headers: { 'x-forwarded-for': forged() },
      }));
      expect(direct).toBe(NOT_FOUND_LIMIT.max);
    } finally {
      await t.close();
    }
  });

  test('sign-up limits count one IPv6 /64 as one address', async () => {
    const t = await startTestApp({ engine: name });
    try {
      const hex = (): string => randomBytes(2).toString('hex');
      const signUp = (address: string) =>
        new VaultClient(t.app, username(), address).signUp().then((res) => res.statusCode);
      for (let i = 0; i < LIMITS.signUpPerAddress.max; i++) {
        expect(await signUp(`2001:db8:5:6:${hex()}:${hex()}:${hex()}:${hex()}`)).toBe(201);
      }
      expect(await signUp(`2001:db8:5:6::${hex()}`)).toBe(429);
      expect(await signUp('2001:db8:5:7::1')).toBe(201);
    } finally {
      await t.close();
    }
    // Eleven sign-ups hash twenty-two keys with Argon2id: slow on a busy two-core machine.
  }, 120_000);

  test('the not-found limit counts one IPv6 /64 as one address', async () => {
    const t = await startTestApp({ engine: name });
    try {
      const hex = (): string => randomBytes(2).toString('hex');
      const budget = await notFoundBudget(t, () => ({
        remoteAddress: `2001:db8:1:2:${hex()}:${hex()}:${hex()}:${hex()}`,
      }));
      expect(budget).toBe(NOT_FOUND_LIMIT.max);
      const neighbour = await t.app.inject({
        url: '/no-such-page',
        remoteAddress: '2001:db8:1:3::1',
      });
      expect(neighbour.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  test('a session in steady use outlives a one-minute idle time', async () => {
    const t = await startTestApp({ engine: name, env: { SESSION_IDLE_MINUTES: '1' } });
    try {
      const c = new VaultClient(t.app, username());
      expect((await c.signUp()).statusCode).toBe(201);
      // Used every 40 seconds (the clock moved back by hand, as a minute cannot be waited for).
      const ago = async (seconds: number): Promise<void> => {
        await sql`update sessions set last_seen_at = last_seen_at - make_interval(secs => ${seconds}), created_at = created_at - make_interval(secs => ${seconds})`.execute(
          t.database.db,
        );
      };
      for (let i = 0; i < 3; i++) {
        await ago(40);
        expect((await c.request('GET', '/api/sessions')).statusCode).toBe(200);
      }
      // Left alone for longer than the idle time, it does end.
      await ago(61);
      expect((await c.request('GET', '/api/sessions')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('slow and stalled clients', () => {
  let server: LiveServer;
  const TIMEOUTS = { headersMs: 1_000, idleMs: 1_500, bodyMs: 1_000 };
  beforeAll(async () => {
    server = await startLiveServer({}, 'pglite', TIMEOUTS);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Opens a raw connection; `closed` resolves with the ms until the server closed it. */
  const open = async (): Promise<{
    socket: Socket;
    closed: Promise<number>;
    reply: () => string;
  }> => {
    const { port } = new URL(server.origin);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) =>
      socket.once('close', () => resolve(Date.now() - started)),
    );
    return { socket, closed, reply: () => received };
  };
  /** Writes `parts` one every `everyMs` until the connection closes or `giveUpMs` passes. */
  const trickle = async (
    socket: Socket,
    parts: Iterable<string | Buffer>,
    everyMs: number,
    giveUpMs: number,
  ): Promise<void> => {
    const until = Date.now() + giveUpMs;
    for (const part of parts) {
      if (socket.destroyed || Date.now() > until) return;
      socket.write(part);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };
  function* forever(part: string): Generator<string> {
    for (;;) yield part;
  }

  it('cuts off a body that trickles in a byte at a time', async () => {
    const { socket, closed } = await open();
    socket.write(
      'POST /api/sessions/challenge HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    );
    void trickle(socket, forever(' '), 100, 8_000);
    const ms = await Promise.race([
      closed,
      new Promise<number>((r) => setTimeout(() => r(-1), 8_000)),
    ]);
    socket.destroy();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(TIMEOUTS.bodyMs + 2_000);
  });

  it('cuts off headers that trickle in a line at a time', async () => {
    const { socket, closed } = await open();
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    void trickle(socket, forever('X-Padding: a\r\n'), 100, 8_000);
    const ms = await Promise.race([
      closed,
      new Promise<number>((r) => setTimeout(() => r(-1), 8_000)),
    ]);
    socket.destroy();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(TIMEOUTS.headersMs + 2_000);
  });

  it('closes a connection that sends nothing', async () => {
    const { closed } = await open();
    const ms = await Promise.race([
      closed,
      new Promise<number>((r) => setTimeout(() => r(-1), 8_000)),
    ]);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(TIMEOUTS.idleMs + 2_000);
  });

  it('answers the rightful visitor while a thousand idle connections wait, then closes them all', async () => {
    // One address opening many connections and sending nothing (or half a request line): the
    // slow-loris attack. The server must still answer a real request, and must shut every idle
    // one by itself, so they cannot pile up until it runs out of file handles.
    const idle = await Promise.all(
      Array.from({ length: 1_000 }, async (_, i) => {
        const connection = await open();
        if (i % 2 === 1) connection.socket.write('GET / HTTP/1.1\r\nHost: 127.0');
        return connection;
      }),
    );
    const connections = () =>
      new Promise<number>((resolve, reject) =>
        server.app.server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
      );
    expect(await connections()).toBeGreaterThan(0);
    const visitor = await open();
    visitor.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await visitor.closed;
    expect(visitor.reply()).toMatch(/^HTTP\/1\.1 200/);
    expect(visitor.reply()).toMatch(/<html/);
    const times = await Promise.race([
      Promise.all(idle.map((c) => c.closed)),
      new Promise<number[]>((r) => setTimeout(() => r([]), 15_000)),
    ]);
    for (const c of idle) c.socket.destroy();
    expect(times).toHaveLength(1_000);
    expect(Math.max(...times)).toBeLessThan(TIMEOUTS.idleMs + 6_000);
    expect(await connections()).toBe(0);
  }, 30_000);

  const newUpload = async (bytes: number): Promise<{ c: VaultClient; path: string }> => {
    const c = new VaultClient(server.app, username(), '192.0.2.77');
    expect((await c.signUp()).statusCode).toBe(201);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: {
        cookie: c.cookie!,
        'x-mosaic-csrf': c.csrf!,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes),
      },
    });
    expect(created.statusCode).toBe(201);
    return { c, path: new URL(created.headers.location!, server.origin).pathname };
  };
  const patchHead = (c: VaultClient, path: string, length: number): string =>
    `PATCH ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${c.cookie!}\r\n` +
    `X-Mosaic-Csrf: ${c.csrf!}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n` +
    `Content-Type: application/offset+octet-stream\r\nContent-Length: ${length}\r\n\r\n`;

  it('lets a slow but steady upload finish, however long it takes', async () => {
    const size = 40 * 4096;
    const { c, path } = await newUpload(size);
    const { socket, closed, reply } = await open();
    socket.write(patchHead(c, path, size));
    const data = randomBytes(size);
    const chunks = Array.from({ length: 40 }, (_, i) => data.subarray(i * 4096, (i + 1) * 4096));
    // 40 pieces 100 ms apart: four times the body deadline, never idle for long.
    await trickle(socket, chunks, 100, 20_000);
    for (let i = 0; i < 50 && !/\r\n\r\n/.test(reply()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    socket.end();
    await closed;
    expect(reply()).toMatch(/^HTTP\/1\.1 204/);
    expect(reply()).toMatch(new RegExp(`upload-offset: ${size}`, 'i'));
  });

  it('closes an upload that stops moving, and the upload can carry on', async () => {
    const size = 64 * 1024;
    const { c, path } = await newUpload(size);
    const { socket, closed } = await open();
    socket.write(patchHead(c, path, size));
    socket.write(randomBytes(8 * 1024));
    const ms = await Promise.race([
      closed,
      new Promise<number>((r) => setTimeout(() => r(-1), 8_000)),
    ]);
    socket.destroy();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(TIMEOUTS.idleMs + 2_000);
    const head = await server.app.inject({
      method: 'HEAD',
      url: path,
      headers: { cookie: c.cookie!, 'tus-resumable': '1.0.0' },
    });
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['upload-offset'])).toBeLessThanOrEqual(8 * 1024);
  });
});

describe('addresses and bodies that cannot be read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['/%ZZ', '/cy/%E0%A4%A', '/questions/%'])(
    'answers the malformed page address %s with the site’s own page, not quoting it',
    async (url) => {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('data-quick-exit-button');
      expect(res.body).not.toContain(url);
      expect(res.body).not.toContain('FST_ERR');
    },
  );

  it('answers a malformed API address with the API’s error shape', async () => {
    const res = await t.app.inject('/api/records/%ZZ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'invalid_request', message: 'This address is not valid.' },
    });
  });

  it.each([
    ['utf-16', (s: string) => Buffer.from(`\ufeff${s}`, 'utf16le')],
    ['UTF-16LE', (s: string) => Buffer.from(s, 'utf16le')],
    ['iso-8859-1', (s: string) => Buffer.from(s, 'latin1')],
  ])('refuses a JSON body declared as %s, changing nothing', async (charset, encode) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sessions/challenge',
      headers: { 'content-type': `application/json; charset=${charset}` },
      payload: encode(JSON.stringify({ username: 'someone' })),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
  ])('accepts UTF-8 JSON declared as %s', async (type) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sessions/challenge',
      headers: { 'content-type': type },
      payload: JSON.stringify({ username: 'someone' }),
    });
    expect(res.statusCode).toBe(200);
  });
});
