import { describe, expect, it } from 'vitest';
import { PHOTO_FACTS, photoWithGps } from '../../../test/fixtures/evidence/make-photo.js';
import { readExifSummary } from './exif-reader.js';

describe('readExifSummary', () => {
  it('reads the fixture photo’s camera, time and GPS position', async () => {
    const bytes = photoWithGps();
    const summary = await readExifSummary(new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
    expect(summary).toEqual({
      takenAt: PHOTO_FACTS.takenAt,
      offset: PHOTO_FACTS.offset,
      make: PHOTO_FACTS.make,
      model: PHOTO_FACTS.model,
      location: {
        latitude: PHOTO_FACTS.latitude,
        longitude: PHOTO_FACTS.longitude,
        altitudeMetres: PHOTO_FACTS.altitudeMetres,
      },
      hasGps: true,
    });
  });

  it('looks inside a photo with no type by its name, and nothing else', async () => {
    const bytes = photoWithGps();
    expect((await readExifSummary(new Blob([bytes]), 'IMG.JPG'))?.hasGps).toBe(true);
    expect(
      await readExifSummary(new Blob([bytes], { type: 'application/pdf' }), 'a.pdf'),
    ).toBeUndefined();
  });

  it('says nothing, rather than failing, for a damaged photo', async () => {
    const junk = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 1, 2, 3])], {
      type: 'image/jpeg',
    });
    expect(await readExifSummary(junk, 'x.jpg')).toBeUndefined();
    expect(await readExifSummary(new Blob([], { type: 'image/jpeg' }), 'x.jpg')).toBeUndefined();
  });
});
