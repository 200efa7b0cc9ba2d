import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, lines, peek, readAll, textChunks } from './input.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a stream of chunks for the test
async function* cut(b: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const s of sizes) {
    if (at >= b.length) return;
    yield b.subarray(at, at + s);
    at += s;
  }
  if (at < b.length) yield b.subarray(at);
}

const ctx = { maxBytes: 1e9 };

describe('streamed text and lines', () => {
  it('splits lines on LF, CRLF and lone CR, however the bytes are cut', async () => {
    const text = 'a\r\nb\rc\n\nd\u00e9\u{1F600}\r\n\r\ne';
    const expected = ['a', 'b', 'c', '', 'd\u00e9\u{1F600}', '', 'e'];
    const bytes = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 20 }),
        async (sizes) => {
          const batches = await collect(lines(textChunks(cut(bytes, sizes))));
          expect(batches.flat()).toEqual(expected);
        },
      ),
    );
  });

  it('decodes UTF-16 with a byte-order mark and drops a UTF-8 BOM', async () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x68, 0, 0x69, 0]);
    expect((await collect(textChunks(cut(le, [1, 1, 1])))).join('')).toBe('hi');
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]);
    expect((await collect(textChunks(cut(bom, [2])))).join('')).toBe('hi');
  });
});

describe('limits, cancel and peek', () => {
  it('refuses a stream larger than the limit as it arrives', async () => {
    await expect(
      collect(chunks(cut(new Uint8Array(100), [10]), { maxBytes: 50 })),
    ).rejects.toMatchObject({
      code: 'file_too_large',
    });
    await expect(readAll(new Uint8Array(100), { maxBytes: 50 })).rejects.toMatchObject({
      code: 'file_too_large',
    });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      collect(chunks(new Uint8Array(10), { maxBytes: 100, signal: controller.signal })),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('peeks at the head and still yields the whole stream', async () => {
    const b = Uint8Array.from({ length: 100 }, (_, i) => i);
    const { head, source } = await peek(cut(b, [7, 7, 7]), 10);
    expect([...head]).toEqual([...b.subarray(0, 10)]);
    expect([...(await readAll(source, ctx))]).toEqual([...b]);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await collect(
      chunks(new Uint8Array(3 * 1024 * 1024), { maxBytes: 1e9, onProgress: (n) => seen.push(n) }),
    );
    expect(seen).toEqual([1, 2, 3].map((n) => n * 1024 * 1024));
  });

  it('reports a source that fails to read as file_unreadable', async () => {
    // eslint-disable-next-line require-yield, @typescript-eslint/require-await
    async function* failing(): AsyncGenerator<Uint8Array> {
      throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    }
    await expect(peek(failing(), 10)).rejects.toMatchObject({
      code: 'file_unreadable',
      details: { reason: 'ENOENT' },
    });
  });
});
