import { describe, expect, it } from 'vitest';
import { incidentSchema, type Incident } from '../../../domain/diary/index.js';
import {
  checkIncident,
  emptyIncidentFields,
  fieldIdOf,
  fieldsToInput,
  heatClass,
  heatLevel,
  incidentToFields,
  nowWall,
  parseTags,
  wallTimeKind,
} from './incident-form.js';

const NOW = new Date('2026-03-29T18:05:00Z');
const ZONE = 'Europe/London';

function full(): Incident {
  return incidentSchema.parse({
    when: {
      start: '2026-03-20T08:30+00:00',
      end: '2026-03-20T09:00+00:00',
      approximate: true,
      timeZone: ZONE,
    },
    where: { text: 'Station', placeId: 'AAAAAAAAAAAAAAAAAAAAAA' },
    what: 'He followed me',
    behaviours: ['following', 'turning-up'],
    channel: { key: 'in-person' },
    perpetratorIds: ['BBBBBBBBBBBBBBBBBBBBBB'],
    witnessIds: ['CCCCCCCCCCCCCCCCCCCCCC'],
    police: { reportedOn: '2026-03-21', reference: 'CR-1', officerNumber: '123' },
    effect: { feelings: 'Scared', changes: ['route-or-travel'] },
    evidenceIds: ['DDDDDDDDDDDDDDDDDDDDDD'],
    tags: ['station', 'morning'],
  });
}

