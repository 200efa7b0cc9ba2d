/**
 * Mosaic as a Fastify plugin: everything the service does, given its configuration and an open
 * database. server.ts adds the process concerns (listening, signals); tests use app.inject.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from './config.js';
import type { OpenDatabase } from './db/database.js';
import { deleteExpiredCounters } from './db/repositories/rate-limit-counters.js';
import { sweepExpiredShares } from './services/shares.js';
import { sweepBookings } from './services/news-events.js';
import { currentServices, fixedServices, seedLocalServices } from './services/local-services.js';
import { getOrCreateMeta } from './db/repositories/service-meta.js';
import { databaseRateLimitStore } from './plugins/rate-limit-store.js';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
} from 'fastify-type-provider-zod';
import type { ApiErrorCode } from '../contract/vault-api.js';
import { ApiError } from './api/api-error.js';
import { vaultApi } from './api/index.js';
import type { UploadRoutes } from './api/upload-routes.js';
import { openBlobStore } from './blobs/index.js';
import { blobSha256 } from './services/uploads.js';
import { openReceiptLog, type ReceiptLog } from './log/receipt-log.js';
import { logKeyRoutes } from './routes/log-key.js';
import securityHeaders from './plugins/security-headers.js';
import { buildSite, DEFAULT_PUBLIC_DIR } from './site.js';
import { healthRoutes } from './routes/health.js';
import { pageRoutes, sendErrorPage } from './routes/pages.js';
import { selfCheckRoutes } from './routes/self-check.js';
import { newsEventsRoutes } from './routes/news-events.js';
import { staffRoutes } from './routes/staff.js';
import { deleteExpiredStaffRows } from './db/repositories/staff.js';
import { vaultPageRoutes } from './routes/vault-page.js';
import { vaultAppRoutes } from './routes/vault-app.js';
import { sharePageRoutes } from './routes/share-page.js';
import { witnessPageRoutes } from './routes/witness-page.js';
import { verifyPageRoutes } from './routes/verify-page.js';

export interface AppOptions {
  readonly config: Config;
  readonly database: OpenDatabase;
  /** The built browser files; dist/public by default. */
  readonly publicDir?: string;
  /** Receives the upload routes' housekeeping (tests use it). */
  readonly onUploads?: (uploads: UploadRoutes) => void;
  /** Receives the receipt log (tests force checkpoints with it). */
  readonly onReceiptLog?: (log: ReceiptLog) => void;
  /** Receipts on every write: always, but for the benchmark's baseline (default true). */
  readonly receipts?: boolean;
  /** The time now for what is published when (tests move it); the real clock by default. */
  readonly clock?: () => Date;
}

/** Responses larger than this (1 MiB) are sent uncompressed. */
const COMPRESS_MAX_BYTES = 1024 * 1024;
/** 404s allowed per address per minute: enough for a person, not for a scanner. */
export const NOT_FOUND_LIMIT = { max: 60, timeWindow: 60_000 } as const;

