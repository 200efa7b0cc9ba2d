/**
 * The checker's Web Worker: runs verifyBundle (src/report/verify.ts) on the chosen file, so a
 * bundle of gigabytes never freezes the page. The file is read here, in pieces, straight from
 * the person's disk; this worker makes no request of any kind.
 */
import { verifyBundle } from '../../report/verify.js';
import type { VerifyReply, VerifyRequest } from './protocol.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(message: VerifyReply): void;
};

scope.onmessage = (event) => {
  const request = event.data;
  const key = request.expectedLogKey?.trim();
  verifyBundle(request.file, key ? { expectedLogKey: key } : {}).then(
    (result) => scope.postMessage({ type: 'done', result }),
    (error: unknown) =>
      scope.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
