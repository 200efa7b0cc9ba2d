/**
 * The risk check and the safety plan stored through the real vault API on both engines: sealed
 * in the client with the account key, never readable by the server, opened back with their
 * schemas; repeated checks make a history; the plan's edits are revisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, generateKey } from '../../src/crypto/index.js';
import { riskChanges, riskResult } from '../../src/domain/safety/risk-check.js';
import { addItem, EMPTY_PLAN, updateItem } from '../../src/domain/safety/safety-plan.js';
import {
  VaultApi,
  addRecord,
  editRecord,
  loadAll,
  loadOne,
  loadVersions,
  RevisionWatch,
  newestFirst,
  RISK_CHECK,
  SAFETY_PLAN,
} from '../../src/vault/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

/** The browser's fetch, answered by the real app through inject, with the session cookie. */
function injectFetch(client: VaultClient): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    if (client.cookie) headers.cookie = client.cookie;
    const res = await client.app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url,
      headers,
      remoteAddress: client.ip,
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (typeof v === 'string') out.set(k, v);
    }
    const empty = res.statusCode === 204 || res.body === '';
    return new Response(empty ? null : res.body, { status: res.statusCode, headers: out });
  };
}

describe.each(ENGINES)('risk checks and safety plans on $name', ({ name, available }) => {
  const test = available ? it : it.skip;
  let t: TestApp;
  let api: VaultApi;
  let client: VaultClient;
  let accountKey: Uint8Array;

  beforeAll(async () => {
    if (!available) return;
    await cryptoReady();
    t = await startTestApp({ engine: name });
    client = new VaultClient(t.app, `safety-${name}-${Date.now()}`);
    expect((await client.signUp()).statusCode).toBeLessThan(300);
    expect((await client.signIn()).statusCode).toBeLessThan(300);
    api = new VaultApi({ fetch: injectFetch(client) });
    api.setCsrfToken(client.csrf!);
    accountKey = await generateKey();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('saves risk checks encrypted and reads back their history and changes', async () => {
    const watch = new RevisionWatch();
    const secretNote = 'He waits by the blue gate every morning';
    await addRecord(api, accountKey, watch, RISK_CHECK, {
      answeredOn: '2026-11-01',
      answers: { visits: { answer: 'not-sure' }, fear: { answer: 'no' } },
    });
    await addRecord(api, accountKey, watch, RISK_CHECK, {
      answeredOn: '2026-12-04',
      answers: {
        visits: { answer: 'yes', note: secretNote, date: '2026-12-03' },
        fear: { answer: 'yes' },
      },
    });
    // The server holds ciphertext only.
    const raw = await client.request('GET', '/api/records?type=risk-check');
    expect(raw.statusCode).toBe(200);
    expect(raw.body).not.toContain('blue gate');
    expect(raw.body).not.toContain('visits');

    const { records, unreadable } = await loadAll(api, accountKey, new RevisionWatch(), RISK_CHECK);
    expect(unreadable).toBe(0);
    const [latest, earlier] = newestFirst(records);
    expect(latest?.value.answers.visits?.note).toBe(secretNote);
    expect(riskResult(latest!.value)).toMatchObject({ urgent: true, warnings: ['fear', 'visits'] });
    expect(riskChanges(earlier!.value, latest!.value)).toEqual([
      { question: 'fear', before: 'no', after: 'yes' },
      { question: 'visits', before: 'not-sure', after: 'yes' },
    ]);

    // Another account key cannot open them.
    const other = await loadAll(api, await generateKey(), new RevisionWatch(), RISK_CHECK);
    expect(other.records).toEqual([]);
    expect(other.unreadable).toBe(2);
  });

  test('keeps the safety plan encrypted, with each edit a revision', async () => {
    const watch = new RevisionWatch();
    let plan = addItem(EMPTY_PLAN, {
      id: 'a1',
      section: 'people',
      text: 'Code word "pineapple" means call 999',
      done: false,
      suggestion: 'people-code-word',
    });
    const id = await addRecord(api, accountKey, watch, SAFETY_PLAN, plan);
    const first = await loadOne(api, accountKey, watch, SAFETY_PLAN, id);
    plan = updateItem(first.record.value, 'a1', { done: true });
    await editRecord(api, accountKey, watch, SAFETY_PLAN, first.response, plan);

    const raw = await client.request('GET', `/api/records/${id}`);
    expect(raw.body).not.toContain('pineapple');
    const now = await loadOne(api, accountKey, new RevisionWatch(), SAFETY_PLAN, id);
    expect(now.record.revision).toBe(2);
    expect(now.record.value.items[0]).toMatchObject({
      text: 'Code word "pineapple" means call 999',
      done: true,
    });
    const versions = await loadVersions(api, accountKey, SAFETY_PLAN, id);
    expect(versions?.map((v) => v.ok && v.record.value.items[0]?.done)).toEqual([false, true]);
  });

  test('refuses to seal a plan that does not fit its schema', async () => {
    const watch = new RevisionWatch();
    await expect(
      addRecord(api, accountKey, watch, SAFETY_PLAN, {
        schemaVersion: 1,
        items: [{ id: 'x', section: 'home', text: '   ', done: false }],
      }),
    ).rejects.toThrow();
  });
});
