/** Messages between the checker's page (ui.ts) and its worker (verify-worker.ts). */
import type { VerifyResult } from '../../report/verify.js';

export interface VerifyRequest {
  readonly type: 'verify';
  /** The chosen file: a File is passed by reference, never copied or sent anywhere. */
  readonly file: Blob;
  readonly expectedLogKey?: string;
}

export type VerifyReply =
  | { readonly type: 'done'; readonly result: VerifyResult }
  | { readonly type: 'error'; readonly message: string };
