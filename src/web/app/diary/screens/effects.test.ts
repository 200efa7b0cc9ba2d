import { describe, expect, it } from 'vitest';
import { EFFECT_KEYS } from '../../../../domain/diary/index.js';
import { DIARY_MESSAGES } from '../messages.js';
import {
  byStartDescending,
  checkEffect,
  effectToFields,
  emptyEffectFields,
  type EffectFields,
} from '../effect-form.js';

const TODAY = '2026-03-10';
const filled = (over: Partial<EffectFields> = {}): EffectFields => ({
  ...emptyEffectFields(),
  change: 'route-or-travel',
  day: '3',
  month: '2',
  year: '2026',
  ...over,
});

describe('the change-to-daily-life form', () => {
  it('makes one effect record from a choice, a date and words', () => {
    expect(checkEffect(filled({ description: '  I take the bus now. ' }), TODAY)).toEqual({
      ok: true,
      value: {
        schemaVersion: 1,
        change: 'route-or-travel',
        startedOn: '2026-02-03',
        description: 'I take the bus now.',
        incidentIds: [],
      },
    });
    expect(checkEffect(filled({ day: '10', month: '3' }), TODAY).ok).toBe(true);
  });

  it('asks for a change from the list and a real date that is not in the future', () => {
    expect(checkEffect(emptyEffectFields(), TODAY)).toEqual({
      ok: false,
      errors: { change: 'change', date: 'dateRequired' },
    });
    expect(checkEffect(filled({ change: 'flying' }), TODAY)).toEqual({
      ok: false,
      errors: { change: 'change' },
    });
    expect(checkEffect(filled({ year: '' }), TODAY)).toEqual({
      ok: false,
      errors: { date: 'dateIncomplete' },
    });
    expect(checkEffect(filled({ day: '30', month: '2' }), TODAY)).toEqual({
      ok: false,
      errors: { date: 'dateInvalid' },
    });
    expect(checkEffect(filled({ day: '11', month: '3' }), TODAY)).toEqual({
      ok: false,
      errors: { date: 'dateFuture' },
    });
    expect(checkEffect(filled({ description: 'x'.repeat(10_001) }), TODAY)).toEqual({
      ok: false,
      errors: { description: 'descriptionLong' },
    });
  });

  it('has a message in both languages for every error', () => {
    for (const locale of ['en', 'cy'] as const) {
      const e = DIARY_MESSAGES[locale].diary.effects.errors;
      for (const code of [
        'change',
        'dateRequired',
        'dateIncomplete',
        'dateInvalid',
        'dateFuture',
        'descriptionLong',
      ] as const) {
        expect(e[code].length).toBeGreaterThan(0);
      }
    }
  });

  it('round-trips a saved record, keeping linked incidents it does not show', () => {
    const saved = {
      schemaVersion: 1 as const,
      change: 'work' as const,
      startedOn: '2025-11-07',
      description: 'Changed shifts',
      incidentIds: ['incident-1'],
    };
    const fields = effectToFields(saved);
    expect(fields).toMatchObject({ change: 'work', day: '7', month: '11', year: '2025' });
    expect(checkEffect(fields, TODAY)).toEqual({ ok: true, value: saved });
    expect(checkEffect({ ...fields, description: '' }, TODAY)).toEqual({
      ok: true,
      value: { ...saved, description: undefined },
    });
  });

  it('offers every change in the taxonomy', () => {
    for (const change of EFFECT_KEYS) expect(checkEffect(filled({ change }), TODAY).ok).toBe(true);
  });
});

describe('byStartDescending', () => {
  it('lists the latest change first, ties in the order they were recorded', () => {
    const record = (id: string, startedOn: string, createdAt: string) => ({
      id,
      createdAt,
      value: { schemaVersion: 1 as const, change: 'work' as const, startedOn, incidentIds: [] },
    });
    const list = [
      record('a', '2026-01-01', '2026-01-05T00:00:00Z'),
      record('b', '2026-02-01', '2026-02-02T00:00:00Z'),
      record('c', '2026-01-01', '2026-01-02T00:00:00Z'),
    ];
    expect(byStartDescending(list).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(list.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
