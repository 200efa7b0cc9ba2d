/**
 * Report inputs for tests, the benchmark and examples: the diary domain's generated incidents
 * turned into records with revisions, receipts, evidence and copied messages. Deterministic.
 */
import { generateIncidents, seededRandom } from '../domain/diary/fixtures.js';
import type { Incident } from '../domain/diary/index.js';
import type { Evidence } from '../domain/evidence/index.js';
import type { RiskCheck } from '../domain/safety/risk-check.js';
import type { SafetyPlan } from '../domain/safety/safety-plan.js';
import type { WitnessStatementRecord } from '../domain/witness.js';
import type { RecordRevision, ReportRecord, ReportRecords } from './input.js';

const hex = (random: () => number): string =>
  Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');

function single<T>(id: string, value: T, savedAt: string, leafIndex?: number): ReportRecord<T> {
  const revision: RecordRevision<T> = {
    revision: 1,
    savedAt,
    value,
    ...(leafIndex !== undefined ? { receipt: { receivedAt: savedAt, leafIndex } } : {}),
  };
  return { id, revisions: [revision] };
}

/** An evidence record whose file is `size` bytes with the given SHA-256. */
export function sampleEvidence(
  title: string,
  name: string,
  size: number,
  sha256: string,
  date = '2026-03-14',
): Evidence {
  return {
    schemaVersion: 1,
    title,
    date,
    source: 'file',
    file: { name, mediaType: 'image/jpeg', size, sha256 },
    encryption: {
      fileId: 'file-0000001',
      key: 'A'.repeat(43),
      header: 'A'.repeat(28),
      fingerprint: '0'.repeat(64),
    },
    upload: {
      id: 'upload-1',
      state: 'complete',
      startedAt: '2026-03-14T10:00:00Z',
      completedAt: '2026-03-14T10:01:00Z',
    },
  };
}

/**
 * `n` incidents from the domain generator, every third one edited once (its words changed), with
 * receipts, the people, places and effects, evidence for each linked id and, on every tenth
 * incident, a few copied messages.
 */
export function sampleRecords(n: number, seed = 1): ReportRecords {
  const random = seededRandom(seed);
  const diary = generateIncidents(n, seed);
  let leaf = 0;
  const incidents = diary.incidents.map(({ id, value }, k): ReportRecord<Incident> => {
    const savedAt = new Date(Date.parse(value.when.start) + 3_600_000).toISOString();
    const withMessages: Incident =
      k % 10 === 0
        ? {
            ...value,
            imported: {
              format: 'whatsapp-txt',
              conversation: 'WhatsApp chat',
              items: [0, 1, 2].map((m) => ({
                key: `${id}-m${String(m)}`,
                at: value.when.start,
                kind: 'message' as const,
                channel: 'whatsapp' as const,
                direction: m === 1 ? ('outgoing' as const) : ('incoming' as const),
                sender: m === 1 ? 'Me' : '+44 7700 900123',
                ...(m === 1 ? { own: true as const } : {}),
                text:
                  m === 1 ? 'Please stop messaging me.' : `Why won't you answer? 😡 (${String(m)})`,
              })),
            },
          }
        : value;
    const first: RecordRevision<Incident> = {
      revision: 1,
      savedAt,
      value:
        k % 3 === 1
          ? { ...withMessages, what: `${withMessages.what} (first version)` }
          : withMessages,
      receipt: { receivedAt: savedAt, leafIndex: leaf++ },
    };
    if (k % 3 !== 1) return { id, revisions: [first] };
    const editedAt = new Date(Date.parse(savedAt) + 86_400_000).toISOString();
    return {
      id,
      revisions: [
        first,
        {
          revision: 2,
          savedAt: editedAt,
          value: withMessages,
          receipt: { receivedAt: editedAt, leafIndex: leaf++ },
        },
      ],
    };
  });
  const evidenceIds = [...new Set(diary.incidents.flatMap((i) => i.value.evidenceIds))];
  const at = '2026-01-01T00:00:00.000Z';
  return {
    incidents,
    people: diary.people.map((p) => single(p.id, p.value, at, leaf++)),
    places: diary.places.map((p) => single(p.id, p.value, at, leaf++)),
    effects: diary.effects.map((e) => single(e.id, e.value, at, leaf++)),
    evidence: evidenceIds.map((id, i) =>
      single(
        id,
        sampleEvidence(
          `Photo ${String(i + 1)}`,
          `IMG_${String(1000 + i)}.jpg`,
          1000 + i,
          hex(random),
        ),
        at,
        leaf++,
      ),
    ),
    riskChecks: sampleRiskChecks().map((c, i) =>
      single(`risk-check-${String(i + 1)}`, c, `${c.answeredOn}T20:00:00.000Z`, leaf++),
    ),
    safetyPlan: [single('safety-plan-1', samplePlan(), at, leaf++)],
  };
}

