/**
 * The heavy half of the /witness page, loaded once the link's shape is right: proves the link,
 * checks the person's public key against the fingerprint in the link, and seals and sends the
 * statement (src/vault/witnesses.ts). Everything stays in memory.
 */
import { CryptoError } from '../../crypto/errors.js';
import type { WitnessStatement } from '../../domain/witness.js';
import { ApiError, VaultApi } from '../../vault/api.js';
import type { WitnessFile } from '../../domain/witness.js';
import { sendWitnessFile } from '../../vault/witness-files.js';
import { openWitnessLink, sendWitnessStatement, type OpenLink } from '../../vault/witnesses.js';

export type WitnessProblem =
  | 'linkBroken'
  | 'expired'
  | 'closed'
  | 'full'
  | 'notFound'
  | 'notTrusted'
  | 'rateLimited'
  | 'tooMuch'
  | 'filesTooMuch'
  | 'failed';

export function problemOf(error: unknown): WitnessProblem {
  if (error instanceof CryptoError) {
    return error.code === 'witness_link_invalid' ? 'linkBroken' : 'notTrusted';
  }
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'witness_proof_wrong':
        return 'linkBroken';
      case 'witness_invitation_expired':
        return 'expired';
      case 'witness_invitation_closed':
        return 'closed';
      case 'witness_invitation_full':
        return 'full';
      case 'witness_invitation_not_found':
        return 'notFound';
      case 'rate_limited':
        return 'rateLimited';
      case 'witness_statement_too_large':
      case 'record_quota_exceeded':
        return 'tooMuch';
      case 'file_too_large':
      case 'quota_exceeded':
      case 'witness_files_full':
        return 'filesTooMuch';
      default:
        return 'failed';
    }
  }
  return 'failed';
}

export interface Link {
  readonly invitationId: string;
  /**
   * Sends the files first (each encrypted on this device), then the statement that names them.
   * `onFile` tells which file is being sent and how far it has got.
   */
  send(
    statement: Omit<WitnessStatement, 'invitationId' | 'v' | 'files'>,
    files: readonly File[],
    onFile: (index: number, done: number, total: number) => void,
  ): Promise<void>;
}

/** Checks the link and the person's key; the result sends one statement at a time. */
export async function openLink(hash: string): Promise<Link> {
  const api = new VaultApi();
  const open: OpenLink = await openWitnessLink(api, hash);
  return {
    invitationId: open.link.invitationId,
    async send(statement, files, onFile) {
      const sent: WitnessFile[] = [];
      for (const [index, file] of files.entries()) {
        sent.push(await sendWitnessFile(open, file, (done, total) => onFile(index, done, total)));
      }
      await sendWitnessStatement(api, open, {
        v: 1,
        invitationId: open.link.invitationId,
        ...statement,
        ...(sent.length > 0 ? { files: sent } : {}),
      });
    },
  };
}
