/**
 * The vault client's calls for the locked quick record's inbox (docs/vault-protocol.md §16):
 * registering a device, the sealed records waiting, filing them, and the device's own send
 * (no session, its drop token). One layer of VaultApi (../api.ts).
 */
import type {
  QuickRecordSummary,
  SealedQuickRecord,
  SendQuickRecordBody,
} from '../../contract/quick-records.js';
import { array, field, integer, none, object, string } from './checks.js';
import { parseReceipt, type ReceiptAnswer } from './receipts.js';
import { WitnessCalls } from './witnesses.js';

export class QuickRecordCalls extends WitnessCalls {
  /** Lets this device send sealed quick records (the server keeps SHA-256 of the token). */
  async registerQuickDevice(id: string, token: string): Promise<void> {
    await this.request('POST', '/api/quick/devices', { body: { id, token }, parse: none });
  }

  /** Turns the quick record off for a device: its token is refused from now on. */
  async deleteQuickDevice(id: string): Promise<void> {
    await this.request('DELETE', `/api/quick/devices/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  /** The sealed quick records waiting to be opened, oldest first. */
  async listQuickRecords(): Promise<QuickRecordSummary[]> {
    return this.request('GET', '/api/quick/records', {
      parse: (json) => array(field(object(json), 'records')).map(parseQuickRecordSummary),
    });
  }

  async getQuickRecord(id: string): Promise<SealedQuickRecord> {
    return this.request('GET', `/api/quick/records/${encodeURIComponent(id)}`, {
      parse: (json) => ({
        ...parseQuickRecordSummary(json),
        sealed: string(object(json), 'sealed'),
      }),
    });
  }

  /** Files a quick record once it is in the diary: its sealed bytes go, its receipt stays. */
  async fileQuickRecord(id: string): Promise<void> {
    await this.request('DELETE', `/api/quick/records/${encodeURIComponent(id)}`, {
      parse: none,
    });
  }

  /** The receipt of a quick record's sealed bytes; pending as getRevisionReceipt. */
  async getQuickRecordReceipt(id: string): Promise<ReceiptAnswer> {
    return this.request('GET', `/api/quick/records/${encodeURIComponent(id)}/receipt`, {
      parse: parseReceipt,
    });
  }

  /**
   * Device, no session: sends one sealed quick record with the device's drop token; the time
   * the server first received it (the same time again for a resend).
   */
  async sendQuickRecord(body: SendQuickRecordBody): Promise<string> {
    return this.request('POST', '/api/quick/records', {
      body,
      csrf: false,
      parse: (json) => string(object(json), 'receivedAt'),
    });
  }
}

function parseQuickRecordSummary(json: unknown): QuickRecordSummary {
  const o = object(json);
  return { id: string(o, 'id'), size: integer(o, 'size'), receivedAt: string(o, 'receivedAt') };
}
