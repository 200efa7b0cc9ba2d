/**
 * Signs up through the API exactly as the browser app does, with the real key derivation, so a
 * benchmark can then unlock in Chromium with the passphrase.
 */
import {
  deriveKeys,
  deriveRecoveryAuthKey,
  generateKey,
  generateRecoveryKey,
  KEY_CONTEXTS,
  kdfParamsToJson,
  newKdfParams,
  toBase64Url,
  wrapAccountKeyWithRecoveryKey,
  wrapKey,
} from '../src/crypto/index.js';

export interface BenchAccount {
  readonly accountKey: Uint8Array;
  readonly cookie: string;
  readonly csrfToken: string;
}

export async function createBenchAccount(
  origin: string,
  username: string,
  passphrase: string,
): Promise<BenchAccount> {
  const params = await newKdfParams();
  const { authKey, keyEncryptionKey } = await deriveKeys(passphrase, params);
  const accountKey = await generateKey();
  const recoveryKey = await generateRecoveryKey();
  const res = await fetch(`${origin}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      kdf: kdfParamsToJson(params),
      authKey: toBase64Url(authKey),
      recoveryAuthKey: toBase64Url(await deriveRecoveryAuthKey(recoveryKey)),
      wrappedAccountKey: {
        byPassphrase: toBase64Url(
          await wrapKey(keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek),
        ),
        byRecoveryKey: toBase64Url(await wrapAccountKeyWithRecoveryKey(recoveryKey, accountKey)),
      },
    }),
  });
  if (res.status !== 201) throw new Error(`could not create the benchmark account: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    accountKey,
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    csrfToken,
  };
}
