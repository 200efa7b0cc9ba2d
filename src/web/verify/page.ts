// The /verify page's script: small on purpose. The checker itself (zip.js, libsodium, the
// RFC 3161 code) is in the worker, which the browser fetches only when a file is chosen.
import workerUrl from './verify-worker.ts?worker&url';
import { trustedWorkerUrl } from '../browser/trusted-worker.js';
import { setUpVerify } from './ui.js';
import './verify.css';

setUpVerify(
  document,
  () => new Worker(trustedWorkerUrl(workerUrl, 'mosaic-verify-worker'), { name: 'verify' }),
);
