/**
 * The /witness page's behaviour: read the link's fragment, check it (loading the vault code),
 * show the form, check what was written, then seal and send it, and keep nothing: the form is
 * emptied, the link's fragment is taken out of the address, and nothing is written to storage.
 * Words come from the page's data-text-* attributes, written by the server in the page's
 * language (src/web/i18n/witness-messages.ts). Text goes in with textContent only.
 */
import type { Link, WitnessProblem } from './send.js';

type SendModule = typeof import('./send.js');

/** The link's shape (`w1.<id>.<secret>.<fingerprint>`), checked before the vault code loads. */
const LINK_SHAPE = /^w1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/;

type FieldName = 'date' | 'saw' | 'declaration' | 'files';

/** Files one statement may carry (the server's limit too). */
const MAX_FILES = 10;

/** A file's size in words a person reads at a glance: "340 KB", "2.5 MB". */
function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${String(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Today's date on this device, `YYYY-MM-DD`. */
function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function setUpWitness(
  doc: Document,
  where: Pick<Location, 'hash' | 'pathname'>,
  hist: Pick<History, 'replaceState'>,
  load: () => Promise<SendModule>,
): void {
  const root = doc.querySelector<HTMLElement>('[data-witness]');
  const form = root?.querySelector<HTMLFormElement>('[data-witness-form]');
  const status = root?.querySelector<HTMLElement>('[data-witness-status]');
  const done = root?.querySelector<HTMLElement>('[data-witness-done]');
  const summary = root?.querySelector<HTMLElement>('[data-witness-summary]');
  const summaryList = root?.querySelector<HTMLElement>('[data-witness-summary-list]');
  if (!root || !form || !status || !done || !summary || !summaryList) return;
  const text = (name: string): string =>
    root.getAttribute(`data-text-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) ?? '';
  const locale = root.getAttribute('data-locale') === 'cy' ? 'cy' : 'en';
  const hash = where.hash.replace(/^#/, '').trim();
  const say = (message: string): void => {
    status.textContent = message;
  };
  const input = (name: string) =>
    form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
  const value = (name: string): string => input(name)?.value.trim() ?? '';
  const checked = (name: string): boolean => {
    const el = input(name);
    return el instanceof HTMLInputElement && el.checked;
  };

  const fileInput = form.querySelector<HTMLInputElement>('[name="files"]');
  const chosenList = form.querySelector<HTMLElement>('[data-witness-files]');
  const chosenFiles = (): File[] => [...(fileInput?.files ?? [])];
  /** Lists the chosen files by name and size (text only), or nothing when none are chosen. */
  const showChosen = (): void => {
    if (!chosenList) return;
    chosenList.replaceChildren(
      ...chosenFiles().map((f) => {
        const item = doc.createElement('li');
        item.textContent = `${f.name} (${sizeText(f.size)})`;
        return item;
      }),
    );
  };
  fileInput?.addEventListener('change', showChosen);

  if (!LINK_SHAPE.test(hash)) {
    say(text('linkBroken'));
    return;
  }

  let link: Link | undefined;
  let mod: SendModule | undefined;
  let busy = false;
  const problem = (kind: WitnessProblem): void => {
    say(text(kind));
    // A link that cannot take a statement hides the form: nothing more can be done here.
    if (!['failed', 'rateLimited', 'tooMuch', 'filesTooMuch'].includes(kind)) form.hidden = true;
  };

  say(text('checking'));
  load()
    .then(async (m) => {
      mod = m;
      link = await m.openLink(hash);
      say('');
      form.hidden = false;
    })
    .catch((error: unknown) => problem(mod ? mod.problemOf(error) : 'failed'));

  const clearErrors = (): void => {
    summary.hidden = true;
    summaryList.replaceChildren();
    for (const el of form.querySelectorAll<HTMLElement>('[data-witness-error]')) {
      el.hidden = true;
      el.textContent = '';
    }
    for (const el of form.querySelectorAll<HTMLElement>('[data-witness-group]')) {
      el.classList.remove('form-group--error');
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  };

  const showErrors = (errors: [FieldName, string, string][]): void => {
    for (const [name, message, targetId] of errors) {
      const error = form.querySelector<HTMLElement>(`[data-witness-error="${name}"]`);
      if (error) {
        error.textContent = message;
        error.hidden = false;
      }
      form.querySelector(`[data-witness-group="${name}"]`)?.classList.add('form-group--error');
      doc.getElementById(targetId)?.setAttribute('aria-invalid', 'true');
      const item = doc.createElement('li');
      const a = doc.createElement('a');
      a.href = `#${targetId}`;
      a.textContent = message;
      a.addEventListener('click', (event) => {
        event.preventDefault();
        doc.getElementById(targetId)?.focus();
      });
      item.append(a);
      summaryList.append(item);
    }
    summary.hidden = false;
    summary.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy || !link) return;
    clearErrors();
    const errors: [FieldName, string, string][] = [];
    const date = value('date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      errors.push(['date', text('dateMissing'), 'witness-date']);
    if (value('saw') === '' && value('said') === '') {
      errors.push(['saw', text('sawMissing'), 'witness-saw']);
    }
    if (!checked('declaration')) {
      errors.push(['declaration', text('declarationMissing'), 'witness-declaration']);
    }
    if (errors.length > 0) {
      showErrors(errors);
      return;
    }
    const time = value('time');
    const name = value('name');
    const contact = value('contact');
    const files = chosenFiles();
    if (files.length > MAX_FILES) {
      showErrors([['files', text('filesTooMany'), 'witness-files']]);
      return;
    }
    busy = true;
    say(text('sending'));
    link
      .send(
        {
          writtenAt: new Date().toISOString(),
          locale,
          when: {
            date,
            ...(/^\d{2}:\d{2}$/.test(time) ? { time } : {}),
            approximate: checked('approximate'),
          },
          where: value('where'),
          saw: value('saw'),
          said: value('said'),
          howKnown: value('howKnown'),
          ...(name === '' ? {} : { name }),
          ...(contact === '' ? {} : { contact }),
          declaration: { agreed: true, date: today() },
        },
        files,
        (index, sent, total) => {
          say(
            text('sendingFile')
              .replace('{n}', String(index + 1))
              .replace('{count}', String(files.length))
              .replace('{percent}', String(total > 0 ? Math.floor((sent / total) * 100) : 0)),
          );
        },
      )
      .then(() => {
        // Keep nothing: the form is emptied and the secret leaves the address bar and history.
        form.reset();
        showChosen();
        form.hidden = true;
        link = undefined;
        hist.replaceState(null, '', where.pathname);
        say('');
        done.hidden = false;
        done.querySelector<HTMLElement>('[data-witness-done-title]')?.focus();
      })
      .catch((error: unknown) => problem(mod ? mod.problemOf(error) : 'failed'))
      .finally(() => {
        busy = false;
      });
  });
}
