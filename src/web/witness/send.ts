/**
 * The heavy half of the /witness page, loaded once the link's shape is right: proves the link,
 * checks the person's public key against the fingerprint in the link, and seals and sends the
 * statement (src/vault/witnesses.ts). Everything stays in memory.
 */
import { CryptoError } from '../../crypto/errors.js';
import type { WitnessStatement } from '../../domain/witness.js';
import { ApiError, VaultApi } from '../../vault/api.js';
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
      default:
        return 'failed';
    }
  }
  return 'failed';
}

export interface Link {
  readonly invitationId: string;
  send(statement: Omit<WitnessStatement, 'invitationId' | 'v'>): Promise<void>;
}

/** Checks the link and the person's key; the result sends one statement at a time. */
export async function openLink(hash: string): Promise<Link> {
  const api = new VaultApi();
  const open: OpenLink = await openWitnessLink(api, hash);
  return {
    invitationId: open.link.invitationId,
    async send(statement) {
      await sendWitnessStatement(api, open, {
        v: 1,
        invitationId: open.link.invitationId,
        ...statement,
      });
    },
  };
}
