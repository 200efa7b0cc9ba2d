/**
 * The /share page's behaviour: read the link's fragment, ask for the passcode, then (and only
 * then) load the vault code, open the share and show the case read-only. Words come from the
 * page's data-text-* attributes, written by the server in the page's language
 * (src/web/i18n/share-messages.ts). Text goes in with textContent only. Nothing is written to
 * the browser's storage; Close empties the page and forgets the opened share.
 */
import { formatDate } from '../../domain/diary/text.js';
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
  const text = (name: string): string =>
    root.getAttribute(`data-text-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) ?? '';
  const fill = (name: string, values: Record<string, string>): string =>
    text(name).replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
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

  // Dates in words from the vault's own month names: browsers without Welsh locale data would
  // otherwise print a Welsh page's dates in American English.
  const locale = lang.toLowerCase().startsWith('cy') ? 'cy' : 'en';
  /** A local date (`YYYY-MM-DD`) in the page's language, as written (no time zone moves it). */
  const day = (date: string): string =>
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(date)[locale] : date;

  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    content?: string,
    className?: string,
  ): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (className !== undefined) node.className = className;
    return node;
  };

  /** The shared risk check: 999 and 55 first when the answers call for it, then the guide. */
  const riskSection = (check: NonNullable<ShownCase['riskCheck']>): HTMLElement => {
    const section = el('section', undefined, 'share__risk');
    section.setAttribute('aria-labelledby', 'share-risk');
    section.setAttribute('data-share-risk', '');
    const heading = el('h2', text('riskHeading'));
    heading.id = 'share-risk';
    section.append(heading);
    if (check.urgent) section.append(el('p', text('riskUrgent'), 'share__urgent'));
    section.append(el('p', text('riskGuide')));
    section.append(el('p', fill('riskCheckedOn', { date: day(check.answeredOn) })));
    const facts = el('dl');
    const word = { yes: 'answerYes', no: 'answerNo', 'not-sure': 'answerNotSure' } as const;
    for (const a of check.answers) {
      const answer = el('dd', text(word[a.answer]));
      if (a.date !== undefined) {
        answer.append(el('br'), fill('riskLastHappened', { date: day(a.date) }));
      }
      if (a.note !== undefined) answer.append(el('br'), `${text('riskNote')}: ${a.note}`);
      facts.append(el('dt', a.question), answer);
    }
    section.append(facts);
    return section;
  };

  /** What witnesses wrote: their words as sent, the person's note apart and labelled. */
  const witnessSection = (witnesses: ShownCase['witnesses']): HTMLElement => {
    const section = el('section', undefined, 'share__witnesses');
    section.setAttribute('aria-labelledby', 'share-witnesses');
    const heading = el('h2', text('witnessHeading'));
    heading.id = 'share-witnesses';
    section.append(heading);
    for (const w of witnesses) {
      const s = w.statement;
      const item = el('article', undefined, 'share__witness');
      item.setAttribute('data-share-witness', w.id);
      item.append(el('p', text('witnessTag'), 'share__tag'));
      const arrived = new Date(w.receivedAt);
      if (!Number.isNaN(arrived.getTime())) {
        const pad = (n: number): string => String(n).padStart(2, '0');
        item.append(
          el(
            'p',
            fill('witnessArrived', {
              date: `${day(`${arrived.getFullYear()}-${pad(arrived.getMonth() + 1)}-${pad(arrived.getDate())}`)}, ${pad(arrived.getHours())}:${pad(arrived.getMinutes())}`,
            }),
          ),
        );
      }
      const facts = el('dl', undefined, 'share__facts');
      const row = (term: string, value: string | undefined): void => {
        if (value === undefined || value.trim() === '') return;
        facts.append(el('dt', term), el('dd', value));
      };
      row(
        text('witnessWhen'),
        `${s.when.approximate ? `${text('about')} ` : ''}${day(s.when.date)}${s.when.time !== undefined ? `, ${s.when.time}` : ''}`,
      );
      row(text('where'), s.where);
      row(text('witnessSaw'), s.saw);
      row(text('witnessSaid'), s.said);
      row(text('witnessHowKnown'), s.howKnown);
      row(text('witnessName'), s.name);
      row(text('witnessContact'), s.contact);
      item.append(facts);
      item.append(el('p', fill('witnessDeclared', { date: day(s.declaration.date) })));
      if ((s.files ?? []).length > 0) {
        item.append(el('p', fill('witnessFiles', { count: String(s.files?.length ?? 0) })));
      }
      if (w.note.trim() !== '') {
        const note = el('div', undefined, 'share__witness-note');
        note.setAttribute('data-share-witness-note', '');
        note.append(el('h3', text('witnessNote')), el('p', w.note));
        item.append(note);
      }
      section.append(item);
    }
    return section;
  };

  /** A table of counts with a bar drawn beside each number (the numbers are the data). */
  const countTable = (
    id: string,
    caption: string,
    rowHeading: string,
    rows: readonly (readonly [string, number])[],
  ): HTMLElement => {
    const table = el('table', undefined, 'share__counts');
    table.setAttribute('data-share-counts', id);
    table.append(el('caption', caption));
    const head = el('tr');
    for (const h of [rowHeading, text('patternCount')]) {
      const th = el('th', h);
      th.scope = 'col';
      head.append(th);
    }
    table.append(el('thead'));
    table.tHead?.append(head);
    const body = el('tbody');
    const most = Math.max(1, ...rows.map(([, n]) => n));
    for (const [label, n] of rows) {
      const tr = el('tr');
      const th = el('th', label);
      th.scope = 'row';
      const td = el('td');
      const bar = el('span', undefined, 'share__bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.style.setProperty('--share-bar', String(n / most));
      td.append(bar, el('span', String(n)));
      tr.append(th, td);
      body.append(tr);
    }
    table.append(body);
    return table;
  };

  /** The pattern: the trend in a sentence, incidents a week and by time of day. */
  const patternSection = (patterns: NonNullable<ShownCase['patterns']>): HTMLElement => {
    const section = el('section', undefined, 'share__patterns');
    section.setAttribute('aria-labelledby', 'share-patterns');
    section.setAttribute('data-share-patterns', '');
    const heading = el('h2', text('patternsHeading'));
    heading.id = 'share-patterns';
    section.append(heading, el('p', patterns.trend));
    section.append(
      countTable(
        'weeks',
        text('patternWeeks'),
        text('patternWeekOf'),
        patterns.weeks.map((w) => [day(w.start), w.count] as const),
      ),
    );
    const pad = (h: number): string => `${String(h).padStart(2, '0')}:00`;
    section.append(
      countTable(
        'hours',
        text('patternHours'),
        text('patternTime'),
        patterns.timeOfDay.map((n, band) => [`${pad(band * 3)}–${pad(band * 3 + 3)}`, n] as const),
      ),
    );
    return section;
  };

  /** Messages and calls copied from the person's phone, folded away under a count. */
  const messagesOf = (messages: ShownCase['incidents'][number]['messages']): HTMLElement => {
    const box = el('details', undefined, 'share__messages');
    box.setAttribute('data-share-messages', '');
    box.append(el('summary', fill('messagesSummary', { count: String(messages.length) })));
    const list = el('ol');
    for (const m of messages) {
      const [date = '', time = ''] = m.wall.split('T');
      const line = el('li');
      const head = el('strong', `${day(date)}, ${time} · ${m.own ? text('messageOwn') : m.from}`);
      line.append(head, el('br'));
      line.append(m.kind === 'call' ? text('messageCall') : (m.text ?? ''));
      list.append(line);
    }
    box.append(list);
    return box;
  };

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
    if (shown.riskCheck !== undefined) parts.push(riskSection(shown.riskCheck));
    if (shown.patterns !== undefined) parts.push(patternSection(shown.patterns));
    if (shown.witnesses.length > 0) parts.push(witnessSection(shown.witnesses));

    const incidents = el('section');
    incidents.setAttribute('aria-labelledby', 'share-incidents');
    const incidentsHeading = el('h2', text('incidentsHeading'));
    incidentsHeading.id = 'share-incidents';
    incidents.append(incidentsHeading);
    if (shown.incidents.length === 0) incidents.append(el('p', text('noIncidents')));
    else {
      const list = el('ol', undefined, 'share__incidents');
      for (const incident of shown.incidents) {
        const item = el('li', undefined, 'share__incident');
        const facts = el('dl');
        const [date = '', time = ''] = incident.wall.split('T');
        const when = `${incident.approximate ? `${text('about')} ` : ''}${day(date)}, ${time}`;
        const add = (label: string, value: string): void => {
          facts.append(el('dt', label), el('dd', value));
        };
        add(text('when'), when);
        if (incident.where !== undefined && incident.where !== '')
          add(text('where'), incident.where);
        add(text('what'), incident.what);
        item.append(facts);
        if (incident.messages.length > 0) item.append(messagesOf(incident.messages));
        list.append(item);
      }
      incidents.append(list);
    }
    parts.push(incidents);

    const exhibits = el('section');
    exhibits.setAttribute('aria-labelledby', 'share-exhibits');
    const exhibitsHeading = el('h2', text('exhibitsHeading'));
    exhibitsHeading.id = 'share-exhibits';
    exhibits.append(exhibitsHeading);
    if (shown.exhibits.length === 0) exhibits.append(el('p', text('noExhibits')));
    else {
      const list = el('ul', undefined, 'share__exhibits');
      for (const exhibit of shown.exhibits) {
        const item = el('li', undefined, 'share__exhibit');
        item.append(el('p', exhibit.title, 'share__exhibit-title'));
        item.append(el('p', `${day(exhibit.date)} · ${exhibit.fileName}`, 'hint'));
        const button = el('button', text('download'), 'button button--secondary');
        button.type = 'button';
        button.setAttribute('aria-label', `${text('download')}: ${exhibit.fileName}`);
        button.addEventListener('click', () => void download(exhibit.id, exhibit.fileName, button));
        item.append(button);
        list.append(item);
      }
      exhibits.append(list);
    }
    parts.push(exhibits);
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
