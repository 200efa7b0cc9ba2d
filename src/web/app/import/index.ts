/**
 * The import flow (issue #7): choose an export file, read it in a worker, choose who did it,
 * check a preview, add the messages and calls to the diary. Screens are routed by app.tsx;
 * `ImportedMessages` shows an imported incident's messages on the incident screen.
 */
export { ImportChooseScreen } from './screens/choose.js';
export { ImportSendersScreen } from './screens/senders.js';
export { ImportPersonScreen } from './screens/person.js';
export { ImportSettingsScreen } from './screens/settings.js';
export { ImportPreviewScreen, type ImportPreviewProps } from './screens/preview.js';
export { ImportedMessages } from './imported-messages.js';
export { IMPORT_MESSAGES } from './messages.js';
