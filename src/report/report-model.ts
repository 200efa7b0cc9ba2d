/**
 * The shape of the report model (src/report/model.ts builds it; pdf.ts draws it). Every string in
 * it is already in the report's language.
 */
import type { ReportOptions } from './input.js';
import type { ReportStrings } from './strings.js';

export interface Counted {
  readonly label: string;
  readonly count: number;
}

export interface LogEntry {
  /** 1, 2, 3… in time order. */
  readonly number: number;
  readonly id: string;
  /** "Sunday 29 March 2026, 19:05 (Europe/London, UTC+01:00)", in the entry's own zone. */
  readonly when: string;
  readonly approximate: boolean;
  readonly until?: string;
  readonly where?: string;
  readonly what: string;
  readonly behaviours: readonly string[];
  readonly channel?: string;
  readonly perpetrators: readonly string[];
  readonly witnesses: readonly string[];
  readonly police?: string;
  readonly exhibits: readonly string[];
  readonly feelings?: string;
  readonly changes?: string;
  readonly importedCount: number;
  readonly receipt?: string;
  /** "First written … Edited after…" or "Written … Not edited since." */
  readonly history: string;
  readonly edited: boolean;
  readonly revisions: number;
  /** The witness statements about this incident ("W1"), when there are any in the report. */
  readonly witnessStatements?: readonly string[];
}

export interface PersonSection {
  readonly id: string;
  readonly label: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
}

export interface ExhibitLine {
  /** "AB/1". */
  readonly ref: string;
  readonly evidenceId: string;
  readonly title: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly captured?: string;
  readonly size: number;
  readonly sha256: string;
}

export interface MessageLine {
  readonly at: string;
  readonly sender: string;
  readonly direction: string;
  readonly text: string;
}

export interface Conversation {
  readonly title: string;
  readonly messages: readonly MessageLine[];
}

export interface RiskAnswerLine {
  /** The question as the person was asked it. */
  readonly question: string;
  readonly answer: string;
  /** A "yes": a recognised warning sign. */
  readonly warning: boolean;
  readonly note?: string;
  readonly lastHappened?: string;
}

export interface RiskCheckSection {
  /** The latest check's date, in words. */
  readonly checkedOn: string;
  /** Serious warning signs: 999 and 55 come first. */
  readonly urgent: boolean;
  /** The questions answered yes, in question order. */
  readonly warnings: readonly string[];
  readonly answers: readonly RiskAnswerLine[];
  /** Every check, oldest first: its date, its warning signs, what changed since the one before. */
  readonly history: readonly {
    readonly checkedOn: string;
    readonly warnings: number;
    readonly changes: readonly string[];
  }[];
}

export interface SafetyPlanSection {
  /** The parts of the plan that have items, in the plan's order. */
  readonly parts: readonly {
    readonly title: string;
    readonly items: readonly { readonly text: string; readonly done: boolean }[];
  }[];
}

/** One witness statement, in the witness's own words (vault-protocol §15). */
export interface WitnessStatementLine {
  /** "W1". */
  readonly ref: string;
  /** The witness-statement record's id. */
  readonly id: string;
  /** The server's id of the sealed statement (its arrival receipt is for this id). */
  readonly statementId: string;
  /** "Witness statement W1". */
  readonly title: string;
  /** The log numbers of the incidents it is about, in order. */
  readonly incidents: readonly number[];
  readonly received: string;
  readonly when: string;
  readonly where?: string;
  readonly saw?: string;
  readonly said?: string;
  readonly howKnown?: string;
  /** The exhibit references of the files the witness sent ("AB/1, AB/2"), when in the report. */
  readonly files?: string;
  /** "Not given" (in the report's language) when the witness left it empty. */
  readonly name: string;
  readonly contact: string;
  /** "The witness declared … on 3 June 2026." */
  readonly declaration: string;
  /** The arrival receipt, when the log gave one. */
  readonly receipt?: string;
}

export interface ReportModel {
  readonly locale: ReportOptions['locale'];
  readonly strings: ReportStrings;
  readonly caseTitle: string;
  readonly cover: {
    readonly subject?: string;
    readonly contact?: string;
    readonly period: string;
    readonly madeOn: string;
    readonly madeWith: string;
    readonly verification?: ReportOptions['verification'];
  };
  readonly summary: {
    readonly incidents: number;
    readonly first?: string;
    readonly last?: string;
    readonly behaviours: readonly Counted[];
    readonly channels: readonly Counted[];
    readonly people: readonly Counted[];
    /**
     * Incidents over time: one bar a week, or one a month when the period is longer than
     * MAX_WEEKLY_BARS weeks (a bar a week for two years would fill two pages).
     */
    readonly overTime: { readonly unit: 'week' | 'month'; readonly bars: readonly Counted[] };
    readonly timeOfDay: readonly Counted[];
    readonly conduct: string;
  };
  /** Absent when the person chose not to include effects. */
  readonly effects?: readonly { readonly date: string; readonly text: string }[];
  readonly log: readonly LogEntry[];
  readonly people: {
    readonly responsible: readonly PersonSection[];
    readonly witnesses: readonly PersonSection[];
  };
  /** Absent when the person chose not to include it, or has no risk check. */
  readonly riskCheck?: RiskCheckSection;
  /** Absent when the person did not tick it, or has no plan. */
  readonly safetyPlan?: SafetyPlanSection;
  /** Absent when no kept statement is linked to an included incident, or they were left out. */
  readonly witnessStatements?: readonly WitnessStatementLine[];
  /** Absent when the person chose not to include evidence. */
  readonly exhibits?: readonly ExhibitLine[];
  /** Absent when the person chose not to include copied messages. */
  readonly conversations?: readonly Conversation[];
  /** The record ids the model draws on: what the bundle carries proofs for. */
  readonly recordIds: {
    readonly incidents: readonly string[];
    readonly people: readonly string[];
    readonly places: readonly string[];
    readonly effects: readonly string[];
    readonly evidence: readonly string[];
    readonly riskChecks: readonly string[];
    readonly safetyPlan: readonly string[];
    readonly witnessStatements: readonly string[];
  };
}
