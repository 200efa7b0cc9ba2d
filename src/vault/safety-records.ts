/**
 * The risk check and the safety plan as vault records, sealed and opened exactly as the diary's
 * records are (diary-records.ts): each record its own content key, each revision bound to its id,
 * type and revision, every plaintext checked against its schema before it is shown.
 *
 * - 'risk-check': one record per check, never edited, so the list is the history of checks;
 * - 'safety-plan': one record, edited in place; its revisions are the plan's history.
 */
import {
  RISK_CHECK_TYPE,
  riskCheckSchema,
  type RiskCheck,
  type RiskCheckInput,
} from '../domain/safety/risk-check.js';
import {
  SAFETY_PLAN_TYPE,
  safetyPlanSchema,
  type SafetyPlan,
} from '../domain/safety/safety-plan.js';
import type { Kind } from './diary-records.js';
import { RecordShapeError } from './records.js';

function parser<T>(schema: {
  safeParse: (v: unknown) => { success: true; data: T } | { success: false };
}): (value: unknown) => T {
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new RecordShapeError('the record does not fit its schema');
    return result.data;
  };
}

export const RISK_CHECK: Kind<RiskCheck, RiskCheckInput> = {
  type: RISK_CHECK_TYPE,
  parse: parser<RiskCheck>(riskCheckSchema),
  check: parser<RiskCheck>(riskCheckSchema),
};

export const SAFETY_PLAN: Kind<SafetyPlan, SafetyPlan> = {
  type: SAFETY_PLAN_TYPE,
  parse: parser<SafetyPlan>(safetyPlanSchema),
  check: parser<SafetyPlan>(safetyPlanSchema),
};

/** Checks newest first, by the day answered and then by when saved. */
export function newestFirst<T extends { value: RiskCheck; createdAt: string }>(checks: T[]): T[] {
  return [...checks].sort(
    (a, b) =>
      b.value.answeredOn.localeCompare(a.value.answeredOn) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}