async function mosaic(app: FastifyInstance, options: AppOptions): Promise<void> {
  const { config, database } = options;
  const { db } = database;
  const publicDir = options.publicDir ?? DEFAULT_PUBLIC_DIR;
  const { site, generated } = await buildSite(config, publicDir);

  // Set before any child plugin is registered: children inherit the handler they are born with.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      return reply.code(error.statusCode).send(apiError(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const field =
        issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
        (error.validationContext ?? 'request');
      return reply
        .code(400)
        .send(apiError('invalid_request', `${field}: ${issue?.message ?? 'is not valid'}`));
    }
    if (databaseUnavailable(error)) {
      // A restart or failover: the server reconnects by itself, so the person can simply retry.
      request.log.warn({ err: errorSummary(error) }, 'database unavailable');
      reply.code(503).header('retry-after', '5');
      if (request.url.startsWith('/api/')) {
        return reply.send(
          apiError(
            'database_unavailable',
            'Mosaic cannot reach its database just now. Please try again in a minute.',
          ),
        );
      }
      return sendErrorPage(site, request, reply, 503, 'serverError');
    }
    const status =
      error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: errorSummary(error) }, 'request failed');
    if (request.url.startsWith('/api/')) {
      return reply
        .code(status)
        .send(
          status === 500
            ? apiError('internal_error', 'Something went wrong. Please try again.')
            : apiError(clientCode(error, status), clientMessage(error, status)),
        );
    }
    // A 400 on a page is an address that could not be read: "not found" says what to do.
    const kind =
      status === 429 ? 'tooMany' : status === 404 || status === 400 ? 'notFound' : 'serverError';
    return sendErrorPage(site, request, reply, status, kind);
  });

  // A JSON body in any encoding but UTF-8 is refused before it is parsed: the parser would
  // read it as UTF-8 anyway, so a UTF-16 body could mean something other than what was checked.
  app.addHook('onRequest', (request, _reply, done) => {
    const type = request.headers['content-type'];
    const charset = type === undefined ? undefined : /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type);
    if (charset && !/^utf-?8$/i.test(charset[1] ?? '')) {
      done(
        Object.assign(new Error('Only UTF-8 is accepted'), {
          statusCode: 415,
          code: 'unsupported_media_type',
        }),
      );
      return;
    }
    done();
  });
  bodyDeadline(app, config.timeouts.bodyMs);

  await app.register(securityHeaders);
  // Large responses go uncompressed: they are pages of ciphertext in base64, which barely
  // compresses, and compressing megabytes of it held one request for minutes. This hook runs
  // before the plugin's own (route-level) one and uses the plugin's documented opt-out.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (
      (typeof payload === 'string' || Buffer.isBuffer(payload)) &&
      payload.length > COMPRESS_MAX_BYTES
    )
      request.headers['x-no-compression'] = '1';
    return payload;
  });
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } },
  });

  // One secret per installation, shared by every app server: keys the anonymous rate-limit
  // counters and the decoy answers for usernames that do not exist.
  const secret = await getOrCreateMeta(db, 'installation-secret', () =>
    randomBytes(32).toString('hex'),
  );
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(db, secret, 'not-found'),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('Too many requests'), {
        statusCode: context.statusCode,
        code: 'rate_limited',
      }),
  });
  const sweeper = setInterval(() => {
    deleteExpiredCounters(db).catch((error: unknown) => {
      app.log.warn({ err: errorSummary(error) }, 'could not delete expired rate-limit counters');
    });
    sweepExpiredShares(db).catch((error: unknown) => {
      app.log.warn({ err: errorSummary(error) }, 'could not delete the data of ended shares');
    });
    sweepBookings(db, config.bookings.retentionDays).catch((error: unknown) => {
      app.log.warn({ err: errorSummary(error) }, 'could not delete the bookings of past events');
    });
    deleteExpiredStaffRows(db).catch((error: unknown) => {
      app.log.warn({ err: errorSummary(error) }, 'could not delete ended staff sessions');
    });
  }, 5 * 60_000);
  sweeper.unref();
  app.addHook('onClose', () => clearInterval(sweeper));

  await app.register(fastifyStatic, {
    root: path.join(publicDir, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  for (const [url, file] of generated) {
    app.get(url, (_request, reply) =>
      reply
        .header('content-type', file.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(file.body),
    );
  }
  app.get('/favicon.ico', (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Mosaic vault API',
        version: '1',
        description:
          'Ciphertext only: see docs/vault-protocol.md. Errors are { error: { code, message } }.',
      },
    },
    // Only the API is described; pages are not part of it.
    transform: (input) =>
      input.url.startsWith('/api/')
        ? jsonSchemaTransform(input)
        : { schema: { hide: true }, url: input.url },
  });
  const blobStore = await openBlobStore(config.blobs);
  app.addHook('onClose', () => blobStore.close());
  const log = await openReceiptLog(
    db,
    config.log,
    (what, error) => {
      app.log.warn({ err: errorSummary(error) }, what);
    },
    { backfill: options.receipts ?? true, uploadSha256: (id) => blobSha256(blobStore, id) },
  );
  app.addHook('onClose', () => log.close());
  options.onReceiptLog?.(log);
  await app.register(vaultApi, {
    prefix: '/api',
    db,
    sessions: config.sessions,
    uploads: { ...config.uploads, store: blobStore },
    records: config.records,
    secret,
    log,
    receipts: options.receipts ?? true,
    ...(options.onUploads ? { onUploads: options.onUploads } : {}),
  });

  healthRoutes(app, db);
  logKeyRoutes(app, log);
  const seed = site.localServiceSeed ?? [];
  await seedLocalServices(db, seed);
  const fixed = fixedServices(site.services(), seed);
  pageRoutes(app, site, () => currentServices(db, fixed));
  selfCheckRoutes(app, site);
  // Bookings of long-past events go at start too, not only at the first sweep.
  await sweepBookings(db, config.bookings.retentionDays);
  await newsEventsRoutes(app, {
    site,
    db,
    secret,
    contentDir: config.contentDir,
    retentionDays: config.bookings.retentionDays,
    publicUrl: config.publicUrl,
    ...(options.clock ? { now: options.clock } : {}),
  });
  await staffRoutes(app, {
    site,
    db,
    secret,
    retentionDays: config.bookings.retentionDays,
    setupToken: config.staff.setupToken,
    fixedServiceKeys: new Set(fixed.map((s) => s.key)),
    publicUrl: config.publicUrl,
    ...(options.clock ? { now: options.clock } : {}),
  });
  vaultPageRoutes(app, site);
  await vaultAppRoutes(app, site, publicDir);
  verifyPageRoutes(app, site, log.key.vkey);
  sharePageRoutes(app, site);
  witnessPageRoutes(app, site);

  app.setNotFoundHandler({ preHandler: app.rateLimit(NOT_FOUND_LIMIT) }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send(apiError('not_found', 'There is nothing at this address.'));
    }
    return sendErrorPage(site, request, reply, 404, 'notFound');
  });
}