/** Two risk checks: an earlier calm one and a later one with threats (so 999 comes first). */
export function sampleRiskChecks(): RiskCheck[] {
  return [
    {
      schemaVersion: 1,
      answeredOn: '2026-02-01',
      answers: { fear: { answer: 'not-sure' }, visits: { answer: 'no' }, damage: { answer: 'no' } },
    },
    {
      schemaVersion: 1,
      answeredOn: '2026-06-20',
      answers: {
        fear: { answer: 'yes', note: 'RISK-NOTE: I check the street before I go out.' },
        threats: { answer: 'yes', date: '2026-06-18' },
        visits: { answer: 'yes' },
        damage: { answer: 'no' },
        substances: { answer: 'not-sure' },
      },
    },
  ];
}

/** A short safety plan: one item done, one not. */
export function samplePlan(): SafetyPlan {
  return {
    schemaVersion: 1,
    items: [
      {
        id: 'p1',
        section: 'people',
        text: 'PLAN-ITEM: code word "blue door" with my sister',
        done: true,
      },
      { id: 'p2', section: 'home', text: 'Fit a doorbell camera', done: false },
    ],
  };
}

/**
 * Two kept witness statements: one linked to the first and second incidents given, one to the
 * last; and one linked to no incident (never in a report). Each with an arrival receipt.
 */
export function sampleWitnessStatements(incidentIds: readonly string[]): {
  readonly witnessStatements: ReportRecord<WitnessStatementRecord>[];
  readonly witnessArrivals: Record<string, { receivedAt: string; leafIndex: number }>;
} {
  const first = incidentIds[0] ?? 'none';
  const second = incidentIds[1] ?? first;
  const last = incidentIds[incidentIds.length - 1] ?? first;
  const made = (
    n: number,
    receivedAt: string,
    incidentIds: string[],
    extra: Partial<WitnessStatementRecord['statement']>,
  ): ReportRecord<WitnessStatementRecord> => ({
    id: `witness-record-${String(n)}`,
    revisions: [
      {
        revision: 1,
        savedAt: receivedAt,
        value: {
          v: 1,
          statementId: `ws-${'A'.repeat(21)}${String(n)}`,
          invitationId: 'B'.repeat(22),
          receivedAt,
          sealedSha256: String(n).repeat(64),
          statement: {
            v: 1,
            invitationId: 'B'.repeat(22),
            writtenAt: receivedAt,
            locale: 'en',
            when: { date: receivedAt.slice(0, 10), approximate: false },
            where: '',
            saw: '',
            said: '',
            howKnown: '',
            declaration: { agreed: true, date: receivedAt.slice(0, 10) },
            ...extra,
          },
          incidentIds,
          note: 'PERSON-NOTE: Sam is my neighbour',
        },
      },
    ],
  });
  return {
    witnessStatements: [
      made(2, '2026-06-21T09:30:00.000Z', [last], {
        saw: 'WITNESS-WORDS-2: He stood by the gate for an hour.',
        when: { date: '2026-06-20', approximate: true },
      }),
      made(1, '2026-03-02T18:00:00.000Z', [first, second], {
        when: { date: '2026-03-01', time: '19:05', approximate: false },
        where: 'Outside number 12, Heol y Bont',
        saw: 'WITNESS-WORDS-1: A man in a grey coat took photos of the house.\nThen he drove off in a red car.',
        said: 'He told me to mind my own business.',
        howKnown: 'I have seen him there before',
        name: 'Sam Jones',
        contact: '07700 900456',
      }),
      made(3, '2026-04-01T12:00:00.000Z', [], { saw: 'WITNESS-WORDS-3: not linked' }),
    ],
    witnessArrivals: {
      'witness-record-1': { receivedAt: '2026-03-02T18:00:00.000Z', leafIndex: 901 },
    },
  };
}
