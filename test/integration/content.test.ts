/**
 * The organisation's words as a visitor meets them: every page reachable from the home page in
 * every language, every link resolving, every phone number from the one source, the questions
 * search finding the right answer for real (misspelt, differently worded) queries, and a second
 * profile proving nothing is hard-wired.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpenAt } from '../../src/domain/opening-hours.js';
import { loadConfig } from '../../src/server/config.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { buildSite } from '../../src/server/site.js';
import { StartupError } from '../../src/server/startup-error.js';
import { HELPLINE_PHONE } from '../../src/web/app/safety/risk-screens.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { crawl, isPublicPage } from '../support/crawl.js';

const CONTENT = path.join(PROJECT_ROOT, 'content');
const CHARITY = path.join(PROJECT_ROOT, 'config', 'example-charity.organisation.json');

describe('the advice content', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CONTENT_DIR: CONTENT } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const get = async (url: string) => {
    const res = await t.app.inject(url);
    return { status: res.statusCode, body: res.body };
  };

  it('reaches at least 15 pages in each language from the home page, with no broken link', async () => {
    const { pages, broken } = await crawl(get);
    expect(broken).toEqual([]);
    // The private diary is reachable too, but it is an app, not a content page; the self-check
    // and the bundle checker are forms, not page files.
    const contentPages = [...pages.keys()]
      .filter(isPublicPage)
      .filter((p) => !p.endsWith('/self-check') && !p.endsWith('/verify'))
      // News and events come from the database (seeded from content/<locale>/news and events).
      .filter((p) => !/^(\/cy)?\/(news|events)(\/|\?|$)/.test(p));
    expect(pages.has('/news') && pages.has('/cy/events')).toBe(true);
    expect(pages.has('/self-check') && pages.has('/cy/self-check')).toBe(true);
    expect(pages.has('/verify') && pages.has('/cy/verify')).toBe(true);
    expect(pages.has('/vault') && pages.has('/cy/vault')).toBe(true);
    const english = contentPages.filter((p) => !p.startsWith('/cy'));
    const welsh = contentPages.filter((p) => p.startsWith('/cy/'));
    expect(english.length).toBeGreaterThanOrEqual(15);
    expect(welsh.length).toBeGreaterThanOrEqual(15);
    // Every page file is reachable: none is orphaned.
    const files = (await readdir(path.join(CONTENT, 'en'))).filter((f) => f.endsWith('.md'));
    expect(english.length).toBe(files.length);
  });

  it('shows only phone numbers that come from the services file or the profile', async () => {
    const { site } = await buildSite(t.config);
    const known = new Set(
      [
        ...site.services().flatMap((s) => (s.phone ? [s.phone] : [])),
        t.config.profile.police.nonEmergencyPhone,
      ].map((p) => p.replace(/\D/g, '')),
    );
    const { pages } = await crawl(get);
    for (const url of pages.keys()) {
      const html = (await get(url)).body;
      for (const [, number] of html.matchAll(/href="tel:([^"]+)"/g)) {
        expect(known.has(number!.replace(/\D/g, '')), `${url} shows tel:${number}`).toBe(true);
      }
      // The text of every tel: link is the number itself, as the source writes it.
      for (const [, href, label] of html.matchAll(/href="tel:([^"]+)"[^>]*>([^<]+)</g)) {
        expect(label!.replace(/\D/g, ''), url).toBe(href!.replace(/\D/g, ''));
      }
    }
  });

  it('gives the vault app the National Stalking Helpline number the services file has', async () => {
    // The vault app cannot read the services file, so its copy is checked against it here.
    const { site } = await buildSite(t.config);
    const helpline = site.services().find((s) => s.key === 'national-stalking-helpline');
    expect(helpline?.phone).toBe(HELPLINE_PHONE);
  });

  it('writes no phone number in a page: pages use {{helpline:…}} and {{phone:…}}', async () => {
    for (const locale of ['en', 'cy']) {
      const files = (await readdir(path.join(CONTENT, locale), { recursive: true })).filter((f) =>
        f.endsWith('.md'),
      );
      for (const file of files) {
        const source = (await readFile(path.join(CONTENT, locale, file), 'utf8')).replace(
          /\{\{[^}]+\}\}/g,
          '',
        );
        const numbers = source.match(/\b(?:0\d{2,4}[ \d]{5,10}\d|999|101|116 ?123)\b/g) ?? [];
        expect(numbers, `${locale}/${file}`).toEqual([]);
      }
    }
  });

  it('finds the right answers for real, misspelt and differently worded questions, without JavaScript', async () => {
    const cases: [string, string, string][] = [
      ['en', 'my ex boyfreind keeps following me', 'is-it-stalking-if-it-is-my-ex'],
      ['en', 'how long will he go to jail', 'how-long-can-someone-go-to-prison'],
      ['en', 'restraining order', 'can-i-get-an-order-to-keep-them-away'],
      ['en', 'stalking protection ordr', 'what-is-a-stalking-protection-order'],
      ['en', 'spyware on phone', 'how-do-i-know-if-there-is-spyware-on-my-phone'],
      ['en', 'is it my falt', 'is-it-my-fault'],
      ['en', 'I am 15', 'what-if-i-am-under-18'],
      ['en', 'silent solution 55', 'what-is-the-silent-solution'],
      ['en', 'they message me on instagram', 'what-if-they-only-contact-me-online'],
      ['en', 'threatened my kids', 'what-if-they-threaten-my-children-or-my-pets'],
      ['cy', 'gorchymyn diogelu stelcio', 'beth-yw-gorchymyn-diogelu-rhag-stelcio'],
      ['cy', 'carchr', 'am-faint-o-amser-gall-rhywun-fynd-i-r-carchar'],
      ['cy', 'cyn-partner', 'ydy-e-n-stelcio-os-mai-fy-nghyn-bartner-sy-n-gwneud-hyn'],
      ['cy', 'bygwth y plant', 'beth-os-ydyn-nhw-n-bygwth-fy-mhlant-neu-fy-anifeiliaid-anwes'],
    ];
    for (const [locale, query, expected] of cases) {
      const prefix = locale === 'en' ? '' : `/${locale}`;
      const html = (await get(`${prefix}/questions?q=${encodeURIComponent(query)}`)).body;
      const ids = [...html.matchAll(/data-qa="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.slice(0, 3), `"${query}"`).toContain(expected);
    }
  });

  it('says clearly when nothing matches, and keeps a long search safe', async () => {
    const none = (await get('/questions?q=zzzzqqqq')).body;
    expect(none).toContain('No answers found for &quot;zzzzqqqq&quot;');
    const long = await get(`/questions?q=${'stalking '.repeat(300)}`);
    expect(long.status).toBe(200);
    expect(long.body).toContain('Your search was too long');
    const repeated = await get('/questions?q=a&q=b');
    expect(repeated.status).toBe(200);
  });

  it('filters the support directory without JavaScript', async () => {
    const kids = (await get('/get-help?for=children-and-young-people')).body;
    expect(kids).toContain('Childline');
    expect(kids).toContain('Samaritans'); // for everyone
    expect(kids).not.toContain('National Domestic Abuse Helpline</h3>');
    const local = (await get('/get-help?area=local')).body;
    expect(local).toContain('No services match your choice');
    const nonsense = await get('/get-help?for=%3Cscript%3E&area=everywhere');
    expect(nonsense.status).toBe(200);
    expect(nonsense.body).not.toContain('<script>');
    // 999 and 101 are referred to by pages but not listed as services.
    expect((await get('/get-help')).body).not.toContain('Police emergency</h3>');
  });
});

describe('a second organisation profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CONTENT_DIR: CONTENT, ORGANISATION_PROFILE: CHARITY } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('renders a different organisation, Welsh first, with its own numbers and hours', async () => {
    const home = await t.app.inject('/');
    expect(home.body).toContain('lang="cy"');
    expect(home.body).toContain('Ymddiriedolaeth Cymorth Harbour Lane');
    expect(home.body).not.toContain('Mosaic');
    expect(home.body).toContain('https://www.metoffice.gov.uk');
    const english = await t.app.inject('/en/get-help');
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Harbour Lane Support Trust');
    expect(english.body).toContain('href="tel:01632960123"');
    const local = (await t.app.inject('/en/get-help?area=local')).body;
    expect(local).toContain('Harbour Lane youth line');
    expect(local).not.toContain('Samaritans');
    // "Open now" agrees with the hours in the profile's time zone at the time of the request.
    const before = new Date();
    const page = (await t.app.inject('/en/get-help?area=local&for=adults')).body;
    const after = new Date();
    const hours = t.config.profile.services.find((s) => s.key === 'harbour-lane-advocacy')!.hours!;
    if (isOpenAt(hours, 'Europe/London', before) === isOpenAt(hours, 'Europe/London', after)) {
      expect(page).toContain(isOpenAt(hours, 'Europe/London', before) ? 'Open now' : 'Closed now');
    }
    expect(page).toContain('Monday to Friday, 09:00 to 17:00');
  });
});

describe('content mistakes stop the start with the file named', () => {
  const temps: string[] = [];
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  async function brokenCopy(change: (dir: string) => Promise<void>): Promise<unknown> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-content-'));
    temps.push(dir);
    await cp(CONTENT, dir, { recursive: true });
    await change(dir);
    const config = await loadConfig({ CONTENT_DIR: dir, LOG_LEVEL: 'silent' });
    return buildSite(config).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('refuses a missing translation', async () => {
    const error = await brokenCopy((dir) => rm(path.join(dir, 'cy', 'the-law.md')));
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/Missing translation: .*cy\/the-law\.md/);
  });

  it('refuses an unknown helpline', async () => {
    const error = await brokenCopy((dir) =>
      writeFile(
        path.join(dir, 'en', 'privacy.md'),
        '---\ntitle: P\ndescription: D\n---\n{{helpline:nobody}}\n',
      ),
    );
    expect((error as Error).message).toMatch(/privacy\.md: unknown helpline "nobody"/);
  });

  it('refuses a link to a page that does not exist', async () => {
    const error = await brokenCopy((dir) =>
      writeFile(
        path.join(dir, 'cy', 'privacy.md'),
        '---\ntitle: P\ndescription: D\n---\n[x](/nowhere)\n',
      ),
    );
    expect((error as Error).message).toMatch(
      /cy\/privacy\.md: links to pages that do not exist: \/nowhere/,
    );
  });

  it('refuses front matter without a title', async () => {
    const error = await brokenCopy((dir) =>
      writeFile(path.join(dir, 'en', 'privacy.md'), '---\ndescription: D\n---\nx\n'),
    );
    expect((error as Error).message).toMatch(/privacy\.md: front matter "title"/);
  });
});
