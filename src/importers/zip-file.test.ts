import { readFile } from 'node:fs/promises';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isImportError } from './errors.js';
import { importFile } from './index.js';
import {
  bytesSource,
  importZipExport,
  listZipEntries,
  readZipEntryByRange,
  type RangeSource,
} from './zip-file.js';

const FIXTURES = new URL('../../test/fixtures/imports/', import.meta.url);
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A range source that counts the bytes it hands out. */
function counted(bytes: Uint8Array): RangeSource & { readonly bytesRead: () => number } {
  let n = 0;
  return {
    size: bytes.length,
    read: (offset, length) => {
      const part = bytes.subarray(offset, offset + length);
      n += part.length;
      return Promise.resolve(part);
    },
    bytesRead: () => n,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('importZipExport', () => {
  it('reads the fixtures exactly as importFile does', async () => {
    for (const [path, fileName] of [
      ['whatsapp/WhatsApp Chat with Alex Example.zip', 'WhatsApp Chat with Alex Example.zip'],
      ['whatsapp/WhatsApp Chat - Alex Example.zip', 'WhatsApp Chat - Alex Example.zip'],
      ['meta/facebook-sam-owner.zip', 'facebook-sam-owner.zip'],
    ] as const) {
      const bytes = new Uint8Array(await readFile(new URL(path, FIXTURES)));
      const whole = await importFile(bytes, { fileName });
      const ranged = await importZipExport(bytesSource(bytes), { fileName });
      expect(ranged, path).toEqual(whole);
      expect(ranged.items.length, path).toBeGreaterThan(0);
    }
  });

  it('never reads the media: only the directory and the chat', async () => {
    const chat = encode('12/03/2024, 14:05 - Alex: Where are you?\n');
    const media = new Uint8Array(8 * 1024 * 1024);
    crypto.getRandomValues(media.subarray(0, 65_536));
    const zip = zipSync(
      { '_chat.txt': chat, 'VID-20240312-WA0001.mp4': [media, { level: 0 }] },
      { level: 6 },
    );
    const source = counted(zip);
    const result = await importZipExport(source, { fileName: 'WhatsApp Chat - Alex.zip' });
    expect(result.format).toBe('whatsapp-zip');
    expect(result.items[0]?.text).toBe('Where are you?');
    expect(source.bytesRead()).toBeLessThan(100_000);
  });

  it('refuses an entry that inflates past the limit, even when the archive lies about its size', async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    const zip = zipSync({ '_chat.txt': big });
    const [entry] = await listZipEntries(bytesSource(zip));
    expect(entry?.originalSize).toBe(big.length);
    const lying = { ...entry!, originalSize: 10 };
    const e = await rejection(
      readZipEntryByRange(bytesSource(zip), lying, { maxBytes: 1024 * 1024 }),
    );
    expect(isImportError(e, 'file_too_large')).toBe(true);
    // Within the limit, the same entry reads in full.
    const ok = await readZipEntryByRange(bytesSource(zip), lying, { maxBytes: big.length });
    expect(ok.length).toBe(big.length);
    expect(ok.every((b) => b === 0x41)).toBe(true);
  });

  it('reads stored entries, and refuses damaged or foreign data with zip errors', async () => {
    const chat = encode('[12/03/2024, 14:05:33] Alex: hi\n');
    const stored = zipSync({ '_chat.txt': [chat, { level: 0 }] });
    const result = await importZipExport(bytesSource(stored), { fileName: 'WhatsApp Chat.zip' });
    expect(result.items).toHaveLength(1);

    const damaged = zipSync({ '_chat.txt': chat });
    // Break the deflate stream inside the entry's data (after the 30-byte header and name).
    damaged.fill(0xff, 30 + '_chat.txt'.length, 30 + '_chat.txt'.length + 8);
    expect(
      isImportError(await rejection(importZipExport(bytesSource(damaged))), 'zip_malformed'),
    ).toBe(true);
    expect(
      isImportError(
        await rejection(importZipExport(bytesSource(encode('PK\x03\x04 not really')))),
        'zip_malformed',
      ),
    ).toBe(true);
    const noChat = zipSync({ 'photo.jpg': new Uint8Array(10) });
    expect(
      isImportError(await rejection(importZipExport(bytesSource(noChat))), 'zip_no_chat'),
    ).toBe(true);
  });

  it('stops when cancelled', async () => {
    const zip = zipSync({ '_chat.txt': encode('12/03/2024, 14:05 - Alex: hi\n') });
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(
      importZipExport(bytesSource(zip), { fileName: 'x.zip', signal: controller.signal }),
    );
    expect(isImportError(e, 'cancelled')).toBe(true);
  });

  it('reads zip64 sizes and offsets from the extra field', async () => {
    const chat = encode('12/03/2024, 14:05 - Alex: hi\n');
    const zip = zipSync({ '_chat.txt': [chat, { level: 0 }] });
    const zip64 = toZip64(zip);
    const [entry] = await listZipEntries(bytesSource(zip64));
    expect(entry).toMatchObject({
      name: '_chat.txt',
      compressedSize: chat.length,
      originalSize: chat.length,
      localHeaderOffset: 0,
    });
    const result = await importZipExport(bytesSource(zip64), { fileName: 'WhatsApp Chat.zip' });
    expect(result.items[0]?.text).toBe('hi');
  });
});

/**
 * Rewrites a one-entry zip as zip64: the central record's sizes and offset become 0xFFFFFFFF
 * with the real values in a zip64 extra field, and a zip64 end record and locator are added.
 */
function toZip64(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  const cdOffset = view.getUint32(eocd + 16, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const nameLength = view.getUint16(cdOffset + 28, true);
  const central = zip.slice(cdOffset, cdOffset + 46 + nameLength);
  const cv = new DataView(central.buffer);
  const compressed = cv.getUint32(20, true);
  const original = cv.getUint32(24, true);
  const local = cv.getUint32(42, true);
  cv.setUint32(20, 0xffffffff, true);
  cv.setUint32(24, 0xffffffff, true);
  cv.setUint32(42, 0xffffffff, true);
  cv.setUint16(30, 28, true);
  const extra = new Uint8Array(28);
  const ev = new DataView(extra.buffer);
  ev.setUint16(0, 0x0001, true);
  ev.setUint16(2, 24, true);
  ev.setUint32(4, original, true);
  ev.setUint32(12, compressed, true);
  ev.setUint32(20, local, true);
  const newCd = new Uint8Array([...central, ...extra]);
  const z64Offset = cdOffset + newCd.length;
  const z64 = new Uint8Array(56);
  const zv = new DataView(z64.buffer);
  zv.setUint32(0, 0x06064b50, true);
  zv.setUint32(4, 44, true);
  zv.setUint32(24, 1, true);
  zv.setUint32(32, 1, true);
  zv.setUint32(40, newCd.length, true);
  zv.setUint32(48, cdOffset, true);
  const locator = new Uint8Array(20);
  const lv = new DataView(locator.buffer);
  lv.setUint32(0, 0x07064b50, true);
  lv.setUint32(8, z64Offset, true);
  lv.setUint32(16, 1, true);
  const end = zip.slice(eocd);
  const endView = new DataView(end.buffer);
  endView.setUint16(8, 0xffff, true);
  endView.setUint16(10, 0xffff, true);
  endView.setUint32(12, 0xffffffff, true);
  endView.setUint32(16, 0xffffffff, true);
  expect(cdSize).toBe(central.length);
  return new Uint8Array([...zip.subarray(0, cdOffset), ...newCd, ...z64, ...locator, ...end]);
}
