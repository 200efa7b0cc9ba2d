/**
 * A mistake in how the server was started (configuration, database, port). server.ts prints its
 * message as one line and exits non-zero, so the message must say what is wrong and how to fix it,
 * and must never contain a secret such as a database password.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
