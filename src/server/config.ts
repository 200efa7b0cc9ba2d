/**
 * Configuration, read and validated once at boot. Everything the server needs from its
 * environment and the organisation profile ends up in one typed, frozen object; nothing else
 * reads process.env.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { organisationProfileSchema, type OrganisationProfile } from '../domain/organisation.js';
import { PROJECT_ROOT } from './paths.js';
import { StartupError } from './startup-error.js';

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Set: PostgreSQL. Unset: embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Honour X-Forwarded-* from a reverse proxy (needed for HSTS and rate limits behind TLS). */
  readonly trustProxy: boolean;
  readonly profilePath: string;
  readonly profile: OrganisationProfile;
  /** The organisation's pages: content/<locale>/*.md. */
  readonly contentDir: string;
  /** Vault sessions end after this long without use, and after maxSeconds in any case. */
  readonly sessions: { readonly idleSeconds: number; readonly maxSeconds: number };
  /** Encrypted evidence: where blobs live and how much an account may keep. */
  readonly uploads: {
    readonly directory: string;
    readonly maxFileBytes: number;
    readonly accountQuotaBytes: number;
    readonly abandonAfterSeconds: number;
  };
}

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
  TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'TRUST_PROXY must be true or false' })
    .default('false'),
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
  const parsed = envSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(issue?.message ?? 'invalid environment');
  }
  const e = parsed.data;
  const profilePath = path.resolve(e.ORGANISATION_PROFILE);
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'true',
    profilePath,
    profile: await loadProfile(profilePath),
    contentDir: path.resolve(e.CONTENT_DIR),
    sessions: { idleSeconds: e.SESSION_IDLE_MINUTES * 60, maxSeconds: e.SESSION_MAX_HOURS * 3600 },
    uploads: {
      directory: path.join(path.resolve(e.DATA_DIR), 'blobs'),
      maxFileBytes: e.UPLOAD_MAX_FILE_MB * 1024 * 1024,
      accountQuotaBytes: e.ACCOUNT_QUOTA_MB * 1024 * 1024,
      abandonAfterSeconds: 24 * 3600,
    },
  });
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
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
