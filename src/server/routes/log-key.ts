/**
 * The receipt log's public key at a stable address, and a plain page saying what it is for.
 * Public, no cookies, cacheable for five minutes (the key changes only by `npm run log:rotate`,
 * and vaults follow the signed hand-over at /api/log/handovers).
 */
import type { FastifyInstance } from 'fastify';
import { LOG_KEY_PAGE_PATH, LOG_KEY_PATH } from '../../contract/receipts.js';
import type { LogKey } from '../log/log-key.js';

export function logKeyRoutes(app: FastifyInstance, log: { readonly key: LogKey }): void {
  app.get(LOG_KEY_PATH, (_request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(`${log.key.vkey}\n`),
  );
  app.get(LOG_KEY_PAGE_PATH, (_request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(explanation(log.key)),
  );
}

function explanation(key: LogKey): string {
  return `What this key is for

When you save something in your private diary, this service gives you a receipt. The receipt
shows that the service had your entry, locked so that nobody can read it, at a certain time.
It cannot be changed later without it showing.

Every receipt goes into one public list that can only grow. About every few seconds the
service signs the list with the key below. Anyone can check a receipt against it: a police
officer, a court, or you. They do not need to trust this service, and they never see what
you wrote.

The key
  name:        ${key.origin}
  public key:  ${key.vkey}
  fingerprint: ${key.fingerprint}

The key in machine-readable form: ${LOG_KEY_PATH}
The newest signed list: /api/log/checkpoint

If the service ever changes this key, the old key and the new one both sign a short note
saying so, and the list carries on from where it was. Your vault follows that note by itself.
Every change is listed at /api/log/handovers. Receipts signed with an old key still check
with that old key.

The list holds no names, no usernames and nothing that links two entries to one person.

For the technical details, see docs/vault-protocol.md, section 9 (C2SP tlog-checkpoint and
tlog-proof, RFC 6962, RFC 3161).
`;
}
