/**
 * The safety plan in the vault: its sections, its items (ticked, edited, deleted by the person),
 * the suggestions drawn from the advice pages (FACTS.md §8) and from a risk check's answers, and
 * the pure operations on a plan. Words live with the screens (src/web/app/safety); here a
 * suggestion is a key, its section and the advice page that explains it.
 */
import { z } from 'zod';
import type { RiskCheck, RiskQuestion } from './risk-check.js';

export const SAFETY_PLAN_TYPE = 'safety-plan';

export const PLAN_SECTIONS = [
  'people',
  'places',
  'home',
  'travel',
  'work',
  'online',
  'children',
  'bag',
  'if-seen',
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export interface Suggestion {
  readonly key: string;
  readonly section: PlanSection;
  /** The public advice page that says more (a content slug). */
  readonly advice: 'staying-safe' | 'online-stalking' | 'keeping-a-record' | 'what-to-do';
  /** Risk-check questions whose "yes" makes this suggestion come first. */
  readonly when?: readonly RiskQuestion[];
}

export const SUGGESTIONS = [
  { key: 'people-trusted', section: 'people', advice: 'staying-safe' },
  {
    key: 'people-code-word',
    section: 'people',
    advice: 'staying-safe',
    when: ['threats', 'violence', 'fear'],
  },
  {
    key: 'people-tell-others',
    section: 'people',
    advice: 'staying-safe',
    when: ['third-parties', 'proxies'],
  },
  { key: 'places-safe', section: 'places', advice: 'staying-safe', when: ['loitering', 'visits'] },
  { key: 'home-locks', section: 'home', advice: 'staying-safe', when: ['damage'] },
  { key: 'home-keys', section: 'home', advice: 'staying-safe', when: ['damage'] },
  { key: 'home-lights', section: 'home', advice: 'staying-safe', when: ['loitering'] },
  { key: 'home-doorbell', section: 'home', advice: 'staying-safe', when: ['visits', 'loitering'] },
  { key: 'home-post', section: 'home', advice: 'keeping-a-record' },
  { key: 'travel-vary', section: 'travel', advice: 'staying-safe', when: ['visits', 'loitering'] },
  { key: 'travel-tell', section: 'travel', advice: 'staying-safe' },
  { key: 'travel-busy', section: 'travel', advice: 'staying-safe', when: ['loitering'] },
  { key: 'work-tell', section: 'work', advice: 'staying-safe', when: ['visits', 'third-parties'] },
  { key: 'online-privacy', section: 'online', advice: 'online-stalking' },
  {
    key: 'online-location',
    section: 'online',
    advice: 'online-stalking',
    when: ['visits', 'loitering'],
  },
  {
    key: 'online-trackers',
    section: 'online',
    advice: 'online-stalking',
    when: ['visits', 'loitering'],
  },
  { key: 'online-logins', section: 'online', advice: 'online-stalking' },
  { key: 'children-school', section: 'children', advice: 'staying-safe', when: ['threats'] },
  {
    key: 'children-pets',
    section: 'children',
    advice: 'staying-safe',
    when: ['threats', 'damage'],
  },
  { key: 'bag-phone', section: 'bag', advice: 'staying-safe' },
  { key: 'bag-documents', section: 'bag', advice: 'staying-safe', when: ['threats', 'violence'] },
  { key: 'bag-keys-money', section: 'bag', advice: 'staying-safe', when: ['threats', 'violence'] },
  { key: 'seen-no-contact', section: 'if-seen', advice: 'what-to-do' },
  {
    key: 'seen-999',
    section: 'if-seen',
    advice: 'what-to-do',
    when: ['threats', 'violence', 'fear', 'breach'],
  },
  { key: 'seen-record', section: 'if-seen', advice: 'keeping-a-record', when: ['breach'] },
] as const satisfies readonly Suggestion[];
export type SuggestionKey = (typeof SUGGESTIONS)[number]['key'];
const SUGGESTION_KEYS = SUGGESTIONS.map((s) => s.key) as [SuggestionKey, ...SuggestionKey[]];

export const MAX_PLAN_ITEMS = 300;
export const MAX_ITEM_TEXT = 500;

export const planItemSchema = z
  .object({
    /** Unique within the plan; made by the client. */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    section: z.enum(PLAN_SECTIONS),
    text: z
      .string()
      .trim()
      .min(1, { error: 'Write what you will do' })
      .max(MAX_ITEM_TEXT, { error: `Keep it under ${MAX_ITEM_TEXT} characters` }),
    done: z.boolean().default(false),
    /** The suggestion it came from, so it is not suggested again. */
    suggestion: z.enum(SUGGESTION_KEYS).optional(),
  })
  .strict();
export type PlanItem = z.infer<typeof planItemSchema>;

export const safetyPlanSchema = z
  .object({
    schemaVersion: z.literal(1).default(1),
    items: z
      .array(planItemSchema)
      .max(MAX_PLAN_ITEMS)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
        error: 'Each item needs its own id',
      }),
  })
  .strict();
export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

export const EMPTY_PLAN: SafetyPlan = { schemaVersion: 1, items: [] };

/**
 * Suggestions not yet in the plan: those the risk check's "yes" answers point to first, then the
 * rest, each group in the list's order (which follows the sections).
 */
export function suggestionsFor(plan: SafetyPlan, check?: Pick<RiskCheck, 'answers'>): Suggestion[] {
  const used = new Set(plan.items.map((i) => i.suggestion));
  const open: Suggestion[] = SUGGESTIONS.filter((s) => !used.has(s.key));
  const yes = (q: RiskQuestion): boolean => check?.answers[q]?.answer === 'yes';
  const flagged = (s: Suggestion): boolean => (s.when ?? []).some(yes);
  return [...open.filter(flagged), ...open.filter((s) => !flagged(s))];
}

export function addItem(plan: SafetyPlan, item: PlanItem): SafetyPlan {
  if (plan.items.some((i) => i.id === item.id)) return plan;
  return { ...plan, items: [...plan.items, item] };
}

export function updateItem(
  plan: SafetyPlan,
  id: string,
  change: Partial<Pick<PlanItem, 'text' | 'done' | 'section'>>,
): SafetyPlan {
  return { ...plan, items: plan.items.map((i) => (i.id === id ? { ...i, ...change } : i)) };
}

export function removeItem(plan: SafetyPlan, id: string): SafetyPlan {
  return { ...plan, items: plan.items.filter((i) => i.id !== id) };
}

/** Items grouped by section, in section order, each section's items in the order added. */
export function bySection(plan: SafetyPlan): [PlanSection, PlanItem[]][] {
  return PLAN_SECTIONS.map((s) => [s, plan.items.filter((i) => i.section === s)]);
}
