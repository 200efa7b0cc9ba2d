/**
 * `npm run backup` / `npm run restore` for the embedded database: a backup taken while the server
 * runs under write load, restored into a fresh data folder, opens with every record acknowledged
 * before the backup began, byte for byte, and the evidence files with them; a record written
 * while the backup ran is either absent or whole. A backup with no server running works too, and
 * restore refuses a folder that already holds a database.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { blob, KDF, key, recordId } from '../support/vault-client.js';

const run = promisify(execFile);
const script = (name: string, arg: string, dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', name), arg], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
  });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('backing up and restoring the embedded database', () => {
  const folders: string[] = [];
  const servers: AppProcess[] = [];
  const folder = async (name: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `mosaic-${name}-`));
    folders.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  it('restores a backup taken under load into a fresh folder with every record intact', async () => {
    const dataDir = await folder('data');
    const server = await startAppProcess({ DATA_DIR: dataDir });
    servers.push(server);
    const signUp = await fetch(`${server.origin}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `backup-${process.pid}`,
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
    const write = async (origin: string, sent: Map<string, string>, acked: Map<string, string>) => {
      const id = recordId();
      const ciphertext = blob(100 + randomInt(4000));
      sent.set(id, ciphertext);
      const res = await fetch(`${origin}/api/records`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id, type: 'note', ciphertext, wrappedKey: blob(73) }),
      });
      if (res.status === 201) acked.set(id, ciphertext);
    };
    const sent = new Map<string, string>();
    const before = new Map<string, string>();
    for (let i = 0; i < 60; i++) await write(server.origin, sent, before);
    // An evidence file, finished before the backup.
    const data = randomBytes(150_000);
    const created = await fetch(`${server.origin}/api/uploads`, {
      method: 'POST',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(data.length) },
    });
    const where = created.headers.get('location')!;
    const patched = await fetch(`${server.origin}${where}`, {
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

    // Writes keep coming while the backup is taken.
    let loading = true;
    const during = new Map<string, string>();
    const load = (async () => {
      while (loading) await write(server.origin, sent, during);
    })();
    const backup = path.join(await folder('backup'), 'copy');
    const started = Date.now();
    await script('backup.ts', backup, dataDir);
    const took = Date.now() - started;
    loading = false;
    await load;

    // Into a fresh folder, and a server on it.
    const restored = await folder('restored');
    await script('restore.ts', backup, restored);
    const second = await startAppProcess({ DATA_DIR: restored });
    servers.push(second);
    let present = 0;
    for (const [id, ciphertext] of before) {
      const res = await fetch(`${second.origin}/api/records/${id}`, { headers: auth });
      if (
        res.status === 200 &&
        ((await res.json()) as { ciphertext: string }).ciphertext === ciphertext
      )
        present++;
    }
    let duringPresent = 0;
    for (const [id, ciphertext] of sent) {
      if (before.has(id)) continue;
      const res = await fetch(`${second.origin}/api/records/${id}`, { headers: auth });
      if (res.status === 404) continue;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { ciphertext: string }).ciphertext).toBe(ciphertext);
      duringPresent++;
    }
    const file = await fetch(`${second.origin}${where}`, { headers: auth });
    expect(file.status).toBe(200);
    expect(sha(Buffer.from(await file.arrayBuffer()))).toBe(sha(data));
    console.log(
      `backup under load: ${took} ms; ${before.size} records before, ${present} restored; ${during.size} acknowledged during the backup, ${duringPresent} in it`,
    );
    expect(present).toBe(before.size);

    // Restore refuses a folder that already has a database.
    await expect(script('restore.ts', backup, restored)).rejects.toMatchObject({
      stderr: expect.stringContaining('already holds a database') as unknown,
    });

    // With no server running, the script opens the folder itself.
    await second.stop();
    const offline = path.join(await folder('backup'), 'offline');
    await script('backup.ts', offline, restored);
    const again = await folder('restored');
    await script('restore.ts', offline, again);
    const third = await startAppProcess({ DATA_DIR: again });
    servers.push(third);
    const [firstId, firstCiphertext] = [...before][0]!;
    const res = await fetch(`${third.origin}/api/records/${firstId}`, { headers: auth });
    expect(((await res.json()) as { ciphertext: string }).ciphertext).toBe(firstCiphertext);
  }, 180_000);
});
