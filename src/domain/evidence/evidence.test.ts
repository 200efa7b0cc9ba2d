import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultDate,
  defaultTitle,
  evidenceDetailsSchema,
  evidenceKind,
  evidenceSchema,
  isSameOriginal,
  linkedIncidentIds,
  mediaTypeOf,
  previewKind,
  withLink,
  type EvidenceInput,
} from './evidence.js';
import { degreesOf, exifSummaryFromTags, formatCoordinates } from './exif.js';

const SHA = 'a'.repeat(64);

function valid(overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    title: 'Photo of the car',
    date: '2026-03-14',
    file: {
      name: 'IMG_2041.JPG',
      mediaType: 'image/jpeg',
      size: 1234,
      sha256: SHA,
      lastModified: '2026-03-14T09:30:00.000Z',
    },
    encryption: {
      fileId: 'q3J2y0m1rT4kZ8b1xN7wGA',
      key: 'A'.repeat(43),
      header: 'B'.repeat(28),
      fingerprint: 'c'.repeat(64),
    },
    upload: {
      id: '0123456789abcdef0123456789abcdef',
      state: 'uploading',
      startedAt: '2026-03-14T10:00:00.000Z',
    },
    ...overrides,
  };
}

describe('evidence schema', () => {
  it('accepts an item being uploaded and fills defaults', () => {
    const parsed = evidenceSchema.parse(valid());
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.source).toBe('file');
    expect(parsed.note).toBeUndefined();
  });

  it('trims text and drops a blank note', () => {
    const parsed = evidenceSchema.parse(valid({ title: '  Car  ', note: '   ' }));
    expect(parsed.title).toBe('Car');
    expect(parsed.note).toBeUndefined();
  });

  it('survives a JSON round trip unchanged (what the vault stores)', () => {
    const parsed = evidenceSchema.parse(
      valid({
        note: 'Outside the house',
        exif: {
          takenAt: '2026-03-14T09:26:53',
          offset: '+00:00',
          location: { latitude: 51.50135, longitude: -0.126275, altitudeMetres: 12.5 },
          hasGps: true,
        },
      }),
    );
    expect(evidenceSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it.each([
    ['an empty title', { title: ' ' }],
    ['an impossible date', { date: '2026-02-30' }],
    ['a date in another form', { date: '14/03/2026' }],
  ])('refuses %s', (_label, overrides) => {
    expect(evidenceSchema.safeParse(valid(overrides)).success).toBe(false);
  });

  it('refuses a hash that is not 64 lowercase hex digits', () => {
    for (const bad of ['A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64), '']) {
      const input = valid();
      expect(
        evidenceSchema.safeParse({ ...input, file: { ...input.file, sha256: bad } }).success,
        bad,
      ).toBe(false);
      expect(
        evidenceSchema.safeParse({
          ...input,
          encryption: { ...input.encryption, fingerprint: bad },
        }).success,
        bad,
      ).toBe(false);
    }
  });

  it('refuses a key or header of the wrong length', () => {
    const input = valid();
    for (const encryption of [
      { ...input.encryption, key: 'A'.repeat(42) },
      { ...input.encryption, key: 'A'.repeat(44) },
      { ...input.encryption, header: 'B'.repeat(27) },
      { ...input.encryption, key: `${'A'.repeat(42)}=` },
    ]) {
      expect(evidenceSchema.safeParse({ ...input, encryption }).success).toBe(false);
    }
  });

  it('has a finished upload carry the SHA-256 of its original', () => {
    const input = valid();
    const finished = {
      ...input.upload,
      state: 'complete' as const,
      completedAt: '2026-03-14T10:05:00.000Z',
    };
    const withoutHash = { ...input.file, sha256: undefined };
    expect(evidenceSchema.safeParse({ ...input, file: withoutHash }).success).toBe(true);
    expect(
      evidenceSchema.safeParse({ ...input, file: withoutHash, upload: finished }).success,
    ).toBe(false);
    expect(evidenceSchema.safeParse({ ...input, upload: finished }).success).toBe(true);
  });

  it('ties the completion time to the finished state', () => {
    const input = valid();
    const finishedWithoutTime = { ...input.upload, state: 'complete' as const };
    expect(evidenceSchema.safeParse({ ...input, upload: finishedWithoutTime }).success).toBe(false);
    const unfinishedWithTime = { ...input.upload, completedAt: '2026-03-14T10:05:00.000Z' };
    expect(evidenceSchema.safeParse({ ...input, upload: unfinishedWithTime }).success).toBe(false);
    const finished = { ...finishedWithoutTime, completedAt: '2026-03-14T10:05:00.000Z' };
    expect(evidenceSchema.safeParse({ ...input, upload: finished }).success).toBe(true);
  });

  it('refuses unknown fields, so an older app never drops what a newer one wrote', () => {
    expect(evidenceSchema.safeParse({ ...valid(), extra: 1 }).success).toBe(false);
    const input = valid();
    expect(
      evidenceSchema.safeParse({ ...input, file: { ...input.file, path: '/home/me' } }).success,
    ).toBe(false);
  });

  it('refuses an upload id that could climb out of /api/uploads', () => {
    const input = valid();
    for (const id of ['../accounts', 'a/b', '', 'x'.repeat(201)]) {
      expect(evidenceSchema.safeParse({ ...input, upload: { ...input.upload, id } }).success).toBe(
        false,
      );
    }
  });

  it('checks the details a person edits', () => {
    expect(evidenceDetailsSchema.safeParse({ title: '', date: '2026-01-01' }).success).toBe(false);
    expect(evidenceDetailsSchema.parse({ title: 'A', date: '2026-01-01', note: '' })).toEqual({
      title: 'A',
      date: '2026-01-01',
    });
  });
});

describe('helpers', () => {
  it('starts the title from the file name', () => {
    expect(defaultTitle('IMG_2041.JPG')).toBe('IMG_2041');
    expect(defaultTitle('.env')).toBe('.env');
    expect(defaultTitle('notes')).toBe('notes');
    expect(defaultTitle('   ')).toBe('Evidence');
    expect(Array.from(defaultTitle(`${'é'.repeat(300)}.txt`))).toHaveLength(200);
  });

  it('starts the date from the photo, else the file, else today', () => {
    expect(defaultDate({ takenAt: '2026-03-14T09:26:53' }, '2026-04-01', '2026-05-01')).toBe(
      '2026-03-14',
    );
    expect(defaultDate(undefined, '2026-04-01', '2026-05-01')).toBe('2026-04-01');
    expect(defaultDate({}, 'nonsense', '2026-05-01')).toBe('2026-05-01');
  });

  it('says a file is the same only when size and fingerprint agree', () => {
    const saved = { file: { size: 10 }, encryption: { fingerprint: SHA } };
    expect(isSameOriginal(saved, { size: 10, fingerprint: SHA })).toBe(true);
    expect(isSameOriginal(saved, { size: 11, fingerprint: SHA })).toBe(false);
    expect(isSameOriginal(saved, { size: 10, fingerprint: 'b'.repeat(64) })).toBe(false);
    // Before hashing, only the size can rule a file out.
    expect(isSameOriginal(saved, { size: 10 })).toBe(true);
  });

  it('previews only what a media element can show safely', () => {
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('IMAGE/PNG')).toBe('image');
    expect(previewKind('image/svg+xml')).toBe('none');
    expect(previewKind('text/html')).toBe('none');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('audio/webm;codecs=opus')).toBe('audio');
    expect(previewKind('video/mp4')).toBe('video');
    expect(previewKind('application/octet-stream')).toBe('none');
  });

  it('names broad kinds', () => {
    expect(evidenceKind('image/heic', 'a.heic')).toBe('photo');
    expect(evidenceKind('', 'a.HEIC')).toBe('photo');
    expect(evidenceKind('message/rfc822', 'a.eml')).toBe('email');
    expect(evidenceKind('', 'thread.mbox')).toBe('email');
    expect(evidenceKind('application/pdf', 'a')).toBe('pdf');
    expect(evidenceKind('application/zip', 'a.zip')).toBe('other');
  });

  it('records a media type only when it looks like one', () => {
    expect(mediaTypeOf('image/jpeg')).toBe('image/jpeg');
    expect(mediaTypeOf('')).toBe('application/octet-stream');
    expect(mediaTypeOf('not a type')).toBe('application/octet-stream');
  });

  it('links and unlinks without repeats or reordering', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom<string>('a', 'b', 'c', 'd')),
        fc.constantFrom<string>('a', 'b', 'e'),
        fc.boolean(),
        (ids, id, linked) => {
          const next = withLink(ids, id, linked);
          expect(new Set(next).size).toBe(next.length);
          expect(next.includes(id)).toBe(linked);
          const others = (list: string[]) => list.filter((x) => x !== id);
          expect(others(next)).toEqual(others(ids));
          if (linked && ids.includes(id)) expect(next).toEqual(ids);
        },
      ),
    );
  });

  it('finds the incidents an item is linked to', () => {
    expect(
      linkedIncidentIds('e1', [
        { id: 'i1', evidenceIds: ['e1', 'e2'] },
        { id: 'i2', evidenceIds: ['e2'] },
        { id: 'i3', evidenceIds: ['e1'] },
      ]),
    ).toEqual(['i1', 'i3']);
  });
});

