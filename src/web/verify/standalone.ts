// verify.html's script: the same checker as the /verify page, with its worker inlined (it starts
// from a blob: address this page makes), so the file works offline, opened straight from disk.
// Built into one HTML file by scripts/build-verify-html.ts.
import VerifyWorker from './verify-worker.ts?worker&inline';
import { setUpVerify } from './ui.js';
import './verify.css';
import './standalone.css';

setUpVerify(document, () => new VerifyWorker({ name: 'verify' }));
