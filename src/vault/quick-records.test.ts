import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateAccountKeyPair, sealToPublicKey } from '../crypto/index.js';
import { incidentSchema } from '../domain/diary/incident.js';
import {
  openQuickRecordBytes,
  quickRecordIncident,
  sealQuickRecordOnDevice,
  QuickRecordError,
} from './quick-records.js';

describe('locked quick record (protocol §16)', () => {
  it('opens only with the account key pair, for its own id, into a valid incident', async () => {
    const pair = await generateAccountKeyPair();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== ''),
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kolkata'),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        async (what, photo, timeZone, now) => {
          const input = {
            what,
            now,
            timeZone,
            ...(photo.length > 0
              ? { photo: { name: 'p.jpg', type: 'image/jpeg', bytes: photo } }
              : {}),
          };
          const { id, sealed } = await sealQuickRecordOnDevice(pair.publicKey, input);
          const opened = await openQuickRecordBytes(pair, id, sealed, '2026-01-01T00:00:00.000Z');
          expect(opened.record.what).toBe(what.trim());
          expect(opened.record.timeZone).toBe(timeZone);
          expect(Date.parse(opened.record.recordedAt)).toBe(
            Math.floor(now.getTime() / 1000) * 1000,
          );
          if (photo.length > 0) expect(opened.photo?.bytes).toEqual(photo);
          else expect(opened.photo).toBeUndefined();
          const incident = incidentSchema.parse(quickRecordIncident(opened));
          expect(incident.deviceRecord?.id).toBe(id);
          expect(incident.deviceRecord?.recordedAt).toBe(opened.record.recordedAt);
          expect(incident.what).toBe(what.trim());
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses another key, another id, altered bytes, and a box that is not a quick record', async () => {
    const pair = await generateAccountKeyPair();
    const other = await generateAccountKeyPair();
    const now = new Date();
    const { id, sealed } = await sealQuickRecordOnDevice(pair.publicKey, {
      what: 'x',
      now,
      timeZone: 'Europe/London',
    });
    const { id: id2 } = await sealQuickRecordOnDevice(pair.publicKey, {
      what: 'y',
      now,
      timeZone: 'UTC',
    });
    await expect(openQuickRecordBytes(other, id, sealed, '')).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    await expect(openQuickRecordBytes(pair, id2, sealed, '')).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    const altered = sealed.slice();
    altered[altered.length - 1]! ^= 1;
    await expect(openQuickRecordBytes(pair, id, altered, '')).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    // Sealed in the right place but naming another id inside: record_invalid.
    const { ByteWriter } = await import('../crypto/bytes.js');
    const lying = await sealToPublicKey(
      pair.publicKey,
      new ByteWriter()
        .string(JSON.stringify({ v: 1, id: id2, recordedAt: '', timeZone: 'UTC', what: 'z' }))
        .bytes(new Uint8Array(0))
        .finish(),
      `quick-record/${id}`,
    );
    await expect(openQuickRecordBytes(pair, id, lying, '')).rejects.toBeInstanceOf(
      QuickRecordError,
    );
    await expect(
      sealQuickRecordOnDevice(pair.publicKey, { what: '   ', now, timeZone: 'UTC' }),
    ).rejects.toBeInstanceOf(QuickRecordError);
  });
});
