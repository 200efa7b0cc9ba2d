/**
 * Configuration, read and validated once at boot. Everything the server needs from its
 * environment and the organisation profile ends up in one typed, frozen object; nothing else
 * reads process.env.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { organisationProfileSchema, type OrganisationProfile } from '../domain/organisation.js';
import { loadLogConfig, type LogConfig } from './log/log-config.js';
import { parseTrustProxy, type TrustProxy } from './net/client-address.js';
import { PROJECT_ROOT } from './paths.js';
import { StartupError } from './startup-error.js';

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Set: PostgreSQL. Unset: embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /**
   * Which reverse proxies' X-Forwarded-* to believe (needed for HSTS and rate limits behind
   * TLS): none, the last N hops, or proxies at these addresses.
   */
  readonly trustProxy: TrustProxy;
  readonly profilePath: string;
  readonly profile: OrganisationProfile;
  /** The organisation's pages: content/<locale>/*.md. */
  readonly contentDir: string;
  /** Vault sessions end after this long without use, and after maxSeconds in any case. */
  readonly sessions: { readonly idleSeconds: number; readonly maxSeconds: number };
  /** Where the encrypted evidence is kept. */
  readonly blobs: BlobStoreConfig;
  /** Encrypted evidence: how large a file and how much an account may keep. */
  readonly uploads: {
    readonly maxFileBytes: number;
    readonly accountQuotaBytes: number;
    readonly abandonAfterSeconds: number;
  };
  /** How long a client may take, so a slow or stalled one cannot hold a connection open. */
  readonly timeouts: Timeouts;
  /** Encrypted records: how many bytes one account's records may take, every revision counted. */
  readonly records: { readonly quotaBytes: number };
  /** The receipt log: its key, name, checkpoint cadence and time-stamp authority. */
  readonly log: LogConfig;
  /** Event bookings (personal data) are deleted this many days after their event ends. */
  readonly bookings: { readonly retentionDays: number };
  /** The staff area: a setup token for the first administrator (STAFF_SETUP_TOKEN), if set. */
  readonly staff: { readonly setupToken: string | undefined };
  /**
   * PUBLIC_URL: the site's public address (https://…, no path), used for the absolute addresses
   * in feeds, calendars and staff invitation links; the request's Host header when unset.
   */
  readonly publicUrl?: string | undefined;
}

export interface Timeouts {
  /** From connecting to the last header line. */
  readonly headersMs: number;
  /** With nothing sent or received on the connection. */
  readonly idleMs: number;
  /** For a whole request body, except an evidence upload's (which only has to keep moving). */
  readonly bodyMs: number;
  /** For any request at all, uploads included: the last backstop. */
  readonly requestMs: number;
}

/**
 * Generous for a phone on a poor connection: a 1 MiB record at 20 KB/s takes under a minute;
 * a 10 MiB evidence request at 8 KB/s takes about 22 minutes.
 */
export const DEFAULT_TIMEOUTS: Timeouts = Object.freeze({
  headersMs: 20_000,
  idleMs: 60_000,
  bodyMs: 90_000,
  requestMs: 30 * 60_000,
});

/**
 * Evidence blobs on this machine's disk (DATA_DIR/blobs), or in an S3-compatible bucket, which
 * app servers behind a load balancer can share.
 */
export type BlobStoreConfig =
  | { readonly kind: 'fs'; readonly directory: string }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      /** '' or ends with '/': keys are `${prefix}${uploadId}` (and .info, .part beside it). */
      readonly prefix: string;
      /** Unset: AWS itself, found from the region. */
      readonly endpoint: string | undefined;
      readonly region: string;
      readonly forcePathStyle: boolean;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
    };

const S3_VARIABLES = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
] as const;

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'PORT must be a whole number from 0 to 65535' })
    .int('PORT must be a whole number from 0 to 65535')
    .min(0, 'PORT must be a whole number from 0 to 65535')
    .max(65535, 'PORT must be a whole number from 0 to 65535')
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .refine(canParseUrl, 'DATABASE_URL is not a valid address')
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, silent',
    })
    .default('info'),
  TRUST_PROXY: z.string().default('false'),
  ORGANISATION_PROFILE: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'config', 'example.organisation.json')),
  CONTENT_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'content')),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440' })
    .int('SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440')
    .min(1, 'SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440')
    .max(1440, 'SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440')
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number({ error: 'SESSION_MAX_HOURS must be a whole number of hours from 1 to 720' })
    .int('SESSION_MAX_HOURS must be a whole number of hours from 1 to 720')
    .min(1, 'SESSION_MAX_HOURS must be a whole number of hours from 1 to 720')
    .max(720, 'SESSION_MAX_HOURS must be a whole number of hours from 1 to 720')
    .default(12),
  UPLOAD_MAX_FILE_MB: megabytes('UPLOAD_MAX_FILE_MB', 1024),
  ACCOUNT_QUOTA_MB: megabytes('ACCOUNT_QUOTA_MB', 2048),
  RECORD_QUOTA_MB: megabytes('RECORD_QUOTA_MB', 256),
  BLOB_STORE: z.string().default('fs'),
  S3_ENDPOINT: z
    .string()
    .refine(
      (value) => /^https?:$/.test(parseUrl(value)?.protocol ?? ''),
      'S3_ENDPOINT must be an http:// or https:// address, such as https://s3.example.net',
    )
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'S3_REGION must be a region name, such as eu-west-2')
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'], { error: 'S3_FORCE_PATH_STYLE must be true or false' })
    .default('true'),
  BOOKING_RETENTION_DAYS: z.coerce
    .number({ error: 'BOOKING_RETENTION_DAYS must be a whole number of days from 1 to 3650' })
    .int('BOOKING_RETENTION_DAYS must be a whole number of days from 1 to 3650')
    .min(1, 'BOOKING_RETENTION_DAYS must be a whole number of days from 1 to 3650')
    .max(3650, 'BOOKING_RETENTION_DAYS must be a whole number of days from 1 to 3650')
    .default(30),
  STAFF_SETUP_TOKEN: z
    .string()
    .min(20, 'STAFF_SETUP_TOKEN must be at least 20 characters long')
    .max(200, 'STAFF_SETUP_TOKEN must be at most 200 characters long')
    .optional(),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'PUBLIC_URL must be the site’s address, like https://support.example.org',
    })
    .refine((u) => new URL(u).pathname === '/' && !u.includes('?') && !u.includes('#'), {
      error: 'PUBLIC_URL must be the site’s address alone, like https://support.example.org',
    })
    .transform((u) => new URL(u).origin)
    .optional(),
});

