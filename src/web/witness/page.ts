// The /witness page's script: small on purpose. It checks the link's shape, then loads the vault
// code (libsodium, the witness protocol) to check the link and the person's key, shows the form,
// and seals and sends what the witness writes. Nothing is written to the browser's storage.
import { setUpWitness } from './ui.js';
import './witness.css';

setUpWitness(document, location, history, () => import('./send.js'));
