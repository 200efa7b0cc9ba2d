import { describe, expect, it } from 'vitest';
import {
  BEHAVIOUR_GROUPS,
  BEHAVIOURS,
  behaviour,
  behavioursInGroup,
  channel,
  CHANNELS,
  EFFECTS,
  isLegalExample,
  LEGAL_EXAMPLES,
  PLACE_KINDS,
  RELATIONSHIPS,
} from './taxonomy.js';

const KEY = /^[a-z]+(-[a-z]+)*$/;

describe('taxonomy', () => {
  it('groups behaviours as a person would recognise them', () => {
    expect(BEHAVIOUR_GROUPS.map((g) => g.label.en)).toEqual([
      'Contact',
      'Following, watching and turning up',
      'Online and technology',
      'Property and home',
      'Threats and violence',
      'Through other people',
    ]);
    for (const group of BEHAVIOUR_GROUPS) {
      expect(behavioursInGroup(group.key).length, group.key).toBeGreaterThanOrEqual(3);
    }
    // Listed group by group, so a form can render them in order.
    const order = BEHAVIOURS.map((b) => BEHAVIOUR_GROUPS.findIndex((g) => g.key === b.group));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('has stable, unique, well-formed keys everywhere', () => {
    for (const list of [
      BEHAVIOURS,
      CHANNELS,
      EFFECTS,
      RELATIONSHIPS,
      PLACE_KINDS,
      LEGAL_EXAMPLES,
    ]) {
      const keys = list.map((x) => x.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(KEY);
    }
  });

  it('has English and Welsh for every label and hint', () => {
    const texts = [
      ...BEHAVIOUR_GROUPS.map((g) => g.label),
      ...BEHAVIOURS.flatMap((b) => [b.label, b.hint]),
      ...CHANNELS.flatMap((c) => [
        c.label,
        ...(c.hint ? [c.hint] : []),
        ...(c.detailQuestion ? [c.detailQuestion] : []),
      ]),
      ...EFFECTS.flatMap((e) => [e.label, e.hint]),
      ...RELATIONSHIPS.map((r) => r.label),
      ...PLACE_KINDS.map((p) => p.label),
      ...LEGAL_EXAMPLES.map((l) => l.label),
    ];
    for (const t of texts) {
      expect(t.en.trim(), JSON.stringify(t)).not.toBe('');
      expect(t.cy.trim(), JSON.stringify(t)).not.toBe('');
      expect(t.cy, 'use straight apostrophes, as the Welsh pages do').not.toMatch(/[’‘]/);
    }
  });

  it('marks the s.2A(3) examples, and every example has a behaviour', () => {
    expect(LEGAL_EXAMPLES.map((l) => l.paragraph)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const example of LEGAL_EXAMPLES) {
      expect(
        BEHAVIOURS.some((b) => b.legalExample === example.key),
        example.key,
      ).toBe(true);
    }
    expect(isLegalExample('following')).toBe(true);
    expect(isLegalExample('loitering')).toBe(true);
    expect(isLegalExample('spyware')).toBe(true);
    expect(isLegalExample('threats-to-kill')).toBe(false);
    expect(behaviour('following')?.label.en).toBe('Following you');
    expect(behaviour('no-such-thing')).toBeUndefined();
  });

  it('has the channels and the s.4A effects the diary asks about', () => {
    expect(CHANNELS.map((c) => c.key)).toEqual([
      'in-person',
      'phone-call',
      'text',
      'messaging-app',
      'social-media',
      'email',
      'letter-or-gift',
      'third-party',
      'online-post',
      'other',
    ]);
    expect(channel('social-media')?.detailQuestion?.en).toBe('Which social media?');
    expect(EFFECTS.map((e) => e.key)).toEqual([
      'route-or-travel',
      'work',
      'childcare',
      'home-security',
      'moving-home',
      'socialising',
      'other',
    ]);
  });

  it('marks relationships that also make it domestic abuse', () => {
    expect(RELATIONSHIPS.filter((r) => r.domesticAbuse).map((r) => r.key)).toEqual([
      'ex-partner',
      'partner',
      'family',
    ]);
  });
});
