/**
 * The opened case drawn as the /share page's elements: the risk check, the pattern, what
 * witnesses wrote, the incidents with their messages, and the evidence. Text goes in with
 * textContent only. Split from ui.ts, which reads the link, asks for the passcode, makes the
 * report and downloads files: this file only draws what it is given.
 */
import { formatDate } from '../../domain/diary/text.js';
import type { ShownCase } from './open.js';

/** The page's words (its data-text-* attributes), its dates, and a way to make elements. */
export interface PageWords {
  readonly text: (name: string) => string;
  readonly fill: (name: string, values: Record<string, string>) => string;
  /** A local date (`YYYY-MM-DD`) in the page's language, as written (no time zone moves it). */
  readonly day: (date: string) => string;
  readonly el: <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    content?: string,
    className?: string,
  ) => HTMLElementTagNameMap[K];
}

export function pageWords(doc: Document, root: HTMLElement): PageWords {
  const text = (name: string): string =>
    root.getAttribute(`data-text-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) ?? '';
  const fill = (name: string, values: Record<string, string>): string =>
    text(name).replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  const lang = doc.documentElement.lang || 'en-GB';
  // Dates in words from the vault's own month names: browsers without Welsh locale data would
  // otherwise print a Welsh page's dates in American English.
  const locale = lang.toLowerCase().startsWith('cy') ? 'cy' : 'en';
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
  return { text, fill, day, el };
}

/** The shared risk check: 999 and 55 first when the answers call for it, then the guide. */
export function riskSection(
  page: PageWords,
  check: NonNullable<ShownCase['riskCheck']>,
): HTMLElement {
  const section = page.el('section', undefined, 'share__risk');
  section.setAttribute('aria-labelledby', 'share-risk');
  section.setAttribute('data-share-risk', '');
  const heading = page.el('h2', page.text('riskHeading'));
  heading.id = 'share-risk';
  section.append(heading);
  if (check.urgent) section.append(page.el('p', page.text('riskUrgent'), 'share__urgent'));
  section.append(page.el('p', page.text('riskGuide')));
  section.append(page.el('p', page.fill('riskCheckedOn', { date: page.day(check.answeredOn) })));
  const facts = page.el('dl');
  const word = { yes: 'answerYes', no: 'answerNo', 'not-sure': 'answerNotSure' } as const;
  for (const a of check.answers) {
    const answer = page.el('dd', page.text(word[a.answer]));
    if (a.date !== undefined) {
      answer.append(page.el('br'), page.fill('riskLastHappened', { date: page.day(a.date) }));
    }
    if (a.note !== undefined) answer.append(page.el('br'), `${page.text('riskNote')}: ${a.note}`);
    facts.append(page.el('dt', a.question), answer);
  }
  section.append(facts);
  return section;
}

/** What witnesses wrote: their words as sent, the person's note apart and labelled. */
export function witnessSection(page: PageWords, witnesses: ShownCase['witnesses']): HTMLElement {
  const section = page.el('section', undefined, 'share__witnesses');
  section.setAttribute('aria-labelledby', 'share-witnesses');
  const heading = page.el('h2', page.text('witnessHeading'));
  heading.id = 'share-witnesses';
  section.append(heading);
  for (const w of witnesses) {
    const s = w.statement;
    const item = page.el('article', undefined, 'share__witness');
    item.setAttribute('data-share-witness', w.id);
    item.append(page.el('p', page.text('witnessTag'), 'share__tag'));
    const arrived = new Date(w.receivedAt);
    if (!Number.isNaN(arrived.getTime())) {
      const pad = (n: number): string => String(n).padStart(2, '0');
      item.append(
        page.el(
          'p',
          page.fill('witnessArrived', {
            date: `${page.day(`${arrived.getFullYear()}-${pad(arrived.getMonth() + 1)}-${pad(arrived.getDate())}`)}, ${pad(arrived.getHours())}:${pad(arrived.getMinutes())}`,
          }),
        ),
      );
    }
    const facts = page.el('dl', undefined, 'share__facts');
    const row = (term: string, value: string | undefined): void => {
      if (value === undefined || value.trim() === '') return;
      facts.append(page.el('dt', term), page.el('dd', value));
    };
    row(
      page.text('witnessWhen'),
      `${s.when.approximate ? `${page.text('about')} ` : ''}${page.day(s.when.date)}${s.when.time !== undefined ? `, ${s.when.time}` : ''}`,
    );
    row(page.text('where'), s.where);
    row(page.text('witnessSaw'), s.saw);
    row(page.text('witnessSaid'), s.said);
    row(page.text('witnessHowKnown'), s.howKnown);
    row(page.text('witnessName'), s.name);
    row(page.text('witnessContact'), s.contact);
    item.append(facts);
    item.append(page.el('p', page.fill('witnessDeclared', { date: page.day(s.declaration.date) })));
    if ((s.files ?? []).length > 0) {
      item.append(page.el('p', page.fill('witnessFiles', { count: String(s.files?.length ?? 0) })));
    }
    if (w.note.trim() !== '') {
      const note = page.el('div', undefined, 'share__witness-note');
      note.setAttribute('data-share-witness-note', '');
      note.append(page.el('h3', page.text('witnessNote')), page.el('p', w.note));
      item.append(note);
    }
    section.append(item);
  }
  return section;
}

/** A table of counts with a bar drawn beside each number (the numbers are the data). */
function countTable(
  page: PageWords,
  id: string,
  caption: string,
  rowHeading: string,
  rows: readonly (readonly [string, number])[],
): HTMLElement {
  const table = page.el('table', undefined, 'share__counts');
  table.setAttribute('data-share-counts', id);
  table.append(page.el('caption', caption));
  const head = page.el('tr');
  for (const h of [rowHeading, page.text('patternCount')]) {
    const th = page.el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  table.append(page.el('thead'));
  table.tHead?.append(head);
  const body = page.el('tbody');
  const most = Math.max(1, ...rows.map(([, n]) => n));
  for (const [label, n] of rows) {
    const tr = page.el('tr');
    const th = page.el('th', label);
    th.scope = 'row';
    const td = page.el('td');
    const bar = page.el('span', undefined, 'share__bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.style.setProperty('--share-bar', String(n / most));
    td.append(bar, page.el('span', String(n)));
    tr.append(th, td);
    body.append(tr);
  }
  table.append(body);
  return table;
}

/** The pattern: the trend in a sentence, incidents a week and by time of day. */
export function patternSection(
  page: PageWords,
  patterns: NonNullable<ShownCase['patterns']>,
): HTMLElement {
  const section = page.el('section', undefined, 'share__patterns');
  section.setAttribute('aria-labelledby', 'share-patterns');
  section.setAttribute('data-share-patterns', '');
  const heading = page.el('h2', page.text('patternsHeading'));
  heading.id = 'share-patterns';
  section.append(heading, page.el('p', patterns.trend));
  section.append(
    countTable(
      page,
      'weeks',
      page.text('patternWeeks'),
      page.text('patternWeekOf'),
      patterns.weeks.map((w) => [page.day(w.start), w.count] as const),
    ),
  );
  const pad = (h: number): string => `${String(h).padStart(2, '0')}:00`;
  section.append(
    countTable(
      page,
      'hours',
      page.text('patternHours'),
      page.text('patternTime'),
      patterns.timeOfDay.map((n, band) => [`${pad(band * 3)}–${pad(band * 3 + 3)}`, n] as const),
    ),
  );
  return section;
}

/** Messages and calls copied from the person's phone, folded away under a count. */
function messagesOf(
  page: PageWords,
  messages: ShownCase['incidents'][number]['messages'],
): HTMLElement {
  const box = page.el('details', undefined, 'share__messages');
  box.setAttribute('data-share-messages', '');
  box.append(page.el('summary', page.fill('messagesSummary', { count: String(messages.length) })));
  const list = page.el('ol');
  for (const m of messages) {
    const [date = '', time = ''] = m.wall.split('T');
    const line = page.el('li');
    const head = page.el(
      'strong',
      `${page.day(date)}, ${time} · ${m.own ? page.text('messageOwn') : m.from}`,
    );
    line.append(head, page.el('br'));
    line.append(m.kind === 'call' ? page.text('messageCall') : (m.text ?? ''));
    list.append(line);
  }
  box.append(list);
  return box;
}

/** The incidents, each with its facts and its messages folded away. */
export function incidentsSection(page: PageWords, incidents: ShownCase['incidents']): HTMLElement {
  const section = page.el('section');
  section.setAttribute('aria-labelledby', 'share-incidents');
  const incidentsHeading = page.el('h2', page.text('incidentsHeading'));
  incidentsHeading.id = 'share-incidents';
  section.append(incidentsHeading);
  if (incidents.length === 0) section.append(page.el('p', page.text('noIncidents')));
  else {
    const list = page.el('ol', undefined, 'share__incidents');
    for (const incident of incidents) {
      const item = page.el('li', undefined, 'share__incident');
      const facts = page.el('dl');
      const [date = '', time = ''] = incident.wall.split('T');
      const when = `${incident.approximate ? `${page.text('about')} ` : ''}${page.day(date)}, ${time}`;
      const add = (label: string, value: string): void => {
        facts.append(page.el('dt', label), page.el('dd', value));
      };
      add(page.text('when'), when);
      if (incident.where !== undefined && incident.where !== '')
        add(page.text('where'), incident.where);
      add(page.text('what'), incident.what);
      item.append(facts);
      if (incident.messages.length > 0) item.append(messagesOf(page, incident.messages));
      list.append(item);
    }
    section.append(list);
  }
  return section;
}

/** The evidence, each item with its Download button. */
export function exhibitsSection(
  page: PageWords,
  exhibits: ShownCase['exhibits'],
  onDownload: (id: string, name: string, button: HTMLButtonElement) => Promise<void>,
): HTMLElement {
  const section = page.el('section');
  section.setAttribute('aria-labelledby', 'share-exhibits');
  const exhibitsHeading = page.el('h2', page.text('exhibitsHeading'));
  exhibitsHeading.id = 'share-exhibits';
  section.append(exhibitsHeading);
  if (exhibits.length === 0) section.append(page.el('p', page.text('noExhibits')));
  else {
    const list = page.el('ul', undefined, 'share__exhibits');
    for (const exhibit of exhibits) {
      const item = page.el('li', undefined, 'share__exhibit');
      item.append(page.el('p', exhibit.title, 'share__exhibit-title'));
      item.append(page.el('p', `${page.day(exhibit.date)} · ${exhibit.fileName}`, 'hint'));
      const button = page.el('button', page.text('download'), 'button button--secondary');
      button.type = 'button';
      button.setAttribute('aria-label', `${page.text('download')}: ${exhibit.fileName}`);
      button.addEventListener('click', () => void onDownload(exhibit.id, exhibit.fileName, button));
      item.append(button);
      list.append(item);
    }
    section.append(list);
  }
  return section;
}
