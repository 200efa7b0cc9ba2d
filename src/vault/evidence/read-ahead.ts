/**
 * Bounded read-ahead over numbered items made one after another (an upload's encrypted chunks):
 * while the consumer works on item i, items i+1 … i+limit are being made, and never more. That
 * keeps a worker encrypting while the previous request is on the wire, with memory that depends
 * on `limit` and not on the file's size.
 *
 * Items are usually asked for in order; asking for any other index (tus resending from the
 * server's offset) drops what was prepared and starts again from there. A dropped item still
 * counts against the limit until its making settles, so the bound holds even then.
 */

export interface ReadAheadOptions<T> {
  /** Makes item `index` (0 … count−1). */
  readonly make: (index: number) => Promise<T>;
  /** How many items there are. */
  readonly count: number;
  /** How many items may be being made, or made and waiting, ahead of the consumer. */
  readonly limit: number;
}

/**
 * @example
 * const chunks = new ReadAhead({ make: (i) => encryptChunk(i), count: 10, limit: 2 });
 * const first = await chunks.get(0); // chunks 1 and 2 are being made meanwhile
 */
export class ReadAhead<T> {
  /** Items made or being made for `next`, `next + 1`, …, not yet taken. */
  private prepared: Promise<T>[] = [];
  private next = 0;
  /** Dropped items whose making has not settled yet. */
  private dropped = 0;
  private closed = false;

  constructor(private readonly options: ReadAheadOptions<T>) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 0) {
      throw new RangeError('the read-ahead limit must be a whole number from 0');
    }
  }

  /** Items being made, or made and waiting, that the consumer has not taken. */
  get inFlight(): number {
    return this.prepared.length + this.dropped;
  }

  /** Item `index`; starts making the next ones, up to the limit. */
  get(index: number): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the read-ahead is closed'));
    if (index !== this.next) this.drop();
    const item = this.prepared.shift() ?? this.options.make(index);
    this.next = index + 1;
    this.fill();
    return item;
  }

  /** Drops everything prepared and makes nothing more. */
  close(): void {
    this.closed = true;
    this.drop();
  }

  private drop(): void {
    for (const item of this.prepared) {
      this.dropped += 1;
      const settled = (): void => {
        this.dropped -= 1;
        this.fill();
      };
      item.then(settled, settled);
    }
    this.prepared = [];
  }

  private fill(): void {
    while (!this.closed && this.inFlight < this.options.limit) {
      const index = this.next + this.prepared.length;
      if (index >= this.options.count) return;
      const item = this.options.make(index);
      // A failure shows when (if) the item is asked for; the consumer then asks again.
      item.catch(() => undefined);
      this.prepared.push(item);
    }
  }
}
