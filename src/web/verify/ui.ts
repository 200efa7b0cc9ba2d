/**
 * The checker's page behaviour, shared by the site's /verify page (page.ts) and the offline
 * verify.html in every bundle (standalone.ts): choose or drop a .zip, check it in a worker, show
 * one line per check and the verdict. The file is never sent anywhere: this code has no fetch,
 * no XHR and no form submission; the file goes only to the worker, on this device.
 *
 * Words come from the form's data-text-* attributes, written by the server in the page's
 * language (src/web/i18n/verify-messages.ts). The checker's own lines are English, marked so.
 */
import type { LineStatus, VerifyResult } from '../../report/verify.js';
import type { VerifyReply, VerifyRequest } from './protocol.js';

export function setUpVerify(doc: Document, startWorker: () => Worker): void {
  const form = doc.querySelector<HTMLFormElement>('form[data-verify]');
  const input = form?.querySelector<HTMLInputElement>('[data-verify-file]');
  const drop = form?.querySelector<HTMLElement>('[data-verify-drop]');
  const key = form?.querySelector<HTMLTextAreaElement>('[data-verify-key]');
  const stopButton = form?.querySelector<HTMLButtonElement>('[data-verify-stop]');
  const status = doc.querySelector<HTMLElement>('[data-verify-status]');
  const results = doc.querySelector<HTMLElement>('[data-verify-results]');
  const list = doc.querySelector<HTMLElement>('[data-verify-lines]');
  if (!form || !input || !status || !results || !list) return;
  const text = (name: string): string => form.getAttribute(`data-text-${name}`) ?? '';
  const english = !doc.documentElement.lang.startsWith('en');
  let chosen: File | undefined;
  let worker: Worker | undefined;

  const stop = (): void => {
    worker?.terminate();
    worker = undefined;
    if (stopButton) stopButton.hidden = true;
  };

  /** Text in English on a page in another language says so, for screen readers. */
  const span = (value: string): HTMLSpanElement => {
    const el = doc.createElement('span');
    if (english) el.lang = 'en';
    el.textContent = value;
    return el;
  };

  const show = (result: VerifyResult): void => {
    const label: Record<LineStatus, string> = {
      ok: text('ok'),
      fail: text('fail'),
      note: text('note'),
    };
    list.replaceChildren(
      ...result.lines.map((line) => {
        const item = doc.createElement('li');
        item.className = `verify__line verify__line--${line.status}`;
        const strong = doc.createElement('strong');
        strong.textContent = label[line.status];
        item.append(strong, ' ', span(`${line.subject}: ${line.detail}`));
        return item;
      }),
    );
    results.hidden = false;
    const strong = doc.createElement('strong');
    const failures = result.lines.filter((l) => l.status === 'fail').length;
    strong.textContent = !result.ok
      ? text('failed').replace('{n}', String(failures))
      : result.fullyProven
        ? text('passed')
        : text('passed-unproven');
    status.className = `verify__status verify__status--${result.ok ? 'ok' : 'fail'}`;
    status.replaceChildren(strong);
    // The live region announces it; bring it into sight too, when it is below the screen.
    status.scrollIntoView({ block: 'nearest' });
  };

  const say = (message: string): void => {
    status.className = 'verify__status';
    status.textContent = message;
  };

  const run = (): void => {
    stop();
    results.hidden = true;
    list.replaceChildren();
    if (chosen === undefined) {
      say(text('no-file'));
      return;
    }
    say(text('checking').replace('{name}', chosen.name));
    try {
      const current = startWorker();
      worker = current;
      current.onmessage = (event: MessageEvent<VerifyReply>) => {
        if (worker !== current) return;
        stop();
        if (event.data.type === 'done') show(event.data.result);
        else say(`${text('could-not-run')} (${event.data.message})`);
      };
      current.onerror = (event) => {
        event.preventDefault();
        if (worker !== current) return;
        stop();
        say(text('could-not-run'));
      };
      const expectedLogKey = key?.value.trim();
      const request: VerifyRequest = {
        type: 'verify',
        file: chosen,
        ...(expectedLogKey ? { expectedLogKey } : {}),
      };
      current.postMessage(request);
      if (stopButton) stopButton.hidden = false;
    } catch {
      stop();
      say(text('could-not-run'));
    }
  };

  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  stopButton?.addEventListener('click', () => {
    stop();
    say(text('stopped'));
    input.focus();
  });
  input.addEventListener('change', () => {
    chosen = input.files?.[0];
    if (chosen !== undefined) run();
  });
  if (drop) {
    drop.addEventListener('dragover', (event) => {
      event.preventDefault();
      drop.classList.add('verify__drop--over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('verify__drop--over'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      drop.classList.remove('verify__drop--over');
      const files = event.dataTransfer?.files;
      const file = files?.[0];
      if (file === undefined) return;
      chosen = file;
      try {
        if (files) input.files = files;
      } catch {
        // Older browsers cannot set a file input's files; the dropped file is still checked.
      }
      run();
    });
  }
}
