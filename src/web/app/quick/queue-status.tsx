/**
 * Writes made offline while unlocked (docs/vault-protocol.md §16.7), on screen: the queue is
 * made with the diary store (sealed items in IndexedDB `pending`, queue-db.ts), sent whenever
 * the browser says it is online again and every 20 seconds while something waits; a banner says
 * when the device is offline, how many changes wait, and what happened to a conflicting change.
 * Each waiting entry in the lists carries a "Waiting to send" tag.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { QUICK_MESSAGES } from './messages.js';

const RETRY_MS = 20_000;

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = (): void => setOnline(true);
    const off = (): void => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** While unlocked: sends what waits when the connection returns, and says how things stand. */
export function QueueStatus() {
  const app = useApp();
  const queue = app.diary.queue;
  const m = QUICK_MESSAGES[app.locale].queue;
  const online = useOnline();
  const [, setTick] = useState(0);
  useEffect(() => {
    const off = queue.subscribe(() => setTick((n) => n + 1));
    const flush = (): void => {
      if (queue.count() > 0) void queue.flush();
    };
    window.addEventListener('online', flush);
    const timer = setInterval(flush, RETRY_MS);
    return () => {
      off();
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, []);
  const waiting = queue.count();
  const lines: string[] = [];
  if (!online) lines.push(m.offline);
  if (waiting === 1) lines.push(m.waitingOne);
  else if (waiting > 1) lines.push(format(m.waitingMany, { count: waiting }));
  if (waiting > 0 && queue.problem !== undefined) {
    lines.push(format(m.problem, { reason: describeError(app.t, queue.problem) }));
  }
  if (queue.conflicts.length > 0) lines.push(m.conflict);
  return (
    <div role="status" class="queue-status">
      {lines.length > 0 && (
        <div class="notice" data-queue-status="" data-waiting={waiting}>
          {lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
    </div>
  );
}

/** "Waiting to send", beside an entry whose latest change is still on this device only. */
export function WaitingTag({ id, line = false }: { id: string; line?: boolean }) {
  const { locale, diary } = useApp();
  if (!diary.store.waiting(id)) return null;
  const tag = (
    <span class="tag tag--waiting" data-waiting-tag="">
      {QUICK_MESSAGES[locale].queue.tag}
    </span>
  );
  return line ? <p>{tag}</p> : tag;
}
