import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, parseTrustProxy } from './client-address.js';

const group = fc.integer({ min: 0, max: 0xffff });
const eightGroups = fc.array(group, { minLength: 8, maxLength: 8 });

/** The shortest text form: the longest run of two or more zero groups written as `::`. */
function compressed(groups: number[]): string {
  const hex = groups.map((n) => n.toString(16));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.length < 2) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

describe('addressKey', () => {
  it('keeps IPv4 addresses as they are, and unwraps IPv4-mapped IPv6', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::FFFF:c633:6407')).toBe('198.51.100.7');
  });

  it('counts every address of one /64 under one key, in any written form', () => {
    fc.assert(
      fc.property(eightGroups, eightGroups, (a, b) => {
        // Not an IPv4-mapped address: those are counted as IPv4.
        fc.pre(!(a.slice(0, 5).every((n) => n === 0) && a[5] === 0xffff));
        const sameNetwork = [...a.slice(0, 4), ...b.slice(4)];
        const full = a.map((n) => n.toString(16).padStart(4, '0')).join(':');
        expect(addressKey(compressed(a))).toBe(addressKey(full));
        expect(addressKey(compressed(sameNetwork))).toBe(addressKey(full));
        expect(addressKey(full.toUpperCase())).toBe(addressKey(full));
        expect(addressKey(`${compressed(a)}%eth0`)).toBe(addressKey(full));
      }),
    );
  });

  it('keeps different /64 networks apart', () => {
    fc.assert(
      fc.property(eightGroups, eightGroups, (a, b) => {
        fc.pre(a.slice(0, 4).join() !== b.slice(0, 4).join());
        fc.pre(a.slice(0, 4).some((n) => n !== 0) || b.slice(0, 4).some((n) => n !== 0));
        expect(addressKey(compressed(a))).not.toBe(addressKey(compressed(b)));
      }),
    );
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });
});

describe('parseTrustProxy', () => {
  it('reads off, a number of hops, or a list of addresses and ranges', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7,2001:db8::/32,loopback')).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      '2001:db8::/32',
      'loopback',
    ]);
  });

  it.each(['true', '0', '11', 'yes', '10.0.0.0/33', '2001:db8::/129', 'proxy.example', '1.2.3'])(
    'refuses %s with a sentence saying how to set it',
    (value) => {
      const result = parseTrustProxy(value);
      expect(result).toHaveProperty('error');
      expect((result as { error: string }).error).toMatch(/TRUST_PROXY/);
    },
  );
});
