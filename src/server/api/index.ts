/**
 * The JSON API under /api/: validated by the zod schemas of src/contract/vault-api.ts (which also
 * describe it in /api/openapi.json), sessions in the database, errors as stable codes.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { deleteExpiredSessions } from '../db/repositories/sessions.js';
import { createLimiter } from '../auth/limits.js';
import { accountRoutes } from './account-routes.js';
import { ApiError } from './api-error.js';
import type { ReceiptLog } from '../log/receipt-log.js';
import { receiptRoutes } from './receipt-routes.js';
import { recordRoutes, type RecordSettings } from './record-routes.js';
import { secondFactorRoutes } from './second-factor-routes.js';
import { shareRoutes } from './share-routes.js';
import { witnessUploadRoutes } from './witness-upload-routes.js';
import { witnessRoutes } from './witness-routes.js';
import { quickRecordRoutes } from './quick-record-routes.js';
import { uploadRoutes, type UploadRoutes, type UploadSettings } from './upload-routes.js';
import type { SessionSettings } from './session-guard.js';

export interface ApiOptions {
  readonly db: Kysely<Database>;
  readonly sessions: SessionSettings;
  readonly uploads: UploadSettings;
  readonly records: RecordSettings;
  readonly secret: string;
  readonly log: ReceiptLog;
  /** Whether writes append receipt leaves: always, but for the benchmark's baseline. */
  readonly receipts: boolean;
  /** Receives the upload routes' housekeeping once they exist (tests use it to sweep). */
  readonly onUploads?: (uploads: UploadRoutes) => void;
}

/** Whether a page at `origin` is on this host (default ports written or not). */
function sameHost(origin: string, host: string): boolean {
  try {
    const page = new URL(origin);
    return page.host === new URL(`${page.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

export async function vaultApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  const { db, sessions, secret, records, log, receipts } = options;
  const uploads = { ...options.uploads, receipts };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  // API answers are personal: never cached, by the browser or anything between.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  // A state change must come from this site's own pages. Browsers name the page's origin on
  // every such request; another site's page (login CSRF, a form aimed at the API) is refused
  // before anything runs. Requests with no Origin (tools, tests) still need the CSRF token.
  app.addHook('onRequest', (request, _reply, done) => {
    const origin = request.headers.origin;
    const safe =
      request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
    // Hosts, not schemes, are compared: behind a TLS proxy the server may see plain HTTP.
    if (!safe && origin !== undefined && !sameHost(origin, request.host)) {
      done(new ApiError(403, 'csrf_failed', 'This request did not come from this site.'));
      return;
    }
    done();
  });

  const uploadHandle = uploadRoutes(app, { db, sessions, uploads });
  options.onUploads?.(uploadHandle);
  const limit = createLimiter(db, secret);
  accountRoutes(app, { db, sessions, limit, secret, uploads: uploadHandle });
  recordRoutes(app, { db, sessions, records, writes: { receipts } });
  receiptRoutes(app, { db, sessions, log });
  secondFactorRoutes(app, { db, sessions, limit });
  shareRoutes(app, { db, sessions, secret, store: uploads.store, log });
  witnessRoutes(app, { db, sessions, limit, records, log });
  witnessUploadRoutes(app, { db, limit, uploads: uploadHandle });
  quickRecordRoutes(app, { db, sessions, limit, records, log });

  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const sweeper = setInterval(() => {
    deleteExpiredSessions(db, sessions.idleSeconds).catch(() => {
      // The next sweep tries again; expired sessions are refused on use in any case.
    });
  }, 10 * 60_000);
  sweeper.unref();
  app.addHook('onClose', () => clearInterval(sweeper));
}
