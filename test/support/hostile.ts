/**
 * Hostile text for every text field of every record type: script injection, HTML, right-to-left
 * overrides, zero-width characters, long unbroken words, emoji ZWJ sequences, combining marks, and
 * fields filled to their limits. Shared by the report PDF test and the browser test (issue #19).
 *
 * A page that runs any of it sets `window.__hostile`, or opens a dialog: the tests watch both.
 */
import {
  effectRecordSchema,
  incidentSchema,
  personSchema,
  placeSchema,
  type EffectRecord,
  type Incident,
  type Person,
  type Place,
} from '../../src/domain/diary/index.js';
import { evidenceSchema, type Evidence } from '../../src/domain/evidence/index.js';
import { riskCheckSchema, type RiskCheck } from '../../src/domain/safety/risk-check.js';
import { safetyPlanSchema, type SafetyPlan } from '../../src/domain/safety/safety-plan.js';
import {
  witnessStatementRecordSchema,
  type WitnessStatementRecord,
} from '../../src/domain/witness.js';
import { IMPORTED_TEXT_MAX } from '../../src/domain/diary/incident.js';
import type { NoteValue } from '../../src/vault/records.js';

const RUN = 'window.__hostile=1;alert(1)';

/** One of each kind, by name: the report counts how many were tried. */
export const HOSTILE = {
  script: `<script>${RUN}</script>`,
  img: `<img src=x onerror="${RUN}">`,
  javascriptUrl: `javascript:${RUN}`,
  svg: `"><svg onload=${RUN}>`,
  attribute: `' onmouseover='${RUN}' x='`,
  html: `<b>bold</b><a href="javascript:${RUN}">link</a><iframe srcdoc="<script>${RUN}</script>"></iframe><style>*{display:none!important}</style>`,
  template: '{{constructor.constructor("window.__hostile=1")()}} ${alert(1)}',
  rtl: '\u202Egpj.exe\u202C file \u202Ereversed text\u2066isolated\u2069 \u200Fمرحبا\u200E',
  zeroWidth: 'zero\u200Bwidth\u200C\u200Djoin\uFEFFer\u2060word',
  emoji: '👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻 🧑‍🤝‍🧑 🇬🇧 🏴󠁧󠁢󠁷󠁬󠁳󠁿 ❤️‍🔥',
  combining: `Z${'\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u0334\u0335\u0336\u0337\u0338'.repeat(6)}algo ŵ ŷ e\u0301`,
  control: 'bell\u0007 nul\u0000 tab\t esc\u001b[31m del\u007f ls\u2028ps\u2029 end',
  longWord: 'W'.repeat(3000),
  url: `https://example.invalid/${'a/'.repeat(400)}?q=<script>${RUN}</script>`,
} as const;

/** Every kind joined, then a long unbroken word: one string that tries them all. */
export const HOSTILE_ALL = Object.values(HOSTILE).join(' \n');

