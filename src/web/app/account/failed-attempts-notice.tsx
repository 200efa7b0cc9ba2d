/**
 * Shown once on the diary home after unlocking, when someone failed to get in since the last
 * sign-in: how many times, when the last was, and a way straight to changing the passphrase.
 */
import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import { failedAttemptsLines } from './failed-attempts.js';
import { LinkButton } from '../components/ui.js';

export function FailedAttemptsNotice() {
  const { failedAttempts, dismissFailedAttempts, navigate, formatTimestamp } = useApp();
  const a = useAccountText();
  const lines = failedAttemptsLines(a, failedAttempts, formatTimestamp);
  if (lines.length === 0) return null;
  const m = a.failedAttempts;
  return (
    <section
      class="notice notice--warning"
      aria-labelledby="failed-attempts-heading"
      data-failed-attempts=""
    >
      <h2 id="failed-attempts-heading">{m.heading}</h2>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        <LinkButton onClick={() => navigate({ name: 'change-passphrase' })}>{m.change}</LinkButton>
      </p>
      <p>
        <LinkButton onClick={dismissFailedAttempts}>{m.dismiss}</LinkButton>
      </p>
    </section>
  );
}
