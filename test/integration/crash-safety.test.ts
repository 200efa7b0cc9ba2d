/**
 * Crash safety through the real HTTP server: under concurrent writes (new records, revisions,
 * uploads), the server is killed with SIGKILL at a random moment, started again on the same data,
 * and everything it acknowledged must be there byte for byte, while a write cut short is either
 * absent or whole (never a half-written revision or upload). The server must start cleanly every
 * time, PGlite's data folder included. Prints acknowledged / present / lost per engine.
 *
 * `npm test` runs MOSAIC_CRASH_ROUNDS (default 2) rounds per engine; `npm run test:reliability`
 * runs 20. The server is `dist/server/server.js`: run `npm run build` first.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createThrowawayDatabase, ENGINES } from '../support/databases.js';
import { blob, KDF, key, recordId } from '../support/vault-client.js';

const ROUNDS = Number(process.env.MOSAIC_CRASH_ROUNDS ?? 2);
const WORKERS = 4;

interface Session {
  readonly origin: string;
  readonly cookie: string;
  readonly csrf: string;
}

/** A record as acknowledged: every revision the server said it stored, by number. */
interface AckedRecord {
  revisions: Map<number, string>;
  latest: number;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(ENGINES)('crash safety on $name', ({ name: engine, available }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it.skipIf(!available)(
    `keeps every acknowledged write through ${ROUNDS} kill -9 restarts`,
    async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-crash-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = { DATA_DIR: dataDir };
      if (engine === 'postgres') {
        const { url, drop } = await createThrowawayDatabase();
        cleanups.push(drop);
        env.DATABASE_URL = url;
      }
      let server: AppProcess = await startAppProcess(env);
      cleanups.push(() => server.stop());
      const port = String(server.port);

      const signUp = await fetch(`${server.origin}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: `crash-${engine}-${process.pid}`,
          kdf: KDF,
          authKey: key(),
          recoveryAuthKey: key(),
          wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
        }),
      });
      expect(signUp.status).toBe(201);
      const session: Session = {
        origin: server.origin,
        cookie: signUp.headers
          .getSetCookie()
          .map((c) => c.split(';')[0]!)
          .find((c) => c.startsWith('__Host-mosaic-session='))!,
        csrf: ((await signUp.json()) as { csrfToken: string }).csrfToken,
      };
      const auth = { cookie: session.cookie, 'x-mosaic-csrf': session.csrf };

      const records = new Map<string, AckedRecord>();
      const uploads = new Map<string, string>(); // path → sha256 of the bytes
      // Writes cut short by the kill: each may be absent, or present and whole.
      let maybeRecords = new Map<string, { revision: number; ciphertext: string }[]>();
      let maybeUploads = new Map<string, string>();
      const totals = { acknowledged: 0, present: 0, lost: 0 };

      for (let round = 0; round < ROUNDS; round++) {
        let stopping = false;
        const worker = async () => {
          while (!stopping) {
            const op = randomInt(10);
            try {
              if (op < 4 || records.size === 0) {
                const id = recordId();
                const ciphertext = blob(100 + randomInt(3000));
                maybeRecords.set(id, [{ revision: 1, ciphertext }]);
                const res = await fetch(`${session.origin}/api/records`, {
                  method: 'POST',
                  headers: { ...auth, 'content-type': 'application/json' },
                  body: JSON.stringify({ id, type: 'note', ciphertext, wrappedKey: blob(73) }),
                });
                if (res.status === 201) {
                  records.set(id, { revisions: new Map([[1, ciphertext]]), latest: 1 });
                  maybeRecords.delete(id);
                } else {
                  expect(res.status, await res.text()).toBeLessThan(500);
                }
              } else if (op < 8) {
                const ids = [...records.keys()];
                const id = ids[randomInt(ids.length)]!;
                const record = records.get(id)!;
                const ciphertext = blob(100 + randomInt(3000));
                const revision = record.latest + 1;
                maybeRecords.set(id, [...(maybeRecords.get(id) ?? []), { revision, ciphertext }]);
                const res = await fetch(`${session.origin}/api/records/${id}`, {
                  method: 'PUT',
                  headers: { ...auth, 'content-type': 'application/json' },
                  body: JSON.stringify({
                    expectedRevision: record.latest,
                    ciphertext,
                    wrappedKey: blob(73),
                  }),
                });
                if (res.status === 200) {
                  const body = (await res.json()) as { revision: number };
                  expect(body.revision).toBe(revision);
                  record.revisions.set(revision, ciphertext);
                  record.latest = Math.max(record.latest, revision);
                  maybeRecords.delete(id);
                } else {
                  // 409: another worker revised it first; fine.
                  expect(res.status, await res.text()).toBeLessThan(500);
                }
              } else {
                const data = randomBytes(1 + randomInt(200_000));
                const created = await fetch(`${session.origin}/api/uploads`, {
                  method: 'POST',
                  headers: {
                    ...auth,
                    'tus-resumable': '1.0.0',
                    'upload-length': String(data.length),
                  },
                });
                expect(created.status).toBe(201);
                const where = created.headers.get('location')!;
                maybeUploads.set(where, sha(data));
                const patched = await fetch(`${session.origin}${where}`, {
                  method: 'PATCH',
                  headers: {
                    ...auth,
                    'tus-resumable': '1.0.0',
                    'upload-offset': '0',
                    'content-type': 'application/offset+octet-stream',
                  },
                  body: data,
                });
                expect(patched.status).toBe(204);
                expect(Number(patched.headers.get('upload-offset'))).toBe(data.length);
                uploads.set(where, sha(data));
                maybeUploads.delete(where);
              }
            } catch (error) {
              // A request the kill cut off; anything else is a failure.
              if (!stopping) throw error;
            }
          }
        };
        const load = Array.from({ length: WORKERS }, worker);
        await new Promise((resolve) => setTimeout(resolve, 300 + randomInt(1500)));
        stopping = true;
        await server.kill();
        await Promise.all(load);

        // Starts cleanly on the same data (the killed process's lock file included).
        server = await startAppProcess({ ...env, PORT: port });

        // Every acknowledged revision is there, byte for byte; a cut-short one is whole or absent.
        let acknowledged = 0;
        let present = 0;
        for (const [id, record] of records) {
          const res = await fetch(`${session.origin}/api/records/${id}/revisions`, {
            headers: auth,
          });
          expect(res.status).toBe(200);
          const { revisions } = (await res.json()) as {
            revisions: { revision: number; ciphertext: string }[];
          };
          const candidates = maybeRecords.get(id) ?? [];
          for (const stored of revisions) {
            const expected =
              record.revisions.get(stored.revision) ??
              candidates.find((c) => c.revision === stored.revision)?.ciphertext;
            expect(stored.ciphertext, `${id} revision ${stored.revision}`).toBe(expected);
            if (!record.revisions.has(stored.revision)) {
              record.revisions.set(stored.revision, stored.ciphertext);
            }
          }
          for (const [revision] of record.revisions) {
            acknowledged++;
            if (revisions.some((r) => r.revision === revision)) present++;
          }
          record.latest = Math.max(...revisions.map((r) => r.revision));
        }
        for (const [id, candidates] of maybeRecords) {
          if (records.has(id)) continue;
          const res = await fetch(`${session.origin}/api/records/${id}/revisions`, {
            headers: auth,
          });
          if (res.status === 404) continue;
          expect(res.status).toBe(200);
          const { revisions } = (await res.json()) as {
            revisions: { revision: number; ciphertext: string }[];
          };
          expect(revisions.map((r) => r.ciphertext)).toEqual([candidates[0]!.ciphertext]);
          records.set(id, { revisions: new Map([[1, candidates[0]!.ciphertext]]), latest: 1 });
        }
        for (const [where, digest] of uploads) {
          acknowledged++;
          const res = await fetch(`${session.origin}${where}`, { headers: auth });
          if (res.status === 200 && sha(Buffer.from(await res.arrayBuffer())) === digest) {
            present++;
          }
        }
        for (const [where, digest] of maybeUploads) {
          const res = await fetch(`${session.origin}${where}`, { headers: auth });
          if (res.status === 200) {
            expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(digest);
            uploads.set(where, digest);
          } else {
            expect(res.status).toBe(404);
          }
        }
        maybeRecords = new Map();
        maybeUploads = new Map();
        totals.acknowledged = acknowledged;
        totals.present = present;
        totals.lost = acknowledged - present;
        expect(totals.lost, `round ${round + 1}`).toBe(0);
      }
      console.log(
        `crash safety on ${engine}: ${ROUNDS} kill -9 restarts; acknowledged ${totals.acknowledged}, present ${totals.present}, lost ${totals.lost}`,
      );
      expect(totals.acknowledged).toBeGreaterThan(0);
    },
    60_000 + ROUNDS * 30_000,
  );
});
