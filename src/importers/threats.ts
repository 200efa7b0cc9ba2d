/**
 * Words and phrases that often mean a threat, in English and Welsh, to SUGGEST the "threats"
 * behaviour for imported messages. Only a suggestion: the person reads the messages and decides;
 * nothing is ticked or added without them confirming. Whole words only, so "skill", "killer
 * app" and "heartburn" match nothing; a threat written in other words is not found, and a
 * harmless "I could kill for a coffee" is (the person says no).
 */
import type { PlannedIncident } from './plan.js';
import { theirItems } from './plan.js';

/**
 * Lower case, straight apostrophes, single spaces between words. Welsh mutations are listed as
 * their own forms ("dy ladd", "fy nladd": lladd after "dy" and "fy").
 */
const PHRASES: readonly string[] = [
  // English
  'kill',
  'kills',
  'killed',
  'killing',
  'murder',
  'hurt',
  'hurting',
  'burn',
  'burn down',
  'stab',
  'stabbed',
  'stabbing',
  'shoot',
  'strangle',
  'slit your throat',
  'cut your throat',
  'acid',
  "you'll regret",
  'youll regret',
  'you will regret',
  "you're going to regret",
  'you are going to regret',
  "you'll be sorry",
  'you will be sorry',
  'watch your back',
  'watch yourself',
  "you're dead",
  'you are dead',
  'ur dead',
  'dead meat',
  'i know where you live',
  'beat you up',
  'smash your face',
  'break your legs',
  'make you pay',
  'finish you',
  // Cymraeg
  'lladd',
  'dy ladd',
  'ei ladd',
  'ei lladd',
  'fy nladd',
  'lladda',
  'brifo',
  'dy frifo',
  'ei frifo',
  'anafu',
  'dy anafu',
  'niweidio',
  'llosgi',
  'dy losgi',
  'llosga',
  'trywanu',
  'dy drywanu',
  'saethu',
  'dy saethu',
  "byddi di'n difaru",
  "fyddi di'n difaru",
  'difaru',
  'edifaru',
  'gwylia dy gefn',
  "ti'n farw",
  "rwyt ti'n farw",
  "gwn i ble ti'n byw",
  "dwi'n gwybod ble ti'n byw",
  "gwybod ble rwyt ti'n byw",
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest first, so "burn down" is reported rather than "burn". */
const MATCHER = new RegExp(
  `(?<![\\p{L}\\p{N}'])(?:${[...PHRASES]
    .sort((a, b) => b.length - a.length)
    .map((p) => escape(p).replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}\\p{N}]|'[\\p{L}])`,
  'giu',
);

function normalise(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").toLowerCase();
}

/**
 * The threatening words and phrases in a message, lower case, each once.
 *
 * @example
 * threatWords("You'll regret this. Watch your back") // ["you'll regret", 'watch your back']
 * threatWords('Great skills, the killer app') // []
 */
export function threatWords(text: string): string[] {
  const found = new Set<string>();
  for (const m of normalise(text.slice(0, 20_000)).matchAll(MATCHER)) {
    found.add(m[0].replace(/\s+/g, ' '));
  }
  return [...found];
}

/** True when a message has any threatening word or phrase in it. */
export function looksThreatening(text: string): boolean {
  return threatWords(text).length > 0;
}

/**
 * The positions (in `incidents`) of message incidents where something the OTHER person sent
 * looks threatening. The person's own replies never count ("I'm scared you'll hurt me").
 */
export function threateningIncidents(incidents: readonly PlannedIncident[]): number[] {
  const out: number[] = [];
  incidents.forEach((incident, i) => {
    if (incident.kind !== 'message') return;
    if (theirItems(incident).some((p) => looksThreatening(p.item.text ?? ''))) out.push(i);
  });
  return out;
}
