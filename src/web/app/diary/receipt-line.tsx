/**
 * One line under an entry saying when the server received it and whether its proof checked
 * ("Received 3 Dec 2026 21:14 — proof checked"), with the proof's details one tap away. A proof
 * that failed is a plain warning that stays on screen, never hidden (docs/vault-protocol.md §9.6).
 * The checking itself is the session's ReceiptWatch (src/vault/receipt-watch.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import {
  revisionTarget,
  type ReceiptCheckCode,
  type ReceiptStatus,
  type RecordResponse,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { useDiaryText } from './diary-text.js';
import type { DiaryMessages } from './messages.js';

type ReceiptText = DiaryMessages['diaryExtra']['receipt'];

function failureText(r: ReceiptText, code: ReceiptCheckCode): string {
  switch (code) {
    case 'receipt_invalid':
      return r.receiptInvalid;
    case 'checkpoint_untrusted':
      return r.checkpointUntrusted;
    case 'log_rollback':
      return r.logRollback;
    case 'log_fork':
      return r.logFork;
  }
}

/** The receipt of `response` (one revision of a record), checked once per session. */
export function ReceiptLine({ response }: { response: RecordResponse }) {
  const { diary, formatTimestamp } = useApp();
  const r = useDiaryText().diaryExtra.receipt;
  const watch = diary.receipts;
  const [status, setStatus] = useState<ReceiptStatus | undefined>(() =>
    watch.status(revisionTarget(response)),
  );

  useEffect(() => {
    let live = true;
    const target = revisionTarget(response);
    const update = (): void => {
      if (live) setStatus(watch.status(target));
    };
    const off = watch.subscribe(update);
    watch.check(target).then(update, update);
    return () => {
      live = false;
      off();
    };
  }, [response.id, response.revision]);

  const state = status?.state ?? 'checking';
  if (status?.state === 'failed') {
    return (
      <div
        class="notice notice--warning"
        role="alert"
        data-receipt="failed"
        data-code={status.code}
      >
        <p>
          <strong>{r.warningTitle}</strong>
        </p>
        <p>{failureText(r, status.code)}</p>
        <p>{r.warningAdvice}</p>
        <p class="entry__meta">{format(r.code, { code: status.code })}</p>
      </div>
    );
  }
  if (status?.state === 'checked') {
    return (
      <div class="entry__meta" data-receipt="checked">
        {status.backfilledAt !== undefined ? (
          <p data-backfilled>
            {format(r.backfilled, { date: formatTimestamp(status.backfilledAt.toISOString()) })}
          </p>
        ) : (
          <p>
            {format(r.received, { date: formatTimestamp(status.receivedAt.toISOString()) })}
            {' — '}
            {r.checked}
          </p>
        )}
        <details>
          <summary>{r.details}</summary>
          <ul>
            <li>{format(r.forVersion, { n: response.revision })}</li>
            <li data-leaf-index={status.leafIndex}>
              {format(r.leafIndex, { n: status.leafIndex })}
            </li>
            {status.backfilledAt !== undefined && (
              <li>
                {format(r.savedEarlier, { date: formatTimestamp(status.receivedAt.toISOString()) })}
              </li>
            )}
            <li>{format(r.checkpointSize, { n: status.checkpointSize })}</li>
            {status.timestampTime !== undefined && (
              <li>{format(r.timestamp, { date: formatTimestamp(status.timestampTime) })}</li>
            )}
          </ul>
        </details>
      </div>
    );
  }
  const text =
    state === 'pending'
      ? r.pending
      : state === 'unavailable'
        ? r.unavailable
        : state === 'unreachable'
          ? r.unreachable
          : r.checking;
  return (
    <p class="entry__meta" data-receipt={state} aria-live="polite">
      {text}
    </p>
  );
}
