/**
 * Local support services in the staff area, through the real app on both engines: the profile's
 * services seed the database once (a later edit or deletion is never undone by a restart),
 * editors change them and the "Get help" page shows the change on the next request, on this app
 * server and on a second one sharing the database (nothing cached in the process); phone
 * numbers are checked, and the emergency, police and Silent Solution numbers cannot be taken;
 * every change is in the audit log, by key only.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { listAudit } from '../../src/server/db/repositories/staff.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { staffClient, TEST_SETUP_TOKEN, type Staff } from '../support/staff-client.js';

const PROFILE = path.join(PROJECT_ROOT, 'config', 'example-charity.organisation.json');
const SEEDED = 'harbour-lane-advocacy';

describe.each(ENGINES)('local support services on $name', ({ name, available }) => {
  let config: Config;
  let database: TestDatabase;
  let app: FastifyInstance;
  let second: FastifyInstance | undefined;
  let client: ReturnType<typeof staffClient>;
  let editor: Staff;

  const start = async () => {
    const made = await buildApp({ config, database }, { logger: false });
    await made.ready();
    return made;
  };
  /** The Get help page in English and in Welsh (this profile's default language is Welsh). */
  const getHelp = async (instance: FastifyInstance) =>
    (await instance.inject({ method: 'GET', url: '/en/get-help' })).body;

  beforeAll(async () => {
    if (!available) return;
    config = await loadConfig({
      LOG_LEVEL: 'silent',
      ORGANISATION_PROFILE: PROFILE,
      STAFF_SETUP_TOKEN: TEST_SETUP_TOKEN,
    });
    database = await freshDatabase(name);
    app = await start();
    client = staffClient(app, database.db);
    const admin = await client.administrator();
    editor = await client.invite(admin, 'eddie');
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await app?.close();
    await database?.close();
  });

  const fields = (overrides: Record<string, string> = {}) => ({
    csrf: editor.csrf,
    phone: '01632 960 999',
    website: 'https://harbourlane.example.org',
    hours: 'mon tue wed thu fri 09:00-17:00\nsat 10:00-13:00',
    for_adults: 'on',
    name_en: 'Harbour Lane stalking advocates',
    area_en: 'Harbour Valley',
    description_en: 'Caseworkers for people being stalked.',
    phoneNote_en: '',
    name_cy: 'Eiriolwyr stelcio Harbour Lane',
    area_cy: 'Dyffryn Harbour',
    description_cy: 'Gweithwyr achos i bobl sy’n cael eu stelcio.',
    phoneNote_cy: '',
    ...overrides,
  });

  it.skipIf(!available)(
    'loads the profile’s services once and lists them on Get help',
    async () => {
      const rows = await database.db.selectFrom('local_services').select('key').execute();
      expect(rows.map((r) => r.key)).toContain(SEEDED);
      // National services stay in the file: none of them is in the database.
      expect(rows.map((r) => r.key)).not.toContain('national-stalking-helpline');
      const page = await getHelp(app);
      expect(page).toContain('01632 960 123');
      const list = await client.get('/staff/services', editor.cookie);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`/staff/services/${SEEDED}`);
    },
  );

  it.skipIf(!available)(
    'shows an edit on the next request, on this server and on a second one',
    async () => {
      second = await start();
      expect(await getHelp(second)).toContain('01632 960 123');
      const saved = await client.post(`/staff/services/${SEEDED}`, fields(), editor.cookie);
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(`/staff/services/${SEEDED}?done=saved`);
      for (const instance of [app, second]) {
        const page = await getHelp(instance);
        expect(page).toContain('01632 960 999');
        expect(page).not.toContain('01632 960 123');
      }
      const welsh = await app.inject({ method: 'GET', url: '/get-help' });
      expect(welsh.body).toContain('Gweithwyr achos i bobl');
      const form = await client.get(`/staff/services/${SEEDED}`, editor.cookie);
      expect(form.body).toContain('sat 10:00-13:00');
    },
  );

  it.skipIf(!available)(
    'never undoes an edit or a deletion when a server starts again',
    async () => {
      const added = await client.post(
        '/staff/services/new',
        fields({ key: 'valley-helpline', name_en: 'Valley helpline', phone: '116 123' }),
        editor.cookie,
      );
      expect(added.statusCode).toBe(303);
      const gone = await client.post(
        '/staff/services/harbour-lane-young-people/delete',
        { csrf: editor.csrf },
        editor.cookie,
      );
      expect(gone.statusCode).toBe(303);
      await second?.close();
      second = await start();
      const page = await getHelp(second);
      expect(page).toContain('01632 960 999');
      expect(page).toContain('Valley helpline');
      expect(page).not.toContain('01632 960 456');
      expect(page).not.toContain('Harbour Lane youth line');
    },
  );

  it.skipIf(!available)('checks phone numbers and keeps the emergency numbers out', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ phone: '999' }, 'phone_emergency'],
      [{ phone: '101' }, 'phone_emergency'],
      [{ phone: '55' }, 'phone_emergency'],
      [{ phone: '12345' }, 'phone_invalid'],
      [{ phone: '0808 802 03' }, 'phone_invalid'],
      [{ phone: '+1 202 555 0100' }, 'phone_invalid'],
      [{ phone: 'call us' }, 'phone_invalid'],
      [{ phone: '', website: '' }, 'contact_missing'],
      [{ website: 'http://example.org' }, 'url_invalid'],
      [{ hours: 'weekdays 9-5' }, 'hours_invalid'],
      [{ for_adults: '' }, 'audience_missing'],
    ];
    for (const [overrides, code] of cases) {
      const f = fields(overrides);
      if (overrides.for_adults === '') delete (f as Record<string, string>).for_adults;
      const res = await client.post(`/staff/services/${SEEDED}`, f, editor.cookie);
      expect(res.statusCode, code).toBe(400);
      expect(client.codes(res.body), code).toContain(code);
    }
    const national = await client.post(
      '/staff/services/new',
      fields({ key: 'national-stalking-helpline' }),
      editor.cookie,
    );
    expect(client.codes(national.body)).toContain('key_taken');
    const emergency = await client.post(
      '/staff/services/new',
      fields({ key: 'emergency' }),
      editor.cookie,
    );
    expect(client.codes(emergency.body)).toContain('key_taken');
    // Nothing was changed by the refused forms, and the 999, 101 and 55 guidance is as it was.
    const page = await getHelp(app);
    expect(page).toContain('01632 960 999');
    expect(page).toContain('press 55 when asked');
    expect(page).toContain('href="tel:999"');
  });

  it.skipIf(!available)('needs a signed-in member and the CSRF token', async () => {
    expect((await client.get('/staff/services')).statusCode).toBe(303);
    const forged = await client.post(
      `/staff/services/${SEEDED}`,
      fields({ csrf: 'x'.repeat(43), phone: '01632 960 000' }),
      editor.cookie,
    );
    expect(forged.statusCode).toBe(403);
    expect(await getHelp(app)).not.toContain('01632 960 000');
  });

  it.skipIf(!available)('records every change in the audit log, by key only', async () => {
    const entries = await listAudit(database.db, 50);
    const services = entries.filter((e) => e.action.startsWith('service.'));
    expect(services.map((e) => `${e.action} ${e.target}`).sort()).toEqual([
      'service.create service:valley-helpline',
      'service.delete service:harbour-lane-young-people',
      `service.update service:${SEEDED}`,
    ]);
    expect(JSON.stringify(entries)).not.toContain('01632');
  });
});
