/**
 * The sign-in challenge asked for ahead (issue 20): the unlock screen asks for the username's
 * KDF parameters while the passphrase is being typed, so pressing "Open my diary" starts
 * Argon2id at once instead of after a round trip (562 ms on a slow 4G connection).
 *
 * Nothing about the login flow changes for the server or for whoever watches it: this is the
 * same request (POST /api/sessions/challenge) with the same body, only sent sooner, and the
 * server answers it the same way for every username (an account's parameters, or a decoy
 * derived from the name: docs/vault-protocol.md §5). One request per username typed; an answer
 * is used once, for the sign-in that follows, and a failed one is simply asked for again.
 */
import type { VaultApi } from './api.js';

export class ChallengeAhead {
  private asked:
    { readonly username: string; readonly answer: Promise<{ kdf: unknown }> } | undefined;

  constructor(private readonly api: VaultApi) {}

  /** Asks now for `username` (a valid username), unless it is the one already asked for. */
  ask(username: string): void {
    if (this.asked?.username === username) return;
    const answer = this.api.loginChallenge(username);
    // A failure is not reported here: take() asks again, and the sign-in reports that one.
    answer.catch(() => undefined);
    this.asked = { username, answer };
  }

  /** The challenge for `username`: the one asked ahead if it is for that name, else asked now. */
  async take(username: string): Promise<{ kdf: unknown }> {
    const asked = this.asked;
    this.asked = undefined;
    if (asked?.username === username) {
      try {
        return await asked.answer;
      } catch {
        // Asked again below, so that a passing network failure does not fail the sign-in.
      }
    }
    return this.api.loginChallenge(username);
  }
}
