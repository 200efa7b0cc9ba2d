/**
 * The tus protocol's edges for the upload routes: the Tus-Resumable header and the OPTIONS
 * answer, the refusals thrown inside tus's hooks, and tus's refusals turned into the API's
 * `{ "error": { "code", "message" } }` shape with stable codes. Split from upload-routes.ts
 * (which authorises requests and keeps the uploads) so the two witness and account upload
 * routes share one reading of the protocol.
 */
import { ERRORS, Server } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorCode } from '../../contract/vault-api.js';

export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';
/** The answer for an upload that does not exist, and for one that is someone else's. */
export const NO_SUCH_UPLOAD = 'There is no such upload.';
/** A refusal thrown inside tus's hooks: tus answers with its status_code and body. */
export class TusRefusal extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body.trim());
  }
}
/** tus's body for a creation refused in onUploadCreate because of the quota. */
export const QUOTA_EXCEEDED = 'quota exceeded\n';
/** tus's body for a witness's creation past the invitation's own limits. */
export const WITNESS_FILES_FULL = 'witness files full\n';
export const tusNotFound = () => new TusRefusal(404, ERRORS.FILE_NOT_FOUND.body);
/** tus asks for Tus-Resumable on every answer but OPTIONS, refusals made here included. */
export function tusResumableHeader(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload: unknown) => void,
): void {
  if (request.method !== 'OPTIONS' && request.method !== 'GET') {
    reply.header('tus-resumable', '1.0.0');
  }
  done(null, payload);
}

/** The answer to a tus OPTIONS request (no account needed: it says what the server offers). */
export function tusOptions(reply: FastifyReply): FastifyReply {
  return reply
    .code(204)
    .header('tus-resumable', '1.0.0')
    .header('tus-version', '1.0.0')
    .header('tus-extension', 'creation,termination')
    .send();
}

/**
 * tus, answering its refusals in the API's shape: `{ "error": { "code", "message" } }` with a
 * stable code, the status kept where tus clients act on it (409, 412, 413, 404), and its protocol
 * headers (Tus-Resumable) kept. Every refusal tus makes passes through `write`; successes do not.
 */
export class JsonErrorTus extends Server {
  override async write(
    ...[context, headers, status, body = '']: Parameters<Server['write']>
  ): ReturnType<Server['write']> {
    if (status < 400) return super.write(context, headers, status, body);
    const refusal = tusRefusal(status, body);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    if (refusal.status === 412) headers.set('Tus-Version', '1.0.0');
    const json = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
    return super.write(context, headers, refusal.status, json);
  }
}

/** The API's status, code and message for one of tus's refusals (its status and text body). */
export function tusRefusal(
  status: number,
  body: string,
): { status: number; code: ApiErrorCode | 'witness_files_full'; message: string } {
  const is = (error: { body: string }) => body === error.body;
  if (status === 404 || status === 410) {
    return { status: 404, code: 'not_found', message: NO_SUCH_UPLOAD };
  }
  if (status === 409 || is(ERRORS.INVALID_OFFSET)) {
    return {
      status: 409,
      code: 'upload_offset_conflict',
      message: 'Upload-Offset is not where this upload has got to: ask with HEAD, then carry on.',
    };
  }
  // tus names the headers it could not accept ("Invalid upload-offset"): names, never values.
  const invalid = /^Invalid ([a-z0-9 -]+)\n?$/i.exec(body)?.[1];
  // An unsupported version is a 412 in the protocol (tus itself answers 400 "Invalid").
  if (status === 412 || invalid?.toLowerCase().split(' ').includes('tus-resumable')) {
    return {
      status: 412,
      code: 'tus_resumable_required',
      message: 'Send Tus-Resumable: 1.0.0 with every upload request.',
    };
  }
  if (status === 413 && body === WITNESS_FILES_FULL) {
    return {
      status: 413,
      code: 'witness_files_full',
      message: 'This link cannot take any more files.',
    };
  }
  if (status === 413 && body === QUOTA_EXCEEDED) {
    return {
      status: 413,
      code: 'quota_exceeded',
      message: 'This would take your evidence past what your account can hold.',
    };
  }
  if (is(ERRORS.ERR_MAX_SIZE_EXCEEDED)) {
    return { status: 413, code: 'file_too_large', message: 'This file is too large.' };
  }
  if (status === 413) {
    return {
      status: 413,
      code: 'upload_length_exceeded',
      message: 'This is more bytes than the Upload-Length given when the upload was made.',
    };
  }
  if (status === 501) {
    return { status: 400, code: 'invalid_request', message: 'This tus extension is not offered.' };
  }
  if (status >= 500) {
    return {
      status: 500,
      code: 'internal_error',
      message: 'Something went wrong. Please try again.',
    };
  }
  const messages: [{ body: string }, string][] = [
    [ERRORS.MISSING_OFFSET, 'Upload-Offset is required.'],
    [ERRORS.INVALID_CONTENT_TYPE, `Content-Type: ${TUS_CONTENT_TYPE} is required.`],
    [ERRORS.INVALID_LENGTH, 'Upload-Length is required.'],
    [ERRORS.ABORTED, 'A newer request for this upload took over from this one.'],
  ];
  const known = messages.find(([error]) => is(error))?.[1];
  return {
    status: 400,
    code: 'invalid_request',
    message:
      known ?? (invalid ? `Not valid: ${invalid}.` : 'The upload request could not be understood.'),
  };
}
