/**
 * The public self-check, "Is this stalking?": its questions as codes, reading a submitted form,
 * which question comes next, and what the answers suggest. Pure: no DOM, no Node, no storage.
 *
 * Built on the police's FOUR pattern (fixated, obsessive, unwanted, repeated) and the common
 * behaviours. The outcome never says a person is safe or that a crime was committed: only the
 * police and the courts decide that. It always ends with what to do and where to get help.
 */

/** An answer to a yes/no question. */
export const YES_NO = ['yes', 'no', 'not-sure'] as const;
export type YesNo = (typeof YES_NO)[number];

/** What the person has been through, for the one "select all that apply" question. */
export const BEHAVIOURS = [
  'contact',
  'turning-up',
  'watching',
  'online',
  'property',
  'others',
  'threats',
  'violence',
] as const;
/** A kind of behaviour the self-check asks about (the diary's own list is in diary/taxonomy.ts). */
export type SelfCheckBehaviour = (typeof BEHAVIOURS)[number];
export const NONE = 'none';

/** The questions, in the order they are asked. */
export const QUESTIONS = [
  'unwanted',
  'repeated',
  'behaviours',
  'fixated',
  'obsessive',
  'fear',
] as const;
export type Question = (typeof QUESTIONS)[number];

export interface Answers {
  unwanted?: YesNo;
  repeated?: YesNo;
  /** An empty list is "none of these". */
  behaviours?: readonly SelfCheckBehaviour[];
  fixated?: YesNo;
  obsessive?: YesNo;
  fear?: YesNo;
}

/** A submitted form: each field name with all its values (a checkbox field has several). */
export type FormFields = Readonly<Record<string, readonly string[]>>;

export type SelfCheckError = 'missing' | 'noneAndOthers';

/** The answers in a form. Anything unknown or malformed is ignored, never an error. */
export function readAnswers(fields: FormFields): Answers {
  const answers: Answers = {};
  for (const q of QUESTIONS) {
    if (q === 'behaviours') {
      const behaviours = readBehaviours(fields);
      if (behaviours !== undefined && behaviours !== 'noneAndOthers')
        answers.behaviours = behaviours;
    } else {
      const value = single(fields, q);
      if (value !== undefined && (YES_NO as readonly string[]).includes(value)) {
        answers[q] = value as YesNo;
      }
    }
  }
  return answers;
}

/**
 * The behaviours field: the chosen behaviours (each once, in the list's order), [] for "none of
 * these", undefined when nothing was chosen, 'noneAndOthers' when both were.
 */
function readBehaviours(
  fields: FormFields,
): readonly SelfCheckBehaviour[] | 'noneAndOthers' | undefined {
  const values = fields['behaviours'] ?? [];
  const chosen = BEHAVIOURS.filter((b) => values.includes(b));
  const none = values.includes(NONE);
  if (none && chosen.length > 0) return 'noneAndOthers';
  if (none) return [];
  return chosen.length > 0 ? chosen : undefined;
}

/** Why the answer to `question` in this form cannot be used, or undefined when it can. */
export function answerError(fields: FormFields, question: Question): SelfCheckError | undefined {
  if (question === 'behaviours') {
    const b = readBehaviours(fields);
    if (b === 'noneAndOthers') return 'noneAndOthers';
    return b === undefined ? 'missing' : undefined;
  }
  return readAnswers(fields)[question] === undefined ? 'missing' : undefined;
}

function single(fields: FormFields, name: string): string | undefined {
  const values = fields[name];
  return values !== undefined && values.length === 1 ? values[0] : undefined;
}

export function isQuestion(value: string | undefined): value is Question {
  return value !== undefined && (QUESTIONS as readonly string[]).includes(value);
}

/** The question after `question`, or 'result' after the last. */
export function nextStep(question: Question): Question | 'result' {
  return QUESTIONS[QUESTIONS.indexOf(question) + 1] ?? 'result';
}

/** The question before `question`, or 'start' before the first. */
export function previousStep(question: Question): Question | 'start' {
  const i = QUESTIONS.indexOf(question);
  return i <= 0 ? 'start' : (QUESTIONS[i - 1] ?? 'start');
}

/** The fields that carry `answers` forward, leaving out `except` (the question being asked). */
export function hiddenFields(answers: Answers, except?: Question): [string, string][] {
  const out: [string, string][] = [];
  for (const q of QUESTIONS) {
    if (q === except) continue;
    if (q === 'behaviours') {
      const b = answers.behaviours;
      if (b === undefined) continue;
      if (b.length === 0) out.push([q, NONE]);
      else for (const value of b) out.push([q, value]);
    } else {
      const value = answers[q];
      if (value !== undefined) out.push([q, value]);
    }
  }
  return out;
}

/**
 * What the answers suggest:
 * - 'stalking-pattern': unwanted, repeated, and fixated or obsessive (FOUR);
 * - 'harassment-pattern': unwanted and repeated, without signs of fixation;
 * - 'once': it has happened once — not a pattern yet, but worth writing down;
 * - 'unclear': not enough yes answers to say; the person is still pointed to help.
 */
export type Pattern = 'stalking-pattern' | 'harassment-pattern' | 'once' | 'unclear';

export interface Outcome {
  readonly pattern: Pattern;
  /** Show "call 999 if you are in danger now" first: threats, violence or fear. */
  readonly urgent: boolean;
  /** The answers that are warning signs, to explain one by one. */
  readonly warnings: readonly Warning[];
  /** The FOUR parts answered yes (or not sure, which counts as "maybe"). */
  readonly four: Readonly<
    Record<'fixated' | 'obsessive' | 'unwanted' | 'repeated', YesNo | undefined>
  >;
}

export type Warning = 'threats' | 'violence' | 'property' | 'turning-up' | 'others' | 'fear';

const yesish = (a: YesNo | undefined): boolean => a === 'yes' || a === 'not-sure';

export function outcome(answers: Answers): Outcome {
  const behaviours = answers.behaviours ?? [];
  const warnings: Warning[] = [];
  for (const w of ['threats', 'violence', 'property', 'turning-up', 'others'] as const) {
    if (behaviours.includes(w)) warnings.push(w);
  }
  if (answers.fear === 'yes') warnings.push('fear');
  const urgent =
    behaviours.includes('threats') || behaviours.includes('violence') || answers.fear === 'yes';
  const unwanted = yesish(answers.unwanted);
  const repeated = yesish(answers.repeated);
  const fixation = yesish(answers.fixated) || yesish(answers.obsessive);
  const pattern: Pattern =
    unwanted && repeated && fixation
      ? 'stalking-pattern'
      : unwanted && repeated
        ? 'harassment-pattern'
        : unwanted && answers.repeated === 'no'
          ? 'once'
          : 'unclear';
  return {
    pattern,
    urgent,
    warnings,
    four: {
      fixated: answers.fixated,
      obsessive: answers.obsessive,
      unwanted: answers.unwanted,
      repeated: answers.repeated,
    },
  };
}
