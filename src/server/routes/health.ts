/**
 * Liveness and readiness for load balancers and orchestrators. They say nothing about the data.
 */
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export function healthRoutes(app: FastifyInstance, db: Kysely<Database>): void {
  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({
        error: { code: 'database_unavailable', message: 'The database cannot be reached.' },
      });
    }
  });
}
