/**
 * What the evidence locker keeps for one unlocked session: the upload queue and every object
 * URL made for a decrypted file. It hangs off the app instance (main.tsx mounts a new one on
 * every lock) and is torn down by a lock hook, so on lock every upload stops, every key the
 * queue held is wiped and every object URL is revoked, in the same task as the lock itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AppContextValue } from '../shell/context.js';
import { setIncidentLink, UploadManager, type UploadView } from '../../../vault/index.js';
import { inWorkers } from './worker-file-crypto.js';

export interface EvidenceSession {
  readonly uploads: UploadManager;
  /** Makes an object URL for a decrypted Blob; every one is revoked on lock. */
  objectUrl(blob: Blob): string;
  revoke(url: string): void;
}

const sessions = new WeakMap<object, EvidenceSession>();

/** `YYYY-MM-DD` in the browser's time zone. */
export function localDateOf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The session's evidence state, made on first use. */
export function evidenceSession(app: AppContextValue): EvidenceSession {
  const existing = sessions.get(app.revisions);
  if (existing !== undefined) return existing;
  const urls = new Set<string>();
  const uploads = new UploadManager({
    api: app.api,
    accountKey: () => app.session.accountKey,
    revisions: app.revisions,
    link: (incidentId, evidenceId) => setIncidentLink(app, incidentId, evidenceId, true),
    unlink: (incidentId, evidenceId) => setIncidentLink(app, incidentId, evidenceId, false),
    checkSession: () => {
      // VaultApi notices a session the server ended and locks the vault.
      app.api.getAccount().catch(() => undefined);
    },
    today: () => localDateOf(Date.now()),
    localDate: localDateOf,
    crypto: inWorkers,
  });
  const state: EvidenceSession = {
    uploads,
    objectUrl(blob) {
      const url = URL.createObjectURL(blob);
      urls.add(url);
      return url;
    },
    revoke(url) {
      if (urls.delete(url)) URL.revokeObjectURL(url);
    },
  };
  const off = app.session.onLock(() => {
    uploads.destroy();
    for (const url of urls) URL.revokeObjectURL(url);
    urls.clear();
    sessions.delete(app.revisions);
    off();
  });
  sessions.set(app.revisions, state);
  return state;
}

/**
 * Keeps a file as a new evidence item (an import's original export, say): queues its upload and
 * resolves with the item's id as soon as its encrypted record is saved; the bytes carry on
 * uploading in the background, with the same progress, pause and resume as any other upload.
 */
export function storeFile(app: AppContextValue, file: File): Promise<string> {
  const { uploads } = evidenceSession(app);
  const before = new Set(uploads.list().map((v) => v.key));
  uploads.add([file]);
  const job = uploads.list().find((v) => !before.has(v.key));
  if (job === undefined) return Promise.reject(new Error('the upload could not start'));
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = uploads.list().find((v) => v.key === job.key);
      if (current?.evidenceId !== undefined) {
        resolve(current.evidenceId);
        return true;
      }
      if (current === undefined || current.phase === 'failed') {
        reject(new Error(`the file could not be kept: ${current?.problem ?? 'cancelled'}`));
        return true;
      }
      return false;
    };
    if (check()) return;
    const off = uploads.subscribe(() => {
      if (check()) off();
    });
  });
}

/** The session's uploads, re-rendering the caller whenever one changes. */
export function useUploads(app: AppContextValue): {
  uploads: UploadManager;
  views: UploadView[];
} {
  const { uploads } = evidenceSession(app);
  const [views, setViews] = useState(() => uploads.list());
  useEffect(() => {
    setViews(uploads.list());
    return uploads.subscribe(() => setViews(uploads.list()));
  }, [uploads]);
  return { uploads, views };
}
