/**
 * The /share page's behaviour: read the link's fragment, ask for the passcode, then (and only
 * then) load the vault code, open the share and show the case read-only. Words come from the
 * page's data-text-* attributes, written by the server in the page's language
 * (src/web/i18n/share-messages.ts). Text goes in with textContent only. Nothing is written to
 * the browser's storage; Close empties the page and forgets the opened share. The case's
 * sections are drawn by case-sections.ts.
 */
import {
  exhibitsSection,
  incidentsSection,
  pageWords,
  patternSection,
  riskSection,
  witnessSection,
} from './case-sections.js';
import type { CheckOutcome, MadeReport, OpenProblem, ShownCase } from './open.js';

type OpenModule = typeof import('./open.js');

/** The link's shape (`s1.<22-character id>.<secret>`), checked before the vault code loads. */
const LINK_SHAPE = /^s1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{20,}$/;

export function setUpShare(
  doc: Document,
  where: Pick<Location, 'hash'>,
  load: () => Promise<OpenModule>,
): void {
  const root = doc.querySelector<HTMLElement>('[data-share]');
  const form = root?.querySelector<HTMLFormElement>('[data-share-form]');
  const input = root?.querySelector<HTMLInputElement>('[data-share-passcode]');
  const broken = root?.querySelector<HTMLElement>('[data-share-broken]');
  const status = root?.querySelector<HTMLElement>('[data-share-status]');
  const caseBox = root?.querySelector<HTMLElement>('[data-share-case]');
  if (!root || !form || !input || !broken || !status || !caseBox) return;
  const w = pageWords(doc, root);
  const { text, fill, day, el } = w;
  const lang = doc.documentElement.lang || 'en-GB';
  const hash = where.hash.replace(/^#/, '').trim();

  const showBroken = (): void => {
    form.hidden = true;
    broken.hidden = false;
  };
  if (!LINK_SHAPE.test(hash)) {
    showBroken();
    return;
  }
  form.hidden = false;

  let opened: ShownCase | undefined;
  let busy = false;
  /** The report and bundle made from the opened share: in memory only, dropped on Close. */
  let made: MadeReport | undefined;
  let making: { cancel(): void } | undefined;
  const verifyHtmlPath = root.getAttribute('data-verify-html') ?? '';
  const verifyHtml = verifyHtmlPath === '' ? undefined : new URL(verifyHtmlPath, doc.baseURI).href;

  const say = (message: string): void => {
    status.textContent = message;
  };
  const problem = (kind: OpenProblem): void => {
    if (kind === 'linkBroken') {
      say('');
      showBroken();
      return;
    }
    say(text(kind));
    if (kind === 'sessionEnded') forget();
    input.setAttribute('aria-invalid', kind === 'passcodeWrong' ? 'true' : 'false');
    if (!form.hidden) input.focus();
  };

  const forget = (): void => {
    making?.cancel();
    making = undefined;
    made = undefined;
    opened?.forget();
    opened = undefined;
    caseBox.replaceChildren();
    caseBox.hidden = true;
    form.hidden = false;
    input.value = '';
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const passcode = input.value.trim();
    if (passcode === '') {
      input.setAttribute('aria-invalid', 'true');
      say(text('passcodeEmpty'));
      input.focus();
      return;
    }
    busy = true;
    say(text('opening'));
    let mod: OpenModule | undefined;
    load()
      .then(async (m) => {
        mod = m;
        if (!m.linkIsWhole(hash)) return problem('linkBroken');
        const shown = await m.openCase(hash, passcode, lang.startsWith('cy') ? 'cy' : 'en');
        opened = shown;
        input.value = '';
        input.removeAttribute('aria-invalid');
        form.hidden = true;
        say('');
        render(shown);
      })
      .catch((error: unknown) => problem(mod ? mod.problemOf(error) : 'failed'))
      .finally(() => {
        busy = false;
      });
  });

  const render = (shown: ShownCase): void => {
    const parts: HTMLElement[] = [];
    parts.push(el('h2', fill('sharedFor', { label: shown.label }), 'share__label'));
    parts.push(el('p', text('whoUnknown')));
    parts.push(el('p', fill('entries', { count: String(shown.entries) })));
    const expires = new Date(shown.expiresAt);
    if (!Number.isNaN(expires.getTime())) {
      const pad = (n: number): string => String(n).padStart(2, '0');
      const until = day(
        `${expires.getFullYear()}-${pad(expires.getMonth() + 1)}-${pad(expires.getDate())}`,
      );
      parts.push(el('p', fill('until', { date: until })));
    }
    if (shown.unreadable > 0) parts.push(el('p', text('unreadable'), 'notice'));
    if (shown.riskCheck !== undefined) parts.push(riskSection(w, shown.riskCheck));
    if (shown.patterns !== undefined) parts.push(patternSection(w, shown.patterns));
    if (shown.witnesses.length > 0) parts.push(witnessSection(w, shown.witnesses));

    parts.push(incidentsSection(w, shown.incidents));

    parts.push(exhibitsSection(w, shown.exhibits, download));
    parts.push(reportSection());

    const close = el('button', text('close'), 'button share__close');
    close.type = 'button';
    close.addEventListener('click', () => {
      forget();
      form.hidden = true;
      say(text('closed'));
    });
    parts.push(close);

    caseBox.replaceChildren(...parts);
    caseBox.hidden = false;
    caseBox.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    caseBox.querySelector<HTMLElement>('h2')?.focus();
  };

  /** Hands a Blob to the browser as a download; the object URL does not outlive this task. */
  const save = (blob: Blob, name: string): void => {
    const url = URL.createObjectURL(blob);
    try {
      const link = doc.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      doc.body.append(link);
      link.click();
      link.remove();
    } finally {
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
  };

  /** Make the report and bundle; then save either, and check the bundle with one button. */
  const reportSection = (): HTMLElement => {
    const section = el('section', undefined, 'share__report');
    section.setAttribute('aria-labelledby', 'share-report');
    section.setAttribute('data-share-report', '');
    const heading = el('h2', text('reportHeading'));
    heading.id = 'share-report';
    section.append(
      heading,
      el('p', text('reportIntro')),
      el('p', text('reportBundleHint'), 'hint'),
    );
    const progress = el('p', '', 'share__progress');
    progress.setAttribute('role', 'status');
    progress.setAttribute('aria-live', 'polite');
    progress.setAttribute('data-share-report-status', '');
    const actions = el('div', undefined, 'share__actions');
    const result = el('div', undefined, 'share__check');
    result.setAttribute('data-share-check', '');
    result.setAttribute('role', 'status');
    result.setAttribute('aria-live', 'polite');

    const makeButton = el('button', text('reportMake'), 'button');
    makeButton.type = 'button';
    makeButton.setAttribute('data-share-make', '');
    const stopButton = el('button', text('reportStop'), 'button button--secondary');
    stopButton.type = 'button';
    stopButton.hidden = true;

    const showMade = (report: MadeReport): void => {
      const pdf = el('button', text('savePdf'), 'button button--secondary');
      pdf.type = 'button';
      pdf.setAttribute('data-share-save-pdf', '');
      pdf.addEventListener('click', () => save(report.pdf, `${report.name}.pdf`));
      const zip = el('button', text('saveBundle'), 'button button--secondary');
      zip.type = 'button';
      zip.setAttribute('data-share-save-bundle', '');
      zip.addEventListener('click', () => save(report.bundle, `${report.name}.zip`));
      const check = el('button', text('checkButton'), 'button');
      check.type = 'button';
      check.setAttribute('data-share-check-button', '');
      check.addEventListener('click', () => void runCheck(report, check));
      actions.replaceChildren(pdf, zip, check);
      progress.textContent =
        report.withoutReceipt > 0
          ? `${text('reportReady')} ${text('reportNoReceipt')}`
          : text('reportReady');
    };

    const runCheck = async (report: MadeReport, button: HTMLButtonElement): Promise<void> => {
      const current = opened;
      if (current === undefined) return;
      button.disabled = true;
      result.replaceChildren(el('p', text('checking')));
      try {
        const outcome: CheckOutcome = await current.check(report.bundle, report.logKey);
        if (opened !== current) return;
        showOutcome(outcome);
      } catch {
        if (opened === current)
          result.replaceChildren(el('p', text('checkError'), 'share__urgent'));
      } finally {
        button.disabled = false;
      }
    };

    const showOutcome = (outcome: CheckOutcome): void => {
      if (outcome.ok) {
        const line = el(
          'p',
          text(outcome.fullyProven ? 'checkOk' : 'checkOkUnproven'),
          'share__ok',
        );
        line.setAttribute('data-share-check-ok', '');
        result.replaceChildren(line);
        return;
      }
      const line = el(
        'p',
        fill('checkFailed', { n: String(outcome.failed.length) }),
        'share__urgent',
      );
      line.setAttribute('data-share-check-failed', '');
      const list = el('ul');
      for (const f of outcome.failed) {
        const item = el('li', `${f.subject}: ${f.detail}`);
        item.lang = 'en';
        list.append(item);
      }
      result.replaceChildren(line, el('p', text('checkFailedList')), list);
    };

    makeButton.addEventListener('click', () => {
      const current = opened;
      if (current === undefined || making !== undefined) return;
      made = undefined;
      result.replaceChildren();
      actions.replaceChildren(makeButton, stopButton);
      makeButton.disabled = true;
      stopButton.hidden = false;
      progress.textContent = text('reportReceipts');
      let shown = -1;
      const task = current.makeReport(
        (stage, fraction) => {
          if (stage === 'receipts') return;
          const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
          if (percent === shown) return;
          shown = percent;
          progress.textContent = fill(stage === 'pdf' ? 'reportPdf' : 'reportBundle', {
            percent: String(percent),
          });
        },
        verifyHtml !== undefined ? { verifyHtml } : {},
      );
      making = task;
      task.result
        .then((report) => {
          if (making !== task || opened !== current) return;
          made = report;
          showMade(report);
        })
        .catch((error: unknown) => {
          if (making !== task || opened !== current) return;
          const code = (error as { code?: unknown } | null)?.code;
          if (code === 'cancelled') progress.textContent = text('reportStopped');
          else if (code === 'share_session_invalid') problem('sessionEnded');
          else progress.textContent = text('reportFailed');
          actions.replaceChildren(makeButton);
        })
        .finally(() => {
          if (making !== task) return;
          making = undefined;
          makeButton.disabled = false;
          stopButton.hidden = true;
        });
    });
    stopButton.addEventListener('click', () => {
      making?.cancel();
      makeButton.focus();
    });

    actions.append(makeButton, stopButton);
    if (made !== undefined) showMade(made);
    section.append(actions, progress, result);
    return section;
  };

  async function download(
    recordId: string,
    name: string,
    button: HTMLButtonElement,
  ): Promise<void> {
    const current = opened;
    if (current === undefined) return;
    button.disabled = true;
    say(fill('downloading', { name }));
    try {
      const file = await current.download(recordId);
      save(file.blob, file.name);
      say(fill('downloaded', { name: file.name }));
    } catch (error) {
      const mod = await import('./open.js');
      const kind = mod.problemOf(error);
      if (kind === 'sessionEnded') problem(kind);
      else say(text('downloadFailed'));
    } finally {
      button.disabled = false;
    }
  }
}
