/**
 * Before deleting an entry, person, place or evidence file: which of the person's live shares
 * hold it (docs/vault-protocol.md §14.5). A snapshot that holds a deleted record stops opening
 * for its recipient, so the delete screen says so and names the share; a kept-up-to-date share
 * has the record taken out first (re-sealed without it), so it keeps working.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ShareSummary, VaultApi } from '../../../vault/api.js';
import { addToShare, readOwnShare, ShareError } from '../../../vault/shares.js';
import { format } from '../shell/messages.js';
import { useApp } from '../shell/context.js';
import { SHARE_MESSAGES } from './messages.js';

export interface HoldingShare {
  readonly summary: ShareSummary;
  /** Whom it is for, as the person wrote it; undefined when it could not be opened. */
  readonly label: string | undefined;
}

/**
 * The active shares that hold record `id`, with their labels; empty while loading or when the
 * list cannot be had (the delete screen then works as before).
 */
export function useSharesHolding(id: string): readonly HoldingShare[] {
  const { api, session } = useApp();
  const [held, setHeld] = useState<readonly HoldingShare[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const out: HoldingShare[] = [];
      for (const summary of await api.listShares()) {
        if (summary.state !== 'active' || !summary.records.some((r) => r.id === id)) continue;
        let label: string | undefined;
        try {
          label = (await readOwnShare(session.accountKey, summary))?.label;
        } catch {
          label = undefined;
        }
        out.push({ summary, label });
      }
      return out;
    })().then(
      (value) => {
        if (live) setHeld(value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id]);
  return held;
}

/** One warning line per share that holds the record, naming it. */
export function InSharesWarning({ shares }: { readonly shares: readonly HoldingShare[] }) {
  const { locale, formatTimestamp } = useApp();
  const m = SHARE_MESSAGES[locale].inShare;
  if (shares.length === 0) return null;
  return (
    <div class="notice notice--warning" data-in-share={shares.length}>
      {shares.map(({ summary, label }) => (
        <p key={summary.id} data-share-mode={summary.mode}>
          {format(summary.mode === 'live' ? m.live : m.snapshot, {
            label: label ?? m.unknown,
            until: formatTimestamp(summary.expiresAt),
          })}
        </p>
      ))}
    </div>
  );
}

/**
 * Takes record `id` out of each kept-up-to-date share that holds it, before it is deleted. A share
 * it was the only entry of cannot be emptied (stop sharing instead): that one is left as it is.
 */
export async function takeOutOfLiveShares(
  api: VaultApi,
  accountKey: Uint8Array,
  shares: readonly HoldingShare[],
  id: string,
): Promise<void> {
  for (const { summary } of shares) {
    if (summary.mode !== 'live') continue;
    try {
      await addToShare(api, accountKey, summary, { records: [], remove: [id] });
    } catch (e) {
      if (e instanceof ShareError) continue;
      throw e;
    }
  }
}
