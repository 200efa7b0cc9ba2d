/**
 * A load balancer with no sticky sessions, as in front of several app servers: each request goes
 * to a backend chosen at random. A backend taken out (as a health check would after a crash)
 * gets no more requests; a request whose backend fails gets a 502, and the client tries again.
 */
import { randomInt } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';

export interface Balancer {
  readonly origin: string;
  /** Backends (origins) requests may go to now. */
  backends: string[];
  /** How many requests went to each origin. */
  readonly counts: Map<string, number>;
  close(): Promise<void>;
}

export async function startBalancer(backends: string[]): Promise<Balancer> {
  const counts = new Map<string, number>();
  const state = { backends: [...backends] };
  const server: Server = createServer((req, res) => {
    const live = state.backends;
    if (live.length === 0) {
      res.writeHead(502).end();
      return;
    }
    const target = new URL(live[randomInt(live.length)]!);
    counts.set(target.origin, (counts.get(target.origin) ?? 0) + 1);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { connection: 'close' }).end();
      else res.destroy();
    });
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    get backends() {
      return state.backends;
    },
    set backends(list: string[]) {
      state.backends = [...list];
    },
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
