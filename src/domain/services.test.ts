import { describe, expect, it } from 'vitest';
import {
  filterServices,
  mergeServices,
  serviceListSchema,
  telHref,
  type Service,
} from './services.js';

const service = (key: string, extra: Partial<Service> = {}): Service => ({
  key,
  name: key,
  phone: '0800 000 000',
  audiences: ['everyone'],
  area: 'national',
  listed: true,
  ...extra,
});

describe('services', () => {
  it('makes tel: links from numbers as people write them', () => {
    expect(telHref('0808 802 0300')).toBe('tel:08088020300');
    expect(telHref('+44 20 3866 4107')).toBe('tel:+442038664107');
  });

  it('lets a local service replace a national one with the same key', () => {
    const merged = mergeServices(
      [service('a'), service('b')],
      [service('b', { name: 'local b' }), service('c')],
    );
    expect(merged.map((s) => [s.key, s.name])).toEqual([
      ['a', 'a'],
      ['b', 'local b'],
      ['c', 'c'],
    ]);
  });

  it('filters by audience (everyone fits all) and by area, never listing unlisted numbers', () => {
    const list = [
      service('all'),
      service('kids', { audiences: ['children-and-young-people'] }),
      service('local', { audiences: ['adults'], area: { local: 'Town' } }),
      service('999', { listed: false }),
    ];
    const keys = (f: Parameters<typeof filterServices>[1]) =>
      filterServices(list, f).map((s) => s.key);
    expect(keys({ audience: undefined, area: undefined })).toEqual(['all', 'kids', 'local']);
    expect(keys({ audience: 'children-and-young-people', area: undefined })).toEqual([
      'all',
      'kids',
    ]);
    expect(keys({ audience: undefined, area: 'local' })).toEqual(['local']);
    expect(keys({ audience: 'adults', area: 'national' })).toEqual(['all']);
  });

  it('refuses a list with two services of the same key, or a service with no way to reach it', () => {
    expect(serviceListSchema.safeParse([service('a'), service('a')]).success).toBe(false);
    expect(serviceListSchema.safeParse([{ key: 'x', name: 'X', area: 'national' }]).success).toBe(
      false,
    );
  });
});
