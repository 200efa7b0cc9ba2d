// The one small script public pages load. Pages work fully without it.
import { setUpQuickExit } from './quick-exit.js';

setUpQuickExit(document);
