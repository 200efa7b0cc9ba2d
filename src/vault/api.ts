/**
 * The vault's HTTP client: one class, VaultApi, for every call the vault makes to the server.
 * Its calls are written one area to a file under ./api/ (transport, account, records, receipts,
 * shares, witnesses, quick records), each a layer the next extends, so VaultApi here is the
 * last layer and this file is the client's one face: callers import from here, never from ./api/.
 *
 * Request bodies hold nothing readable: base64url ciphertext, wrapped keys, derived auth keys,
 * KDF parameters, usernames. Types come from the shared contract (src/contract/) as types only,
 * so zod stays out of the browser bundle; responses are checked by hand (./api/checks.ts)
 * before anything trusts them.
 */
import { QuickRecordCalls } from './api/quick-records.js';

export type {
  CreateAccountBody,
  FailedAttempts,
  KdfParamsBody,
  RecordResponse,
} from '../contract/vault-api.js';
export type {
  CreateShareBody,
  ShareContent,
  ShareMode,
  SharedRecord,
  ShareSummary,
  UpdateShareBody,
} from '../contract/shares.js';
export type {
  QuickRecordSummary,
  SealedQuickRecord,
  SendQuickRecordBody,
} from '../contract/quick-records.js';
export type {
  CreateInvitationBody,
  InvitationSummary,
  KeyPairBody,
  SealedStatement,
  StatementSummary,
  WitnessOpen,
} from '../contract/witnesses.js';

export { ApiError, isApiError, readApiError } from './api/errors.js';
export { CSRF_HEADER, type VaultApiOptions } from './api/transport.js';
export type {
  AccountSummary,
  ChangePassphraseBody,
  RecoveryCompleteBody,
  SecondFactorProof,
  SecondFactorSetup,
  SessionResponse,
  SessionSummary,
} from './api/account.js';
export type {
  CreateRecordBody,
  RecordPage,
  UpdateRecordBody,
  WrittenRecord,
} from './api/records.js';
export type { LogKey, ReceiptAnswer } from './api/receipts.js';
export type { ShareSession } from './api/shares.js';

/** The vault's one API client: every area's calls, on one object holding the CSRF token. */
export class VaultApi extends QuickRecordCalls {}
