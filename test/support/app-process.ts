/**
 * The real server as a child process (`node dist/server/server.js`, after `npm run build`), for
 * tests that must kill it (SIGKILL, as a crash or an out-of-memory killer would) or run several
 * app servers on one database and one bucket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/server/paths.js';

export interface AppProcess {
  readonly origin: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What the process wrote to stderr (its last 8 kB), for a failure's message. */
  output(): string;
  /** SIGKILL: no shutdown, no flushing; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the server with `env` (on a free port unless PORT is given) and waits until /readyz. */
export async function startAppProcess(
  env: Record<string, string>,
  options: { readyWithinMs?: number } = {},
): Promise<AppProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/server/server.js')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const origin = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    origin,
    port,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
    },
  };
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited at start (${child.exitCode ?? child.signalCode}): ${output}`,
      );
    }
    try {
      const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return app;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await app.kill();
      throw new Error(`the server did not become ready: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