describe('photo metadata', () => {
  const tags = {
    Make: 'Mosaic Test Camera\0\0',
    Model: 'Fixture One',
    DateTimeOriginal: '2026:03:14 09:26:53',
    OffsetTimeOriginal: '+00:00',
    GPSVersionID: new Uint8Array([2, 3, 0, 0]),
    GPSLatitudeRef: 'N',
    GPSLatitude: [51, 30, 4.86],
    GPSLongitudeRef: 'W',
    GPSLongitude: [0, 7, 34.59],
    GPSAltitudeRef: new Uint8Array([0]),
    GPSAltitude: 12.5,
  };

  it('summarises the camera, the time and the position', () => {
    expect(exifSummaryFromTags(tags)).toEqual({
      takenAt: '2026-03-14T09:26:53',
      offset: '+00:00',
      make: 'Mosaic Test Camera',
      model: 'Fixture One',
      location: { latitude: 51.50135, longitude: -0.126275, altitudeMetres: 12.5 },
      hasGps: true,
    });
  });

  it('reads south, west and below sea level as negative', () => {
    const summary = exifSummaryFromTags({
      ...tags,
      GPSLatitudeRef: 'S',
      GPSLongitudeRef: 'E',
      GPSAltitudeRef: [1],
    });
    expect(summary?.location).toEqual({
      latitude: -51.50135,
      longitude: 0.126275,
      altitudeMetres: -12.5,
    });
  });

  it('warns about GPS tags it cannot read as a position', () => {
    const summary = exifSummaryFromTags({ GPSLatitude: [91, 70, 0], GPSLatitudeRef: 'N' });
    expect(summary).toEqual({ hasGps: true });
  });

  it('drops values that are not what they claim', () => {
    expect(
      exifSummaryFromTags({
        DateTimeOriginal: '0000:00:00 00:00:00',
        Make: 42,
        GPSLatitude: 'north',
        GPSLongitude: [0, 0, 0],
      }),
    ).toEqual({ hasGps: true });
    expect(exifSummaryFromTags({ DateTimeOriginal: '2026:13:01 10:00:00' })).toBeUndefined();
    expect(exifSummaryFromTags({ Orientation: 1 })).toBeUndefined();
    expect(exifSummaryFromTags(null)).toBeUndefined();
  });

  it('never throws on arbitrary tags', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (random) => {
        const summary = exifSummaryFromTags(random);
        if (summary?.location !== undefined) {
          expect(Math.abs(summary.location.latitude)).toBeLessThanOrEqual(90);
        }
      }),
    );
  });

  it('converts degrees, minutes and seconds', () => {
    expect(degreesOf([51, 30, 4.86])).toBeCloseTo(51.50135, 6);
    expect(degreesOf([10])).toBe(10);
    expect(degreesOf([10, 60, 0])).toBeUndefined();
    expect(degreesOf([-1, 0, 0])).toBeUndefined();
    expect(degreesOf([])).toBeUndefined();
  });

  it('writes a position as people read it', () => {
    expect(formatCoordinates({ latitude: 51.50135, longitude: -0.126275 })).toBe(
      '51.50135° N, 0.12627° W',
    );
    expect(formatCoordinates({ latitude: -33.8688, longitude: 151.2093 })).toBe(
      '33.86880° S, 151.20930° E',
    );
  });
});
