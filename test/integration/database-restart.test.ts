/**
 * PostgreSQL going away under load and coming back (a crash, a managed database's restart or
 * failover): the app says it is not ready while the database is down (/readyz 503, so a load
 * balancer stops sending it people), recovers by itself without a restart, and loses nothing it
 * acknowledged. Runs on a PostgreSQL of its own (test/support/private-postgres.ts), so the shared
 * server other tests use is never stopped.
 */
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import {
  HAVE_PRIVATE_POSTGRES,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres.js';
import { blob, KDF, key, recordId } from '../support/vault-client.js';

const ROUNDS = Math.max(1, Math.min(3, Number(process.env.MOSAIC_CRASH_ROUNDS ?? 1)));

describe.skipIf(!HAVE_PRIVATE_POSTGRES)('the database restarting', () => {
  let pg: PrivatePostgres | undefined;
  let server: AppProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await server?.stop();
    await pg?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reports not ready while PostgreSQL is down, recovers by itself and loses nothing', async () => {
    pg = await startPrivatePostgres();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-pgrestart-'));
    server = await startAppProcess({ DATABASE_URL: pg.url, DATA_DIR: dataDir });
    const origin = server.origin;
    const signUp = await fetch(`${origin}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `pg-restart-${process.pid}`,
        kdf: KDF,
        authKey: key(),
        recoveryAuthKey: key(),
        wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
      }),
    });
    expect(signUp.status).toBe(201);
    const auth = {
      cookie: signUp.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .find((c) => c.startsWith('__Host-mosaic-session='))!,
      'x-mosaic-csrf': ((await signUp.json()) as { csrfToken: string }).csrfToken,
    };

    const acknowledged = new Map<string, string>();
    const failures: number[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const id = recordId();
        const ciphertext = blob(200 + randomInt(2000));
        try {
          const res = await fetch(`${origin}/api/records`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ id, type: 'note', ciphertext, wrappedKey: blob(73) }),
            signal: AbortSignal.timeout(15_000),
          });
          if (res.status === 201) acknowledged.set(id, ciphertext);
          else {
            failures.push(res.status);
            // Refused in the API's shape, never a bare error page or a hang.
            const body = (await res.json()) as { error?: { code?: string } };
            expect(body.error?.code).toBeTypeOf('string');
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        } catch {
          failures.push(0);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const ready = async () =>
      (await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(() => null))
        ?.status ?? 0;

    const load = Array.from({ length: 3 }, worker);
    const timings: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, 800));
      const atCrash = acknowledged.size;
      await pg.crash();
      // Not ready while the database is down, and still alive (liveness is not readiness).
      let notReady = 0;
      const seen: number[] = [];
      for (let i = 0; i < 20 && notReady === 0; i++) {
        const status = await ready();
        seen.push(status);
        if (status === 503) notReady++;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(notReady, `/readyz answered ${seen.join(', ')}; ${server.output()}`).toBe(1);
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const restarted = Date.now();
      await pg.start();
      // Ready again by itself, and writing again.
      let readyAfter = -1;
      for (let i = 0; i < 300; i++) {
        if ((await ready()) === 200) {
          readyAfter = Date.now() - restarted;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(readyAfter).toBeGreaterThanOrEqual(0);
      const resumedFrom = acknowledged.size;
      const whileDown = resumedFrom - atCrash;
      for (let i = 0; i < 100 && acknowledged.size === resumedFrom; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(acknowledged.size).toBeGreaterThan(resumedFrom);
      timings.push(
        `round ${round + 1}: ${atCrash} acknowledged before the crash, ${whileDown} acknowledged between the crash and ready again, ready ${readyAfter} ms after PostgreSQL started`,
      );
    }
    stop = true;
    await Promise.all(load);

    let present = 0;
    for (const [id, ciphertext] of acknowledged) {
      const res = await fetch(`${origin}/api/records/${id}`, { headers: auth });
      if (
        res.status === 200 &&
        ((await res.json()) as { ciphertext: string }).ciphertext === ciphertext
      ) {
        present++;
      }
    }
    const statuses = [...new Set(failures)].sort().join(', ');
    console.log(
      `database restart: ${timings.join('; ')}; acknowledged ${acknowledged.size}, present ${present}, lost ${acknowledged.size - present}; refused while down: ${failures.length} (statuses ${statuses || 'none'})`,
    );
    expect(present).toBe(acknowledged.size);
    // Refused while the database was down: 503 (try again), never a 500.
    expect(failures.filter((status) => status >= 500 && status !== 503)).toEqual([]);
  }, 120_000);
});
