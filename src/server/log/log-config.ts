/**
 * The receipt log's settings, read from the environment with the rest of the configuration:
 *
 * - LOG_SIGNING_KEY: the log's Ed25519 key as Go's note private-key text
 *   (`PRIVATE+KEY+<origin>+<key id>+<base64>`). Unset: a key is made at first start and kept
 *   in the database, with the deployment's other data.
 * - LOG_ORIGIN: the log's name (the checkpoint origin and key name), e.g.
 *   `support.example.org/receipts`. Unset: the key's own name, or for a new key the host of
 *   PUBLIC_URL followed by `/receipts`.
 * - LOG_CHECKPOINT_SECONDS: how often a checkpoint is signed while there are new leaves (5).
 * - TSA_URL and TSA_TRUST_ANCHORS: an RFC 3161 time-stamp authority that countersigns each new
 *   checkpoint, and the file of its CA certificates (PEM or DER). Off unless TSA_URL is set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isValidKeyName } from '../../crypto/signed-note.js';
import { StartupError } from '../startup-error.js';

export interface TsaConfig {
  readonly url: string;
  /** CA certificates (DER) a time-stamp's signer must chain to. */
  readonly trustAnchors: readonly Uint8Array[];
}

export interface LogConfig {
  /** The private-key text from LOG_SIGNING_KEY, if given. Secret: never log it. */
  readonly signingKey: string | undefined;
  /** The origin asked for (LOG_ORIGIN), if any. */
  readonly origin: string | undefined;
  /** The origin for a key made at first start when LOG_ORIGIN is unset. */
  readonly defaultOrigin: string;
  readonly checkpointMs: number;
  readonly tsa: TsaConfig | undefined;
}

const SECONDS = 'LOG_CHECKPOINT_SECONDS must be a whole number of seconds from 1 to 3600';

export const logEnvSchema = z.object({
  LOG_SIGNING_KEY: z.string().optional(),
  LOG_ORIGIN: z
    .string()
    .refine(
      isValidKeyName,
      'LOG_ORIGIN must be a name with no spaces or "+", such as support.example.org/receipts',
    )
    .optional(),
  PUBLIC_URL: z
    .string()
    .refine(
      (v) => /^https?:$/.test(parse(v)?.protocol ?? ''),
      'PUBLIC_URL must be the http:// or https:// address of the site, such as https://support.example.org',
    )
    .optional(),
  LOG_CHECKPOINT_SECONDS: z.coerce
    .number({ error: SECONDS })
    .int(SECONDS)
    .min(1, SECONDS)
    .max(3600, SECONDS)
    .default(5),
  TSA_URL: z
    .string()
    .refine(
      (v) => /^https?:$/.test(parse(v)?.protocol ?? ''),
      'TSA_URL must be the http:// or https:// address of a time-stamp authority',
    )
    .optional(),
  TSA_TRUST_ANCHORS: z.string().min(1).optional(),
});

/** Reads the log's settings (LOG_SIGNING_KEY's contents are checked when the log opens). */
export async function loadLogConfig(env: Record<string, string>): Promise<LogConfig> {
  const parsed = logEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new StartupError(parsed.error.issues[0]?.message ?? 'invalid receipt log settings');
  }
  const e = parsed.data;
  let tsa: TsaConfig | undefined;
  if (e.TSA_URL !== undefined) {
    if (e.TSA_TRUST_ANCHORS === undefined) {
      throw new StartupError(
        'TSA_URL is set, so TSA_TRUST_ANCHORS must name a file of the time-stamp authority’s CA certificates (PEM).',
      );
    }
    tsa = { url: e.TSA_URL, trustAnchors: await readCertificates(e.TSA_TRUST_ANCHORS) };
  } else if (e.TSA_TRUST_ANCHORS !== undefined) {
    throw new StartupError('TSA_TRUST_ANCHORS is set but TSA_URL is not. Set both, or neither.');
  }
  const host = e.PUBLIC_URL === undefined ? undefined : parse(e.PUBLIC_URL)?.host;
  return {
    signingKey: e.LOG_SIGNING_KEY,
    origin: e.LOG_ORIGIN,
    defaultOrigin: `${host ?? 'localhost'}/receipts`,
    checkpointMs: e.LOG_CHECKPOINT_SECONDS * 1000,
    tsa,
  };
}

/** Certificates from a PEM file (one or more) or one DER certificate. */
async function readCertificates(file: string): Promise<Uint8Array[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new StartupError(`Cannot read TSA_TRUST_ANCHORS ${file} (${code}).`);
  }
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN')) return [new Uint8Array(bytes)];
  const blocks = [
    ...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g),
  ];
  if (blocks.length === 0) {
    throw new StartupError(`TSA_TRUST_ANCHORS ${file} holds no PEM certificate.`);
  }
  return blocks.map((m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')));
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
