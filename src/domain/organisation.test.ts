import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { organisationJsonSchema } from './organisation-json-schema.js';
import { organisationProfileSchema } from './organisation.js';

const valid = {
  name: { en: 'Org', cy: 'Sefydliad' },
  shortName: 'Org',
  colours: { brand: '#1d4f91' },
  quickExit: { url: 'https://www.bbc.co.uk/weather' },
  police: { name: 'Police' },
  locales: ['en', 'cy'],
};

describe('organisation profile', () => {
  it('accepts a minimal profile and fills the defaults', () => {
    const p = organisationProfileSchema.parse(valid);
    expect(p.timeZone).toBe('Europe/London');
    expect(p.police.nonEmergencyPhone).toBe('101');
    expect(p.services).toEqual([]);
  });

  it.each([
    [
      'a brand colour white text cannot be read on',
      { colours: { brand: '#ffcc00' } },
      'colours.brand',
    ],
    [
      'an accent colour too light for links',
      { colours: { brand: '#1d4f91', accent: '#aaaaaa' } },
      'colours.accent',
    ],
    [
      'a quick-exit address that is not https',
      { quickExit: { url: 'http://example.org' } },
      'quickExit.url',
    ],
    ['an unknown locale', { locales: ['en', 'fr'] }, 'locales.1'],
    ['no locale', { locales: [] }, 'locales'],
    ['a time zone that does not exist', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    [
      'a phone number with letters',
      { police: { name: 'P', nonEmergencyPhone: '101-CALL' } },
      'police.nonEmergencyPhone',
    ],
    ['a logo that is not SVG', { logo: 'logo.png' }, 'logo'],
    ['an unknown field', { colour: '#000000' }, ''],
  ])('refuses %s', (_what, change, path) => {
    const result = organisationProfileSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('has its JSON Schema in config/, up to date (npm run schema regenerates it)', async () => {
    const onDisk: unknown = JSON.parse(
      await readFile(new URL('../../config/organisation.schema.json', import.meta.url), 'utf8'),
    );
    expect(onDisk).toEqual(organisationJsonSchema());
  });

  it('ships example profiles that are valid', async () => {
    for (const name of ['example.organisation.json', 'example-charity.organisation.json']) {
      const json: unknown = JSON.parse(
        await readFile(new URL(`../../config/${name}`, import.meta.url), 'utf8'),
      );
      expect(organisationProfileSchema.safeParse(json).success, name).toBe(true);
    }
  });
});
