/**
 * Backups: download one encrypted file of every entry with every version, and import such a
 * file into this diary. The work is in backup-transfer.ts and backup.ts, loaded only when one of
 * these screens needs them (they bring zod, for checking a file before anything trusts it).
 *
 * The file never touches storage: export hands the browser a Blob through an object URL that is
 * revoked at once; import reads the chosen file into memory.
 */
import { useState } from 'preact/hooks';
import { isCryptoError } from '../../../crypto/index.js';
import {
  loadBackupTransfer,
  WrongPassphraseError,
  type BackupFile,
  type ImportSummary,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import type { AccountMessages } from './messages.js';
import { PassphraseField } from '../components/passphrase-field.js';
import { Busy, Button, nextPaint, Page, useLive, type ErrorItem } from '../components/ui.js';

const loadTransfer = loadBackupTransfer;

/** Hands the text to the browser as a download. Nothing is stored; the URL dies at once. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ExportBackupScreen() {
  const { t, api, session, navigate } = useApp();
  const a = useAccountText();
  const x = a.exportBackup;
  const live = useLive();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (message: string): void => {
    setError(message);
    setSeq((n) => n + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (passphrase.length === 0) {
      fail(x.passphraseRequired);
      return;
    }
    setError(undefined);
    setBusy(true);
    await nextPaint();
    try {
      const transfer = await loadTransfer();
      const made = await transfer.exportBackup(api, session, passphrase);
      // Locked meanwhile: the person has gone, so nothing is handed to the browser.
      if (!live.current || !session.isUnlocked) return;
      downloadText(made.text, made.fileName);
      navigate(
        { name: 'settings' },
        made.records === 1
          ? format(a.backup.exportedOne, { file: made.fileName })
          : format(a.backup.exported, { file: made.fileName, n: made.records }),
      );
    } catch (e) {
      if (!live.current) return;
      setBusy(false);
      if (e instanceof WrongPassphraseError) fail(x.passphraseWrong);
      else if (backupErrorCode(e) === 'unreadable_record') {
        const count = (e as { count?: number }).count ?? 0;
        fail(count === 1 ? x.unreadableOne : format(x.unreadable, { n: count }));
      } else if (isCryptoError(e, 'kdf_failed')) fail(t.unlock.kdfFailed);
      else fail(describeError(t, e));
    }
  };

  return (
    <Page
      title={x.title}
      errors={error !== undefined ? [{ field: 'export-passphrase', message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'settings' })}
    >
      <p>{x.lede}</p>
      <p>{x.keep}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <PassphraseField
          id="export-passphrase"
          label={x.passphraseLabel}
          hint={x.passphraseHint}
          error={error}
          value={passphrase}
          onInput={setPassphrase}
          autocomplete="current-password"
        />
        <Busy message={busy ? x.working : undefined} />
        <Button type="submit" disabled={busy}>
          {x.submit}
        </Button>
      </form>
    </Page>
  );
}

type Chosen =
  | { readonly kind: 'none' }
  | { readonly kind: 'reading' }
  | {
      readonly kind: 'ok';
      readonly file: BackupFile;
      readonly records: number;
      readonly date: string;
    }
  | { readonly kind: 'bad'; readonly message: string };

/** The words for a file that cannot be used, by its BackupError code. */
function fileProblem(a: AccountMessages, code: string | undefined): string {
  const i = a.importBackup;
  if (code === 'too_large') return i.tooLarge;
  if (code === 'version_unsupported') return i.newerVersion;
  if (code === 'kdf_too_weak') return i.kdfTooWeak;
  if (code === 'altered') return i.altered;
  return i.notABackup;
}

export function ImportBackupScreen() {
  const { t, api, session, navigate, formatTimestamp } = useApp();
  const a = useAccountText();
  const i = a.importBackup;
  const live = useLive();
  const [chosen, setChosen] = useState<Chosen>({ kind: 'none' });
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string; form?: string }>({});
  const [seq, setSeq] = useState(0);
  const [progress, setProgress] = useState<string | undefined>();

  const fail = (next: typeof errors): void => {
    setErrors(next);
    setSeq((n) => n + 1);
  };

  /** Reads and checks the chosen file at once, so a wrong file is said before the passphrase. */
  const choose = async (input: HTMLInputElement): Promise<void> => {
    const picked = input.files?.[0];
    setErrors({});
    if (picked === undefined) {
      setChosen({ kind: 'none' });
      return;
    }
    setChosen({ kind: 'reading' });
    let message: string;
    try {
      const { parseBackup, backupSummary, MAX_BACKUP_BYTES } = await loadTransfer();
      if (picked.size > MAX_BACKUP_BYTES) {
        message = i.tooLarge;
      } else {
        const file = parseBackup(await picked.text());
        const summary = backupSummary(file);
        if (!live.current) return;
        setChosen({
          kind: 'ok',
          file,
          records: summary.records,
          date: formatTimestamp(summary.createdAt),
        });
        return;
      }
    } catch (e) {
      message = fileProblem(a, backupErrorCode(e));
    }
    if (!live.current) return;
    setChosen({ kind: 'bad', message });
    fail({ file: message });
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (progress !== undefined) return;
    const found: typeof errors = {};
    if (chosen.kind === 'none' || chosen.kind === 'reading') found.file = i.fileRequired;
    else if (chosen.kind === 'bad') found.file = chosen.message;
    if (passphrase.length === 0) found.passphrase = i.passphraseRequired;
    if (Object.keys(found).length > 0 || chosen.kind !== 'ok') {
      fail(found);
      return;
    }
    setErrors({});
    setProgress(i.checking);
    await nextPaint();
    try {
      const transfer = await loadTransfer();
      try {
        const summary = await transfer.importBackup(
          api,
          session,
          chosen.file,
          passphrase,
          (stage, done, total) => {
            if (!live.current) return;
            setProgress(
              stage === 'checking'
                ? i.checking
                : format(i.storing, { n: Math.min(done + 1, total), total }),
            );
          },
        );
        if (!live.current) return;
        navigate({ name: 'home' }, summaryText(a, summary));
      } catch (e) {
        if (e instanceof transfer.ImportInterruptedError) {
          const s = e.summary;
          throw new Interrupted(
            format(i.interrupted, {
              done: s.added + s.copies + s.present,
              total: s.total,
              reason: describeError(t, e.cause),
            }),
          );
        }
        throw e;
      }
    } catch (e) {
      if (!live.current) return;
      setProgress(undefined);
      const code = backupErrorCode(e);
      if (e instanceof Interrupted) fail({ form: e.message });
      else if (code === 'wrong_passphrase') fail({ passphrase: i.passphraseWrong });
      else if (code !== undefined) {
        // The file itself is refused: it must be chosen again (or another one) to try again.
        const message = fileProblem(a, code);
        setChosen({ kind: 'bad', message });
        fail({ file: message });
      } else if (isCryptoError(e, 'kdf_failed')) fail({ form: t.unlock.kdfFailed });
      else fail({ form: describeError(t, e) });
    }
  };

  const items: ErrorItem[] = [
    ...(errors.form !== undefined ? [{ field: 'backup-file', message: errors.form }] : []),
    ...(errors.file !== undefined ? [{ field: 'backup-file', message: errors.file }] : []),
    ...(errors.passphrase !== undefined
      ? [{ field: 'import-passphrase', message: errors.passphrase }]
      : []),
  ];
  const busy = progress !== undefined;
  const describedBy = [
    'backup-file-hint',
    ...(errors.file !== undefined ? ['backup-file-error'] : []),
    ...(chosen.kind === 'ok' ? ['backup-file-summary'] : []),
  ].join(' ');

  return (
    <Page title={i.title} errors={items} errorSeq={seq} back={() => navigate({ name: 'settings' })}>
      <p>{i.lede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div class={`form-group${errors.file !== undefined ? ' form-group--error' : ''}`}>
          <label class="label" for="backup-file">
            {i.fileLabel}
          </label>
          <div class="hint" id="backup-file-hint">
            {i.fileHint}
          </div>
          {errors.file !== undefined && (
            <p class="error-message" id="backup-file-error">
              <span class="visually-hidden">{t.common.errorPrefix}</span> {errors.file}
            </p>
          )}
          <input
            class={`file-upload${errors.file !== undefined ? ' file-upload--error' : ''}`}
            id="backup-file"
            name="backup-file"
            type="file"
            accept=".json,application/json"
            disabled={busy}
            aria-describedby={describedBy}
            aria-invalid={errors.file !== undefined ? 'true' : undefined}
            onChange={(e) => void choose(e.currentTarget)}
          />
          {chosen.kind === 'ok' && (
            <p class="inset-text" id="backup-file-summary" data-backup-summary="">
              {chosen.records === 1
                ? format(i.fileSummaryOne, { date: chosen.date })
                : format(i.fileSummary, { date: chosen.date, n: chosen.records })}
            </p>
          )}
        </div>
        <PassphraseField
          id="import-passphrase"
          label={i.passphraseLabel}
          hint={i.passphraseHint}
          error={errors.passphrase}
          value={passphrase}
          onInput={setPassphrase}
          autocomplete="current-password"
        />
        <Busy message={chosen.kind === 'reading' ? i.reading : progress} />
        <Button type="submit" disabled={busy}>
          {i.submit}
        </Button>
      </form>
    </Page>
  );
}

/** An import that stopped part way, already put into words. */
class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/** The code of a BackupError, without loading its module to ask. */
function backupErrorCode(e: unknown): string | undefined {
  return e instanceof Error && e.name === 'BackupError' && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** "Imported 12 entries." and, if any, how many were there already or added as copies. */
export function summaryText(a: AccountMessages, s: ImportSummary): string {
  const i = a.importBackup;
  const stored = s.added + s.copies;
  const parts = [
    stored === 0 ? i.doneNone : stored === 1 ? i.doneOne : format(i.done, { n: stored }),
  ];
  if (s.present > 0) {
    parts.push(s.present === 1 ? i.presentOne : format(i.present, { n: s.present }));
  }
  if (s.copies > 0) parts.push(s.copies === 1 ? i.copiesOne : format(i.copies, { n: s.copies }));
  return parts.join(' ');
}
