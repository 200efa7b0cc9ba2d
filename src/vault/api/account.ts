/**
 * The vault client's calls for accounts and sessions: sign-up, sign-in (with the second factor),
 * sessions, passphrase change, recovery, deletion. One layer of VaultApi (../api.ts).
 */
import type { z } from 'zod';
import type {
  CreateAccountBody,
  FailedAttempts,
  SessionResponse as ServerSessionResponse,
  changePassphraseBody,
  recoveryCompleteBody,
  secondFactorSetupResponse,
  sessionSummary,
} from '../../contract/vault-api.js';
import { array, field, integer, none, object, string } from './checks.js';
import { badResponse } from './errors.js';
import { ApiTransport } from './transport.js';

export type ChangePassphraseBody = z.infer<typeof changePassphraseBody>;
export type RecoveryCompleteBody = z.infer<typeof recoveryCompleteBody>;
export type SessionSummary = z.infer<typeof sessionSummary>;
export type SecondFactorSetup = z.infer<typeof secondFactorSetupResponse>;

/** The signed-in account, as GET /api/account describes it. */
export interface AccountSummary {
  readonly username: string;
  readonly secondFactor: boolean;
  readonly backupCodesLeft: number;
}

/** What proves the second factor at sign-in: a code from the app, or one backup code. */
export type SecondFactorProof = { readonly totp: string } | { readonly backupCode: string };

/** After sign-in, sign-up or recovery; `failedAttempts` only when the server told of any. */
export type SessionResponse = Omit<ServerSessionResponse, 'failedAttempts'> & {
  readonly failedAttempts?: FailedAttempts;
};

export class AccountCalls extends ApiTransport {
  async createAccount(body: CreateAccountBody): Promise<SessionResponse> {
    return this.request('POST', '/api/accounts', { body, csrf: false, parse: parseSession });
  }

  async loginChallenge(username: string): Promise<{ kdf: unknown }> {
    return this.request('POST', '/api/sessions/challenge', {
      body: { username },
      csrf: false,
      parse: (json) => ({ kdf: field(object(json), 'kdf') }),
    });
  }

  /**
   * Signs in. An account with a second factor answers 401 `second_factor_required` without
   * `second`, and 401 `second_factor_failed` for a wrong or used code.
   */
  async signIn(
    username: string,
    authKey: string,
    second?: SecondFactorProof,
  ): Promise<SessionResponse> {
    return this.request('POST', '/api/sessions', {
      body: { username, authKey, ...second },
      csrf: false,
      parse: parseSession,
    });
  }

  async listSessions(): Promise<SessionSummary[]> {
    return this.request('GET', '/api/sessions', {
      parse: (json) => array(field(object(json), 'sessions')).map(parseSessionSummary),
    });
  }

  async endSession(id: string): Promise<void> {
    await this.request('DELETE', `/api/sessions/${encodeURIComponent(id)}`, { parse: none });
  }

  /** Ends every session of this account except this one. */
  async endOtherSessions(): Promise<void> {
    await this.request('DELETE', '/api/sessions?others=true', { parse: none });
  }

  async changePassphrase(body: ChangePassphraseBody): Promise<void> {
    await this.request('PUT', '/api/account/passphrase', { body, parse: none });
  }

  async deleteAccount(authKey: string): Promise<void> {
    await this.request('DELETE', '/api/account', { body: { authKey }, parse: none });
  }

  async getAccount(): Promise<AccountSummary> {
    return this.request('GET', '/api/account', {
      parse: (json) => {
        const o = object(json);
        if (typeof o.secondFactor !== 'boolean') throw badResponse('secondFactor');
        return {
          username: string(o, 'username'),
          secondFactor: o.secondFactor,
          backupCodesLeft: integer(o, 'backupCodesLeft'),
        };
      },
    });
  }

  /**
   * Second factor, step 1: a new secret for an authenticator app (not on until step 2), its
   * link naming it `label` in the app.
   */
  async startSecondFactor(label: string): Promise<SecondFactorSetup> {
    return this.request('POST', '/api/account/second-factor', {
      body: { label },
      parse: (json) => {
        const o = object(json);
        return { secret: string(o, 'secret'), uri: string(o, 'uri') };
      },
    });
  }

  /** Second factor, step 2: the app's first code turns it on; the backup codes come back once. */
  async enableSecondFactor(code: string): Promise<string[]> {
    return this.request('PUT', '/api/account/second-factor', {
      body: { code },
      parse: (json) =>
        array(field(object(json), 'backupCodes')).map((c) => {
          if (typeof c !== 'string') throw badResponse('backupCodes');
          return c;
        }),
    });
  }

  /** Turns the second factor off, proven by the passphrase's auth key. */
  async disableSecondFactor(authKey: string): Promise<void> {
    await this.request('DELETE', '/api/account/second-factor', {
      body: { authKey },
      parse: none,
    });
  }

  async recoveryChallenge(
    username: string,
    recoveryAuthKey: string,
  ): Promise<{ wrappedAccountKey: string; recoveryToken: string }> {
    return this.request('POST', '/api/recovery/challenge', {
      body: { username, recoveryAuthKey },
      csrf: false,
      parse: (json) => {
        const o = object(json);
        return {
          wrappedAccountKey: string(o, 'wrappedAccountKey'),
          recoveryToken: string(o, 'recoveryToken'),
        };
      },
    });
  }

  async recoveryComplete(body: RecoveryCompleteBody): Promise<SessionResponse> {
    return this.request('POST', '/api/recovery/complete', {
      body,
      csrf: false,
      parse: parseSession,
    });
  }
}

function parseSession(json: unknown): SessionResponse {
  const o = object(json);
  const failed = o.failedAttempts === undefined ? undefined : parseFailedAttempts(o.failedAttempts);
  return {
    username: string(o, 'username'),
    wrappedAccountKey: string(o, 'wrappedAccountKey'),
    csrfToken: string(o, 'csrfToken'),
    idleTimeoutSeconds: integer(o, 'idleTimeoutSeconds'),
    ...(failed === undefined ? {} : { failedAttempts: failed }),
  };
}

function parseFailedAttempts(json: unknown): FailedAttempts {
  const o = object(json);
  const count = (name: string): number => {
    const n = integer(o, name);
    if (n < 0) throw badResponse(name);
    return n;
  };
  const lastAt = o.lastAt;
  if (lastAt !== null && typeof lastAt !== 'string') throw badResponse('lastAt');
  return {
    passphrase: count('passphrase'),
    code: count('code'),
    recovery: count('recovery'),
    lastAt,
  };
}

function parseSessionSummary(json: unknown): SessionSummary {
  const o = object(json);
  if (typeof o.current !== 'boolean') throw badResponse('current');
  return {
    id: string(o, 'id'),
    device: string(o, 'device'),
    createdAt: string(o, 'createdAt'),
    lastSeenAt: string(o, 'lastSeenAt'),
    current: o.current,
  };
}
