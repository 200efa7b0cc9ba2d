/**
 * Reading a file's bytes into buffers the caller owns and reuses, rather than a new ArrayBuffer
 * per slice: a byte stream's BYOB reads where the runtime has them (Chromium and Node do), a
 * copy out of `slice().arrayBuffer()` where it has not. Hashing or encrypting a gigabyte this
 * way leaves nothing for the garbage collector, so memory stays flat in fact and not just once
 * a collection comes (evidence uploads: file-hash.ts, pooled-chunks.ts).
 */

/** Reads a Blob's bytes into buffers the caller gives, from any offset. */
export class BlobBytes {
  private reader: ReadableStreamBYOBReader | undefined;
  private position = -1;
  private byob = true;

  constructor(private readonly blob: Blob) {}

  /** Fills `into` with the bytes from `from` (as many as fit before the end); returns that view. */
  async read(from: number, into: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    const want = Math.min(into.length, this.blob.size - from);
    if (!this.byob) return this.copied(from, into, want);
    if (this.reader === undefined || this.position !== from) {
      await this.cancel();
      try {
        this.reader = this.blob.slice(from).stream().getReader({ mode: 'byob' });
      } catch {
        this.byob = false; // a runtime whose Blob streams are not byte streams
        return this.copied(from, into, want);
      }
      this.position = from;
    }
    let buffer = into.buffer;
    let filled = 0;
    while (filled < want) {
      const view = new Uint8Array(buffer, into.byteOffset + filled, want - filled);
      const { value, done } = await this.reader.read(view);
      if (value === undefined) throw new Error('the file ended early');
      buffer = value.buffer;
      filled += value.byteLength;
      if (done) break;
    }
    this.position = from + filled;
    if (filled !== want) throw new Error('the file ended early');
    return new Uint8Array(buffer, into.byteOffset, want);
  }

  async cancel(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await reader?.cancel().catch(() => undefined);
  }

  private async copied(
    from: number,
    into: Uint8Array<ArrayBuffer>,
    want: number,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = new Uint8Array(await this.blob.slice(from, from + want).arrayBuffer());
    into.set(bytes);
    return into.subarray(0, want);
  }
}
