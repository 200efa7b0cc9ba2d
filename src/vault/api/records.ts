/**
 * The vault client's calls for records: create, list (a page at a time), read, update, every
 * revision, delete; and what a write's answer says about its receipt (the highest leaf index,
 * the ids deleted here) so a receipt check knows when to ask. One layer of VaultApi (../api.ts).
 */
import type { z } from 'zod';
import type {
  RecordResponse,
  createRecordBody,
  updateRecordBody,
} from '../../contract/vault-api.js';
import { AccountCalls } from './account.js';
import { array, field, integer, MAX_PAGES, none, object, string } from './checks.js';
import { badResponse } from './errors.js';

export type CreateRecordBody = z.infer<typeof createRecordBody>;
export type UpdateRecordBody = z.infer<typeof updateRecordBody>;

/** A write's answer: the stored record and, when receipts are on, the index of its receipt leaf. */
export type WrittenRecord = RecordResponse & { readonly leafIndex?: number };

export interface RecordPage {
  readonly records: RecordResponse[];
  readonly next: string | null;
}

export class RecordCalls extends AccountCalls {
  /**
   * The highest receipt leaf index a write from this page was answered with. One number, kept
   * across lock (it names no record): a receipt check waits until a checkpoint covers it.
   */
  private highestLeafIndex: number | undefined;
  private readonly deletedIds = new Set<string>();

  /**
   * The highest receipt leaf index this page's writes were answered with, if any: a receipt
   * check waits for a checkpoint that covers it instead of asking for a receipt too early.
   */
  get lastLeafIndex(): number | undefined {
    return this.highestLeafIndex;
  }

  /**
   * Whether this client deleted the record: a receipt check waiting to ask again stops rather
   * than ask for the receipt of something that is gone (a 404 in the browser's console).
   */
  deleted(id: string): boolean {
    return this.deletedIds.has(id);
  }

  private remember(written: WrittenRecord): WrittenRecord {
    if (written.leafIndex !== undefined) {
      this.highestLeafIndex = Math.max(this.highestLeafIndex ?? 0, written.leafIndex);
    }
    return written;
  }

  async createRecord(body: CreateRecordBody): Promise<WrittenRecord> {
    return this.remember(
      await this.request('POST', '/api/records', { body, parse: parseWrittenRecord }),
    );
  }

  /** One page of records, oldest first unless `order` is `desc`; every type when `type` is left out. */
  async listRecords(query: {
    type?: string;
    limit?: number;
    cursor?: string;
    order?: 'asc' | 'desc';
  }): Promise<RecordPage> {
    const params = new URLSearchParams();
    if (query.type !== undefined) params.set('type', query.type);
    if (query.order !== undefined) params.set('order', query.order);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    return this.request('GET', `/api/records?${params.toString()}`, {
      parse: (json) => {
        const o = object(json);
        const next = field(o, 'next');
        if (next !== null && typeof next !== 'string') throw badResponse('next');
        return { records: array(field(o, 'records')).map(parseRecord), next };
      },
    });
  }

  async getRecord(id: string): Promise<RecordResponse> {
    return this.request('GET', `/api/records/${encodeURIComponent(id)}`, { parse: parseRecord });
  }

  async updateRecord(id: string, body: UpdateRecordBody): Promise<WrittenRecord> {
    return this.remember(
      await this.request('PUT', `/api/records/${encodeURIComponent(id)}`, {
        body,
        parse: parseWrittenRecord,
      }),
    );
  }

  /**
   * Every revision of a record, oldest first. The server sends them a page at a time (by count
   * and by bytes); this follows `next` to the end.
   */
  async listRevisions(id: string): Promise<RecordResponse[]> {
    const all: RecordResponse[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const result = await this.request(
        'GET',
        `/api/records/${encodeURIComponent(id)}/revisions${query}`,
        {
          parse: (json) => {
            const o = object(json);
            const next = field(o, 'next');
            if (next !== null && typeof next !== 'string') throw badResponse('next');
            return { revisions: array(field(o, 'revisions')).map(parseRecord), next };
          },
        },
      );
      all.push(...result.revisions);
      if (result.next === null) return all;
      // A page with nothing in it but a next page would never end.
      if (result.revisions.length === 0) throw badResponse('next');
      cursor = result.next;
    }
    throw badResponse('next');
  }

  async deleteRecord(id: string): Promise<void> {
    this.deletedIds.add(id);
    try {
      await this.request('DELETE', `/api/records/${encodeURIComponent(id)}`, { parse: none });
    } catch (e) {
      this.deletedIds.delete(id);
      throw e;
    }
  }
}

function parseWrittenRecord(json: unknown): WrittenRecord {
  const record = parseRecord(json);
  const o = object(json);
  return o.leafIndex === undefined ? record : { ...record, leafIndex: integer(o, 'leafIndex') };
}

function parseRecord(json: unknown): RecordResponse {
  const o = object(json);
  return {
    id: string(o, 'id'),
    type: string(o, 'type'),
    revision: integer(o, 'revision'),
    ciphertext: string(o, 'ciphertext'),
    wrappedKey: string(o, 'wrappedKey'),
    size: integer(o, 'size'),
    createdAt: string(o, 'createdAt'),
    updatedAt: string(o, 'updatedAt'),
  };
}