/**
 * Registered without encapsulation, so its error and not-found handlers, security headers and
 * compression cover every route of the instance, including ones a host application adds.
 */
export const mosaicApp = fp(mosaic, { name: 'mosaic', fastify: '5.x' });

/**
 * A body must arrive within `ms` of the request, so a client trickling one byte at a time cannot
 * hold a connection open. An evidence upload's PATCH is the exception: on a poor connection it
 * may take many minutes, so it only has to keep moving (the idle timeout) and finish within the
 * request timeout.
 */
function bodyDeadline(app: FastifyInstance, ms: number): void {
  const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
  const clear = (request: FastifyRequest): void => {
    clearTimeout(timers.get(request));
    timers.delete(request);
  };
  app.addHook('onRequest', (request, _reply, done) => {
    const streamed = request.method === 'PATCH' && request.routeOptions.url === '/api/uploads/:id';
    if (!streamed) {
      const timer = setTimeout(() => {
        // The body never came: nothing has run yet, so closing the connection changes nothing.
        request.raw.destroy();
      }, ms);
      timer.unref();
      timers.set(request, timer);
    }
    done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    clear(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    clear(request);
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    clear(request);
    done();
  });
}

/** A Fastify instance with Mosaic registered, logging without personal data. */
export async function buildApp(
  options: AppOptions,
  fastifyOptions: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const { trustProxy, timeouts } = options.config;
  const app: FastifyInstance = Fastify({
    trustProxy:
      typeof trustProxy === 'number'
        ? // The last `trustProxy` hops, counted from the connection (proxy-addr's numeric form).
          (_address: string, hop: number) => hop < trustProxy
        : trustProxy === false
          ? false
          : [...trustProxy],
    // Node's own limits: a connection idle this long is closed; headers and whole requests
    // must arrive in time (checked every few seconds, not Node's default 30).
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.min(5_000, Math.ceil(timeouts.headersMs / 4)),
    },
    // An address Fastify cannot even route (a broken %-escape, a path segment over 100
    // characters) gets the site's own answer, not Fastify's, which repeats the address. The
    // reply Fastify makes here still has its default error handler, so Mosaic's is called.
    frameworkErrors: (error, request, reply) => {
      const statusCode = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      app.errorHandler(Object.assign(error, { statusCode }), request, reply);
    },
    logController: new PrivateRequestLog(),
    logger: { level: options.config.logLevel },
    return503OnClosing: true,
    // Start-up reads the content, builds the search index and opens the receipt log. On a busy
    // machine that can take longer than Fastify's default 10 s, which would end the process for
    // nothing; a start that truly hangs is still cut off.
    pluginTimeout: 120_000,
    ...fastifyOptions,
  });
  await app.register(mosaicApp, options);
  return app;
}

/**
 * One line per request with the route pattern, never the address, query string or client IP:
 * an address like /questions?q=my+ex+follows+me is personal data.
 */
class PrivateRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(not found)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) request.log.error({ ...line, err: errorSummary(error) }, 'request failed');
    else request.log.info(line, 'request');
  }
}

export function apiError(
  code: string,
  message: string,
): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function clientCode(error: FastifyError, status: number): ApiErrorCode {
  if (error.code === 'rate_limited') return 'rate_limited';
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return 'invalid_request';
  }
  if (status === 404) return 'not_found';
  if (status === 413) return 'request_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}

function clientMessage(error: FastifyError, status: number): string {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return 'This address is not valid.';
  }
  if (status === 404) return 'There is nothing at this address.';
  if (status === 413) return 'The request is too large.';
  if (status === 415) return 'This type of content is not accepted.';
  if (status === 429) return 'Too many requests. Please wait a minute and try again.';
  return 'The request could not be understood.';
}

/**
 * Whether an error means the database cannot be reached right now (connection refused or cut,
 * the server shutting down or starting up), rather than a fault in Mosaic.
 */
function databaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && DATABASE_UNAVAILABLE_CODES.has(code)) return true;
  // pg-pool's own errors carry no code.
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
    error.message,
  );
}

const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: connection exceptions (08…), shutting down or starting up (57P01–57P03),
  // too many connections (53300).
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Enough to find a bug, without the message text, which can quote personal data. */
function errorSummary(error: unknown): { type: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack.split('\n').slice(1).join('\n') } : {}),
  };
}
