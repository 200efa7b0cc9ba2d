/**
 * BundleInput.verifyHtml: written as the tag file verify.html, listed in the tag manifest, named
 * in HOW-TO-VERIFY.txt; the bundle still verifies, and a changed byte in it is caught.
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, sha256, toHex, utf8Decode, utf8Encode } from '../crypto/index.js';
import { makeTestBundle } from './bundle-fixture.js';
import { PATHS } from './bundle-layout.js';
import { verifyBundle } from './verify.js';

const HTML = utf8Encode('<!doctype html><title>Check an evidence bundle</title>\n');

async function unpack(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip));
  const out = new Map<string, Uint8Array>();
  for (const e of await reader.getEntries()) {
    if (!e.directory) out.set(e.filename, await e.getData(new Uint8ArrayWriter()));
  }
  await reader.close();
  return out;
}

async function pack(files: Map<string, Uint8Array>): Promise<Uint8Array> {
  const writer = new Uint8ArrayWriter();
  const zip = new ZipWriter(writer, { useWebWorkers: false });
  for (const [name, bytes] of files) await zip.add(name, new Uint8ArrayReader(bytes));
  await zip.close();
  return writer.getData();
}

describe('verify.html in the bundle', () => {
  let zip: Uint8Array;
  beforeAll(async () => {
    await cryptoReady();
    zip = (await makeTestBundle({ incidents: 3, verifyHtml: HTML })).zip;
  }, 60_000);

  it('is a tag file, listed with its SHA-256, named in HOW-TO-VERIFY.txt, and the bundle passes', async () => {
    const files = await unpack(zip);
    const at = (p: string) => files.get(`mosaic-report-test/${p}`);
    expect(at(PATHS.verifyHtml)).toEqual(HTML);
    expect(utf8Decode(at(PATHS.tagManifest)!)).toContain(
      `${toHex(await sha256(HTML))}  verify.html\n`,
    );
    expect(utf8Decode(at(PATHS.howTo)!)).toContain('open verify.html');
    const result = await verifyBundle(zip);
    expect(result.lines.filter((l) => l.status === 'fail')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails when a byte of verify.html is changed', async () => {
    const files = await unpack(zip);
    const name = `mosaic-report-test/${PATHS.verifyHtml}`;
    const bytes = new Uint8Array(files.get(name)!);
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    files.set(name, bytes);
    const result = await verifyBundle(await pack(files));
    expect(result.ok).toBe(false);
    expect(result.lines).toContainEqual(
      expect.objectContaining({ status: 'fail', subject: 'verify.html' }),
    );
  });

  it('is left out, and not mentioned, when not given', async () => {
    const files = await unpack((await makeTestBundle({ incidents: 3 })).zip);
    expect(files.has(`mosaic-report-test/${PATHS.verifyHtml}`)).toBe(false);
    expect(utf8Decode(files.get(`mosaic-report-test/${PATHS.howTo}`)!)).not.toContain(
      'verify.html',
    );
  });
});
