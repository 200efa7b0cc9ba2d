/**
 * The report's risk check and safety plan sections (issue 15), built from their records when the
 * person chose to include them. Each question is printed as the person was asked it
 * (src/domain/safety/risk-words.ts), with the answer they gave; nothing is scored.
 */
import { formatDate } from '../domain/diary/text.js';
import {
  RISK_QUESTIONS,
  riskChanges,
  riskResult,
  type RiskAnswerValue,
  type RiskCheck,
} from '../domain/safety/risk-check.js';
import { PLAN_SECTION_WORDS, RISK_QUESTION_WORDS } from '../domain/safety/risk-words.js';
import { bySection, type SafetyPlan } from '../domain/safety/safety-plan.js';
import { current, type ReportOptions, type ReportRecord } from './input.js';
import type { RiskAnswerLine, RiskCheckSection, SafetyPlanSection } from './report-model.js';
import { REPORT_STRINGS } from './strings.js';

/** Checks oldest first: by the day answered, then by when saved. */
export function checksInOrder(
  checks: readonly ReportRecord<RiskCheck>[],
): ReportRecord<RiskCheck>[] {
  return [...checks].sort(
    (a, b) =>
      current(a).value.answeredOn.localeCompare(current(b).value.answeredOn) ||
      current(a).savedAt.localeCompare(current(b).savedAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The section, or undefined when there is no check. `checks` in any order. */
export function riskCheckSection(
  checks: readonly ReportRecord<RiskCheck>[],
  loc: ReportOptions['locale'],
): RiskCheckSection | undefined {
  const ordered = checksInOrder(checks).map((r) => current(r).value);
  const latest = ordered[ordered.length - 1];
  if (latest === undefined) return undefined;
  const s = REPORT_STRINGS[loc].risk;
  const words = RISK_QUESTION_WORDS[loc];
  const answerWord = (a: RiskAnswerValue | undefined) =>
    a === undefined ? s.noAnswer : s.answers[a];
  const result = riskResult(latest);
  const answers: RiskAnswerLine[] = RISK_QUESTIONS.flatMap((q) => {
    const a = latest.answers[q];
    if (a === undefined) return [];
    return [
      {
        question: words[q].question,
        answer: s.answers[a.answer],
        warning: a.answer === 'yes',
        ...(a.note !== undefined && a.note !== '' ? { note: a.note } : {}),
        ...(a.date !== undefined ? { lastHappened: formatDate(a.date)[loc] } : {}),
      },
    ];
  });
  return {
    checkedOn: formatDate(latest.answeredOn)[loc],
    urgent: result.urgent,
    warnings: result.warnings.map((q) => words[q].question),
    answers,
    history: ordered.map((check, i) => {
      const before = ordered[i - 1];
      const changes =
        before === undefined
          ? [s.firstCheck]
          : riskChanges(before, check).map((c) =>
              s.change(words[c.question].question, answerWord(c.before), answerWord(c.after)),
            );
      return {
        checkedOn: formatDate(check.answeredOn)[loc],
        warnings: riskResult(check).warnings.length,
        changes: changes.length === 0 ? [s.noChanges] : changes,
      };
    }),
  };
}

/** The plan's parts that have items, or undefined when there is no plan or it is empty. */
export function safetyPlanSection(
  plans: readonly ReportRecord<SafetyPlan>[],
  loc: ReportOptions['locale'],
): SafetyPlanSection | undefined {
  // One plan per account; should there be more, the one saved last is the plan.
  const plan = [...plans]
    .sort((a, b) => current(a).savedAt.localeCompare(current(b).savedAt))
    .at(-1);
  if (plan === undefined) return undefined;
  const parts = bySection(current(plan).value)
    .filter(([, items]) => items.length > 0)
    .map(([section, items]) => ({
      title: PLAN_SECTION_WORDS[loc][section],
      items: items.map((i) => ({ text: i.text, done: i.done })),
    }));
  return parts.length === 0 ? undefined : { parts };
}

/** The plan record the section draws on (the one saved last), for the bundle. */
export function planRecordId(plans: readonly ReportRecord<SafetyPlan>[]): string | undefined {
  return [...plans].sort((a, b) => current(a).savedAt.localeCompare(current(b).savedAt)).at(-1)?.id;
}