describe('incident form state', () => {
  it('starts at now in the zone, with nothing else filled in', () => {
    const fields = emptyIncidentFields(NOW, ZONE);
    expect(fields.start).toBe('2026-03-29T19:05');
    expect(fields.timeZone).toBe(ZONE);
    expect(fields.what).toBe('');
    expect(nowWall(NOW, 'UTC')).toBe('2026-03-29T18:05');
  });

  it('round-trips a full incident through the form unchanged', () => {
    const incident = full();
    const fields = incidentToFields(incident);
    expect(fields.start).toBe('2026-03-20T08:30');
    expect(fields.reported).toBe(true);
    expect(fields.tags).toBe('station, morning');
    const back = checkIncident(fields);
    expect(back).toEqual({ ok: true, value: incident });
  });

  it('keeps what the form does not show: seconds, imported messages, coordinates', () => {
    const incident = incidentSchema.parse({
      ...full(),
      when: { start: '2026-03-20T08:30:41+00:00', approximate: false, timeZone: ZONE },
      where: { coordinates: { latitude: 51.5, longitude: -0.12, accuracyMetres: 30 } },
      imported: {
        format: 'whatsapp',
        items: [
          {
            key: 'k1',
            at: '2026-03-20T08:30:41+00:00',
            original: '20/03/2026, 08:30:41',
            kind: 'message',
            channel: 'whatsapp',
            direction: 'incoming',
            sender: 'Sam',
            text: 'answer me',
          },
        ],
      },
    });
    const fields = incidentToFields(incident);
    expect(fields.start).toBe('2026-03-20T08:30');
    expect(checkIncident(fields)).toEqual({ ok: true, value: incident });
    // A changed minute is a new time, to the minute.
    const moved = checkIncident({ ...fields, start: '2026-03-20T08:31' });
    expect(moved.ok && moved.value.when.start).toBe('2026-03-20T08:31+00:00');
    // Taking the position away is possible too.
    const noPlace = checkIncident({ ...fields, coordinates: undefined });
    expect(noPlace.ok && noPlace.value.where).toBeUndefined();
  });

  it('asks which one of a time the clocks repeat, and keeps the answer', () => {
    const fields = { ...emptyIncidentFields(NOW, ZONE), what: 'x', start: '2026-10-25T01:30' };
    expect(wallTimeKind(fields.start, ZONE)?.kind).toBe('twice');
    expect(fieldsToInput(fields).when.start).toBe('2026-10-25T01:30+01:00');
    const later = checkIncident({ ...fields, startChoice: 'later' });
    expect(later.ok && later.value.when.start).toBe('2026-10-25T01:30+00:00');
    expect(later.ok && incidentToFields(later.value).startChoice).toBe('later');
    expect(wallTimeKind('2026-03-29T01:30', ZONE)?.kind).toBe('skipped');
    expect(wallTimeKind('2026-06-01T01:30', ZONE)?.kind).toBe('once');
    expect(wallTimeKind('2026-06-01T01:30', 'Not/AZone')).toBeUndefined();
  });

  it('turns a minimal form into a quick-capture-like incident', () => {
    const fields = { ...emptyIncidentFields(NOW, ZONE), what: '  Outside the gate ' };
    const input = fieldsToInput(fields);
    expect(input.where).toBeUndefined();
    expect(input.police).toBeUndefined();
    expect(input.effect).toBeUndefined();
    expect(input.channel).toBeUndefined();
    const result = checkIncident(fields);
    expect(result.ok && result.value.what).toBe('Outside the gate');
    expect(result.ok && result.value.when.start).toBe('2026-03-29T19:05+01:00');
  });

  it('resolves a wall time skipped by the clocks going forward', () => {
    const fields = { ...emptyIncidentFields(NOW, ZONE), what: 'x', start: '2026-03-29T01:30' };
    expect(fieldsToInput(fields).when.start).toBe('2026-03-29T02:30+01:00');
  });

  it('keeps police details only while "reported" is ticked', () => {
    const fields = { ...incidentToFields(full()), reported: false };
    expect(fieldsToInput(fields).police).toBeUndefined();
    const blank = {
      ...emptyIncidentFields(NOW, ZONE),
      what: 'x',
      reported: true,
    };
    expect(fieldsToInput(blank).police).toEqual({
      reference: '',
      officerName: '',
      officerNumber: '',
    });
    const result = checkIncident(blank);
    expect(result.ok && result.value.police).toEqual({});
  });

  it('adds people created on save to those chosen, without repeats', () => {
    const fields = incidentToFields(full());
    const input = fieldsToInput(fields, {
      perpetratorIds: ['EEEEEEEEEEEEEEEEEEEEEE', 'BBBBBBBBBBBBBBBBBBBBBB'],
      witnessIds: ['FFFFFFFFFFFFFFFFFFFFFF'],
    });
    expect(input.perpetratorIds).toEqual(['BBBBBBBBBBBBBBBBBBBBBB', 'EEEEEEEEEEEEEEEEEEEEEE']);
    expect(input.witnessIds).toEqual(['CCCCCCCCCCCCCCCCCCCCCC', 'FFFFFFFFFFFFFFFFFFFFFF']);
  });

  it('reports problems with the field each belongs to', () => {
    const fields = {
      ...emptyIncidentFields(NOW, ZONE),
      start: '',
      end: '2026-13-40T99:00',
      timeZone: 'Mars/Olympus',
    };
    const result = checkIncident(fields);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const ids = new Set(result.issues.map((i) => fieldIdOf(i.path)));
    expect(ids).toEqual(
      new Set(['incident-start', 'incident-end', 'incident-zone', 'incident-what']),
    );
  });

  it('maps every path to a control id', () => {
    expect(fieldIdOf('police.reportedOn')).toBe('incident-reported-on');
    expect(fieldIdOf('effect.changes.0')).toBe('incident-changes');
    expect(fieldIdOf('effect.feelings')).toBe('incident-feelings');
    expect(fieldIdOf('tags.2')).toBe('incident-tags');
    expect(fieldIdOf('where.text')).toBe('incident-where');
    expect(fieldIdOf('what')).toBe('incident-what');
  });
});

describe('parseTags', () => {
  it('splits on commas, trims, and drops blanks and repeats', () => {
    expect(parseTags(' stalking, Car ,car,, ')).toEqual(['stalking', 'Car']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('heatmap levels', () => {
  it('has five levels: none, then quarters of the largest bucket', () => {
    expect(heatLevel(0, 8)).toBe(0);
    expect(heatLevel(1, 8)).toBe(1);
    expect(heatLevel(2, 8)).toBe(1);
    expect(heatLevel(3, 8)).toBe(2);
    expect(heatLevel(5, 8)).toBe(3);
    expect(heatLevel(7, 8)).toBe(4);
    expect(heatLevel(8, 8)).toBe(4);
    expect(heatLevel(1, 1)).toBe(4);
    expect(heatLevel(3, 0)).toBe(0);
  });

  it('never gives a non-empty bucket level 0, nor goes past 4', () => {
    for (let max = 1; max <= 50; max++) {
      for (let count = 1; count <= max; count++) {
        const level = heatLevel(count, max);
        expect(level).toBeGreaterThanOrEqual(1);
        expect(level).toBeLessThanOrEqual(4);
      }
    }
  });

  it('names a class per level', () => {
    expect(heatClass(0)).toBe('heat heat--0');
    expect(heatClass(4)).toBe('heat heat--4');
  });
});