function megabytes(name: string, fallback: number) {
  const message = `${name} must be a whole number of megabytes from 1 to 1048576`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(1, message)
    .max(1024 * 1024, message)
    .default(fallback);
}

/** Reads and checks the environment and the profile; throws StartupError with a clear line. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const set = emptyAsUnset(env);
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(issue?.message ?? 'invalid environment');
  }
  const e = parsed.data;
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === 'object' && 'error' in trustProxy) {
    throw new StartupError(trustProxy.error);
  }
  const blobs = blobStoreConfig(e, path.join(path.resolve(e.DATA_DIR), 'blobs'), set);
  const profilePath = path.resolve(e.ORGANISATION_PROFILE);
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    trustProxy,
    profilePath,
    profile: await loadProfile(profilePath),
    contentDir: path.resolve(e.CONTENT_DIR),
    sessions: { idleSeconds: e.SESSION_IDLE_MINUTES * 60, maxSeconds: e.SESSION_MAX_HOURS * 3600 },
    blobs,
    uploads: {
      maxFileBytes: e.UPLOAD_MAX_FILE_MB * 1024 * 1024,
      accountQuotaBytes: e.ACCOUNT_QUOTA_MB * 1024 * 1024,
      abandonAfterSeconds: 24 * 3600,
    },
    timeouts: DEFAULT_TIMEOUTS,
    records: { quotaBytes: e.RECORD_QUOTA_MB * 1024 * 1024 },
    log: await loadLogConfig(set),
    bookings: { retentionDays: e.BOOKING_RETENTION_DAYS },
    staff: { setupToken: e.STAFF_SETUP_TOKEN },
    publicUrl: e.PUBLIC_URL,
  });
}

/**
 * BLOB_STORE and the S3_ settings, checked together. Messages never repeat a value: BLOB_STORE
 * or S3_ENDPOINT may carry a key pasted in by mistake.
 */
function blobStoreConfig(
  e: z.infer<typeof envSchema>,
  directory: string,
  set: Record<string, string>,
): BlobStoreConfig {
  if (e.BLOB_STORE === 'fs') {
    const stray = S3_VARIABLES.filter((name) => name in set);
    if (stray.length > 0) {
      // Evidence meant for a bucket must not land quietly on one app server's disk.
      throw new StartupError(
        `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but BLOB_STORE is fs. ` +
          'Set BLOB_STORE=s3://bucket to keep evidence in S3, or unset the S3_ variables.',
      );
    }
    return { kind: 'fs', directory };
  }
  const location = parseS3Location(e.BLOB_STORE);
  if (!location) {
    throw new StartupError(
      'BLOB_STORE must be fs, s3://bucket or s3://bucket/prefix ' +
        '(a bucket name is 3 to 63 of a–z, 0–9, dot and hyphen).',
    );
  }
  if (e.S3_ACCESS_KEY_ID === undefined || e.S3_SECRET_ACCESS_KEY === undefined) {
    throw new StartupError(
      'BLOB_STORE names an S3 bucket, so S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must both be set.',
    );
  }
  return {
    kind: 's3',
    ...location,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
  };
}

/** `s3://bucket` or `s3://bucket/some/prefix`, by S3's bucket naming rules and safe key characters. */
export function parseS3Location(value: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(value);
  if (!match) return undefined;
  const bucket = match[1] ?? '';
  const prefix = (match[2] ?? '').replace(/\/$/, '');
  const bucketOk =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) &&
    !bucket.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(bucket);
  const prefixOk =
    prefix === '' ||
    (prefix.length <= 512 &&
      prefix
        .split('/')
        .every((segment) => /^[A-Za-z0-9!_.*'()-]+$/.test(segment) && !/^\.{1,2}$/.test(segment)));
  if (!bucketOk || !prefixOk) return undefined;
  return { bucket, prefix: prefix === '' ? '' : `${prefix}/` };
}

export async function loadProfile(file: string): Promise<OrganisationProfile> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new StartupError(
      `Cannot read the organisation profile ${file} (${code}). ` +
        'Set ORGANISATION_PROFILE to a readable JSON file; config/example.organisation.json shows the format.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new StartupError(
      `The organisation profile ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const result = organisationProfileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new StartupError(
      `The organisation profile ${file} is invalid at "${where}": ${issue?.message ?? 'unknown problem'}. ` +
        'See config/organisation.schema.json.',
    );
  }
  return result.data;
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== ''),
  );
}

function canParseUrl(value: string): boolean {
  return parseUrl(value) !== undefined;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
