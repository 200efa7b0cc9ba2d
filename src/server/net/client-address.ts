/**
 * Who is at the other end, for rate limits: which proxies to believe (TRUST_PROXY), and the key
 * an address is counted under. An IPv6 host is usually given a whole /64, so one person can use
 * 2^64 addresses; counting each on its own would hand them a fresh budget per request.
 */
import { isIP } from 'node:net';

/**
 * How far to believe X-Forwarded-For: not at all; the last `hops` proxies (each appends the
 * address it saw, so the client's own leftmost entries are never read); or only proxies at
 * these addresses or ranges (proxy-addr's forms: `10.0.0.0/8`, `192.0.2.7`, `loopback`…).
 */
export type TrustProxy = false | number | readonly string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
export const MAX_PROXY_HOPS = 10;

/** The TRUST_PROXY setting, or a sentence saying what is wrong with it. */
export function parseTrustProxy(value: string): TrustProxy | { error: string } {
  const how =
    'Set TRUST_PROXY to false, to the number of proxies in front of Mosaic (usually 1), ' +
    'or to their addresses, such as 10.0.0.0/8,192.0.2.7.';
  if (value === 'false') return false;
  if (value === 'true') {
    return {
      error: `TRUST_PROXY=true would believe any X-Forwarded-For a client makes up. ${how}`,
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= MAX_PROXY_HOPS
      ? hops
      : { error: `TRUST_PROXY must be from 1 to ${MAX_PROXY_HOPS} proxies. ${how}` };
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    return { error: `TRUST_PROXY has "${bad.slice(0, 60)}", which is not an address. ${how}` };
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The key an address is counted under: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * as its IPv4 form), an IPv6 address as its /64 network, e.g. `2001:db8:0:1::/64`.
 */
export function addressKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  if (isIP(address) !== 6) return address;
  const groups = expandIPv6(address);
  if (!groups) return address;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return `${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}`;
  }
  return `${[a, b, c, d].map((n) => n.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` and a trailing IPv4 part). */
function expandIPv6(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [, p = '0', q = '0', r = '0', s = '0'] = v4;
    const hi = ((Number(p) << 8) | Number(q)).toString(16);
    const lo = ((Number(r) << 8) | Number(s)).toString(16);
    text = `${text.slice(0, v4.index)}${hi}:${lo}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map(
    (group) => parseInt(group, 16),
  );
}