/** Cuts text to at most `max` UTF-16 units (as zod counts), never inside a character. */
export function fit(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** `max` units of hostile text: every kind, then an unbroken word filling what is left. */
export function filled(max: number): string {
  const start = fit(`${HOSTILE_ALL} `, max);
  return start + 'M'.repeat(Math.max(0, max - start.length));
}

const DAY = '2026-03-14';
const id = (n: number) => `hostile${String(n).padStart(15, '0')}`;

/** Record ids the seeded records use, so the links between them hold. */
export const HOSTILE_IDS = {
  person: id(1),
  place: id(2),
  evidence: id(3),
  incidents: [id(10), id(11), id(12)],
  effect: id(20),
  riskCheck: id(21),
  safetyPlan: id(22),
  witness: id(23),
  notes: [id(30), id(31)],
} as const;

export interface HostileRecords {
  readonly people: Person[];
  readonly places: Place[];
  readonly incidents: Incident[];
  readonly effects: EffectRecord[];
  readonly evidence: Evidence[];
  readonly riskChecks: RiskCheck[];
  readonly safetyPlans: SafetyPlan[];
  readonly witnesses: WitnessStatementRecord[];
  readonly notes: NoteValue[];
}

/**
 * One record of each type with every text field hostile and at its limit, plus a short one per
 * kind so list rows show each kind on its own. `noteBytes` sets the long note's body (up to the
 * 1 MiB record limit less the envelope).
 */
export function hostileRecords(options: { noteBytes?: number; importedItems?: number } = {}) {
  const person = personSchema.parse({
    name: filled(200),
    alias: HOSTILE.img,
    relationship: 'ex-partner',
    relationshipDetail: filled(200),
    description: filled(10_000),
    vehicles: [
      {
        registration: fit(HOSTILE.rtl, 20),
        make: fit(HOSTILE.svg, 60),
        model: fit(HOSTILE.emoji, 60),
        colour: fit(HOSTILE.combining, 40),
        notes: filled(1000),
      },
    ],
    phones: [{ number: fit(HOSTILE.script, 40), label: fit(HOSTILE.zeroWidth, 60) }],
    emails: ['"><svg/onload=alert(1)>@example.invalid'.slice(0, 254)],
    accounts: [
      {
        platform: fit(HOSTILE.html, 60),
        handle: filled(200),
        url: fit(HOSTILE.javascriptUrl, 2000),
      },
    ],
    address: filled(1000),
    notes: filled(10_000),
  });
  const place = placeSchema.parse({
    name: filled(200),
    kind: 'home',
    address: filled(1000),
    notes: filled(10_000),
  });
  const importedCount = options.importedItems ?? 3;
  const incident = (what: string, more: Record<string, unknown> = {}) =>
    incidentSchema.parse({
      when: { start: `${DAY}T08:30+00:00`, timeZone: 'Europe/London' },
      where: { text: filled(500), placeId: HOSTILE_IDS.place },
      what,
      behaviours: ['following'],
      channel: { key: 'social-media', detail: filled(200) },
      perpetratorIds: [HOSTILE_IDS.person],
      witnessIds: [HOSTILE_IDS.person],
      evidenceIds: [HOSTILE_IDS.evidence],
      police: {
        reportedOn: DAY,
        reference: filled(100),
        officerName: filled(200),
        officerNumber: filled(50),
      },
      effect: {
        feelings: filled(10_000),
        changes: ['route-or-travel'],
        changesDetail: filled(2000),
      },
      tags: [
        fit(HOSTILE.script, 50),
        fit(HOSTILE.rtl, 50),
        fit(HOSTILE.longWord, 50),
        fit(HOSTILE.emoji, 50),
      ],
      ...more,
    });
  const imported = {
    format: 'whatsapp-txt',
    conversation: filled(500),
    items: Array.from({ length: importedCount }, (_, k) => ({
      key: `m${k}`,
      at: `${DAY}T08:${String(k % 60).padStart(2, '0')}+00:00`,
      kind: 'message',
      channel: 'whatsapp',
      direction: k % 2 === 0 ? 'incoming' : 'outgoing',
      sender: filled(320),
      senderName: filled(200),
      text: filled(IMPORTED_TEXT_MAX),
    })),
  };
  const incidents = [
    incident(filled(20_000), { imported }),
    incident(`${HOSTILE.script} ${HOSTILE.img} ${HOSTILE.svg}`),
    incident(`${HOSTILE.rtl} ${HOSTILE.zeroWidth} ${HOSTILE.emoji} ${HOSTILE.combining}`),
  ];
  const effect = effectRecordSchema.parse({
    change: 'route-or-travel',
    startedOn: DAY,
    description: filled(10_000),
    incidentIds: [HOSTILE_IDS.incidents[0]],
  });
  const evidence: Evidence = evidenceSchema.parse({
    schemaVersion: 1,
    title: filled(200),
    note: filled(10_000),
    date: DAY,
    source: 'file',
    file: {
      name: fit(`../../etc/${HOSTILE.rtl}${HOSTILE.script}${'x'.repeat(300)}.jpg`, 255),
      mediaType: 'image/jpeg',
      size: 10,
      sha256: 'a'.repeat(64),
    },
    encryption: {
      fileId: 'hostile-file-1',
      key: 'A'.repeat(43),
      header: 'A'.repeat(28),
      fingerprint: '0'.repeat(64),
    },
    upload: {
      id: 'hostile-upload-1',
      state: 'complete',
      startedAt: `${DAY}T10:00:00Z`,
      completedAt: `${DAY}T10:01:00Z`,
    },
  });
  const riskCheck = riskCheckSchema.parse({
    answeredOn: DAY,
    answers: {
      fear: { answer: 'yes', note: filled(2000) },
      threats: { answer: 'not-sure', note: `${HOSTILE.img} ${HOSTILE.rtl}` },
      damage: { answer: 'no', note: HOSTILE.longWord.slice(0, 2000) },
    },
  });
  const safetyPlan = safetyPlanSchema.parse({
    items: Object.values(HOSTILE)
      .map((text, k): Record<string, unknown> => ({
        id: `item${k}`,
        section: (['people', 'places', 'home', 'travel', 'work', 'online'] as const)[k % 6],
        text: fit(text, 500),
        done: k % 2 === 0,
      }))
      .concat([{ id: 'itemfull', section: 'bag', text: filled(500), done: false }]),
  });
  const witness = witnessStatementRecordSchema.parse({
    v: 1,
    statementId: `ws-${'A'.repeat(22)}`,
    invitationId: 'B'.repeat(22),
    receivedAt: `${DAY}T12:00:00.000Z`,
    sealedSha256: 'b'.repeat(64),
    statement: {
      v: 1,
      invitationId: 'B'.repeat(22),
      writtenAt: `${DAY}T11:00:00.000Z`,
      locale: 'en',
      when: { date: DAY, time: '08:30', approximate: false },
      where: filled(500),
      saw: filled(6000),
      said: filled(4000),
      howKnown: filled(1000),
      name: filled(200),
      contact: filled(300),
      declaration: { agreed: true, date: DAY },
    },
    incidentIds: [HOSTILE_IDS.incidents[0]],
    note: filled(4000),
  });
  const noteBytes = options.noteBytes ?? 10_000;
  const notes: NoteValue[] = [
    { title: filled(300), body: filled(noteBytes), happenedAt: DAY },
    { title: HOSTILE.svg, body: HOSTILE_ALL, happenedAt: `${DAY}T09:00` },
  ];
  return {
    people: [person],
    places: [place],
    incidents,
    effects: [effect],
    evidence: [evidence],
    riskChecks: [riskCheck],
    safetyPlans: [safetyPlan],
    witnesses: [witness],
    notes,
  } satisfies HostileRecords;
}

/** How many hostile strings `hostileRecords` puts in (fields filled), for the report. */
export function countStrings(value: unknown): number {
  if (typeof value === 'string') return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countStrings(v), 0);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).reduce((n: number, v) => n + countStrings(v), 0);
  }
  return 0;
}
