import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addItem,
  EMPTY_PLAN,
  PLAN_SECTIONS,
  removeItem,
  safetyPlanSchema,
  SUGGESTIONS,
  suggestionsFor,
  updateItem,
  type PlanItem,
  type SafetyPlan,
} from './safety-plan.js';

const itemArb: fc.Arbitrary<PlanItem> = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/),
  section: fc.constantFrom(...PLAN_SECTIONS),
  text: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== ''),
  done: fc.boolean(),
});

type Op =
  | { op: 'add'; item: PlanItem }
  | { op: 'tick'; index: number; done: boolean }
  | { op: 'edit'; index: number; text: string }
  | { op: 'remove'; index: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  itemArb.map((item) => ({ op: 'add' as const, item })),
  fc.record({ op: fc.constant('tick' as const), index: fc.nat(20), done: fc.boolean() }),
  fc.record({ op: fc.constant('edit' as const), index: fc.nat(20), text: fc.constant('Call Sam') }),
  fc.record({ op: fc.constant('remove' as const), index: fc.nat(20) }),
);

function apply(plan: SafetyPlan, op: Op): SafetyPlan {
  const id = plan.items[op.op === 'add' ? 0 : op.index % Math.max(1, plan.items.length)]?.id ?? '';
  switch (op.op) {
    case 'add':
      return addItem(plan, op.item);
    case 'tick':
      return updateItem(plan, id, { done: op.done });
    case 'edit':
      return updateItem(plan, id, { text: op.text });
    case 'remove':
      return removeItem(plan, id);
  }
}

describe('safety plan', () => {
  it('stays a valid plan with unique ids through any ticks, edits, additions and deletions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const plan = ops.reduce(apply, EMPTY_PLAN);
        expect(safetyPlanSchema.safeParse(plan).success).toBe(true);
        expect(new Set(plan.items.map((i) => i.id)).size).toBe(plan.items.length);
      }),
    );
  });

  it('never suggests what the plan already has, and puts what the risk check points to first', () => {
    const plan = addItem(EMPTY_PLAN, {
      id: 'a',
      section: 'home',
      text: 'Lock up',
      done: false,
      suggestion: 'home-locks',
    });
    const list = suggestionsFor(plan, { answers: { visits: { answer: 'yes' } } });
    expect(list.map((s) => s.key)).not.toContain('home-locks');
    expect(list).toHaveLength(SUGGESTIONS.length - 1);
    const firstOther = list.findIndex(
      (s) => !(s.when as readonly string[] | undefined)?.includes('visits'),
    );
    expect(
      list.slice(0, firstOther).every((s) => (s.when as readonly string[]).includes('visits')),
    ).toBe(true);
    expect(
      list
        .slice(firstOther)
        .some((s) => (s.when as readonly string[] | undefined)?.includes('visits')),
    ).toBe(false);
  });

  it('refuses an empty item, a duplicate id or an unknown section', () => {
    const item = { id: 'x', section: 'home', text: 'Lights on', done: false };
    expect(safetyPlanSchema.safeParse({ items: [item] }).success).toBe(true);
    expect(safetyPlanSchema.safeParse({ items: [{ ...item, text: '  ' }] }).success).toBe(false);
    expect(safetyPlanSchema.safeParse({ items: [item, item] }).success).toBe(false);
    expect(safetyPlanSchema.safeParse({ items: [{ ...item, section: 'garage' }] }).success).toBe(
      false,
    );
  });
});
