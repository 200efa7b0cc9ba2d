/**
 * The vault client's calls for the account key pair and witness statements
 * (docs/vault-protocol.md §15): the person's invitations and sealed statements, and the
 * witness's own two calls, proven by the link's auth key. One layer of VaultApi (../api.ts).
 */
import type {
  CreateInvitationBody,
  InvitationSummary,
  KeyPairBody,
  SealedStatement,
  StatementSummary,
  WitnessOpen,
} from '../../contract/witnesses.js';
import { array, field, integer, none, object, string } from './checks.js';
import { badResponse } from './errors.js';
import { parseReceipt, type ReceiptAnswer } from './receipts.js';
import { ShareCalls } from './shares.js';

export class WitnessCalls extends ShareCalls {
  /** The account's public key and wrapped secret key; null before they are made. */
  async getKeyPair(): Promise<KeyPairBody | null> {
    return this.request('GET', '/api/account/key-pair', {
      parse: (json) => {
        const o = object(json);
        if (o.publicKey === null && o.wrappedSecretKey === null) return null;
        return {
          publicKey: string(o, 'publicKey'),
          wrappedSecretKey: string(o, 'wrappedSecretKey'),
        };
      },
    });
  }

  /** Stores the account's key pair (once; `key_pair_exists` after that). */
  async putKeyPair(body: KeyPairBody): Promise<void> {
    await this.request('PUT', '/api/account/key-pair', { body, parse: none });
  }

  async createWitnessInvitation(body: CreateInvitationBody): Promise<InvitationSummary> {
    return this.request('POST', '/api/witness/invitations', { body, parse: parseInvitation });
  }

  async listWitnessInvitations(): Promise<InvitationSummary[]> {
    return this.request('GET', '/api/witness/invitations', {
      parse: (json) => array(field(object(json), 'invitations')).map(parseInvitation),
    });
  }

  async revokeWitnessInvitation(id: string): Promise<void> {
    await this.request('DELETE', `/api/witness/invitations/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  async blockWitnessInvitation(id: string): Promise<void> {
    await this.request('POST', `/api/witness/invitations/${encodeURIComponent(id)}/block`, {
      parse: none,
    });
  }

  async listWitnessStatements(): Promise<StatementSummary[]> {
    return this.request('GET', '/api/witness/statements', {
      parse: (json) => array(field(object(json), 'statements')).map(parseStatementSummary),
    });
  }

  async getWitnessStatement(id: string): Promise<SealedStatement> {
    return this.request('GET', `/api/witness/statements/${encodeURIComponent(id)}`, {
      parse: (json) => ({
        ...parseStatementSummary(json),
        ciphertext: string(object(json), 'ciphertext'),
      }),
    });
  }

  async deleteWitnessStatement(id: string): Promise<void> {
    await this.request('DELETE', `/api/witness/statements/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  /** A sealed statement's receipt; pending as getRevisionReceipt. */
  async getWitnessStatementReceipt(id: string): Promise<ReceiptAnswer> {
    return this.request('GET', `/api/witness/statements/${encodeURIComponent(id)}/receipt`, {
      parse: parseReceipt,
    });
  }

  /** Witness: proves the link; the person's public key (to be checked against the link). */
  async openWitnessInvitation(id: string, authKey: string): Promise<WitnessOpen> {
    return this.request('POST', `/api/witness/invitations/${encodeURIComponent(id)}/open`, {
      body: { authKey },
      csrf: false,
      parse: (json) => {
        const o = object(json);
        return {
          publicKey: string(o, 'publicKey'),
          expiresAt: string(o, 'expiresAt'),
          remaining: integer(o, 'remaining'),
        };
      },
    });
  }

  /** Witness: sends a sealed statement; the time the server received it. */
  async sendWitnessStatement(
    id: string,
    authKey: string,
    ciphertext: string,
    uploads: readonly string[] = [],
  ): Promise<string> {
    return this.request('POST', `/api/witness/invitations/${encodeURIComponent(id)}/statements`, {
      body: { authKey, ciphertext, ...(uploads.length > 0 ? { uploads: [...uploads] } : {}) },
      csrf: false,
      parse: (json) => string(object(json), 'receivedAt'),
    });
  }
}

function parseInvitation(json: unknown): InvitationSummary {
  const o = object(json);
  const state = string(o, 'state');
  if (!['active', 'full', 'expired', 'revoked', 'blocked'].includes(state))
    throw badResponse('state');
  const note = field(o, 'note');
  if (note !== null && typeof note !== 'string') throw badResponse('note');
  const revokedAt = field(o, 'revokedAt');
  if (revokedAt !== null && typeof revokedAt !== 'string') throw badResponse('revokedAt');
  return {
    id: string(o, 'id'),
    state: state as InvitationSummary['state'],
    note,
    maxStatements: integer(o, 'maxStatements'),
    statements: integer(o, 'statements'),
    createdAt: string(o, 'createdAt'),
    expiresAt: string(o, 'expiresAt'),
    revokedAt,
  };
}

function parseStatementSummary(json: unknown): StatementSummary {
  const o = object(json);
  return {
    id: string(o, 'id'),
    invitationId: string(o, 'invitationId'),
    size: integer(o, 'size'),
    receivedAt: string(o, 'receivedAt'),
  };
}
