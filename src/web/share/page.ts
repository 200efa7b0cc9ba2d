// The /share page's script: small on purpose. It checks the link's shape and asks for the
// passcode; the vault code (libsodium, the share protocol) loads only once a passcode is sent,
// and nothing is fetched about the share before that (docs/vault-protocol.md §14.4).
import { setUpShare } from './ui.js';
import './share.css';

setUpShare(document, location, () => import('./open.js'));
