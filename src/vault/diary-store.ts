/**
 * The decrypted diary of the unlocked session, held in memory once instead of fetched and
 * decrypted again by every screen (with 10,000 incidents that took seconds per screen).
 *
 * - `load()` fetches every incident, person, place and effect page by page, opening each page
 *   while the next one is on its way. The opener is injected (diary-batch.ts): in this thread by
 *   default, yielding to the browser between slices; the app passes a pool of workers, so pages
 *   open in parallel and this thread only merges (the rollback check and the maps stay here).
 *   It starts as soon as the vault is unlocked (the home screen asks for it).
 *   Incidents come newest first, so the list can show the latest ones (`partial()`) while older
 *   ones are still being opened; counts, patterns and the print log wait for all of them.
 * - Writes go through the store (`add`, `edit`, `remove`), so every screen sees them at once;
 *   the sealed response is kept beside each value as the base of the next edit.
 * - Derived data that is costly at scale (the prepared diary, the search index) is computed at
 *   most once per change and shared by the list, the pattern view and the print view.
 *
 * Nothing here touches browser storage. The app drops the store on lock (a fresh app is mounted)
 * and `wipe()` clears its maps first and closes the opener (terminating its workers), so no
 * decrypted value outlives the session.
 */
import {
  buildSearchIndex,
  prepareDiary,
  type EffectRecord,
  type Incident,
  type Person,
  type Place,
  type PreparedDiary,
  type SearchIndex,
} from '../domain/diary/index.js';
import type { RecordResponse, VaultApi } from './api.js';
import { EFFECT, INCIDENT, loadOne, PERSON, PLACE, type Kind } from './diary-records.js';
import type { QueueConflict, QueuedWrite, WriteQueue } from './write-queue.js';
import {
  DIARY_KINDS,
  inThreadOpener,
  type BatchOpener,
  type DiaryKindName,
} from './diary-batch.js';
import {
  sealNewRecord,
  sealRecordUpdate,
  type DecryptedRecord,
  type RevisionWatch,
} from './records.js';

/** A decrypted record with the sealed response it came from (the base for the next edit). */
export interface Held<T> {
  readonly record: DecryptedRecord<T>;
  readonly response: RecordResponse;
}

export interface DiaryData {
  readonly incidents: readonly DecryptedRecord<Incident>[];
  readonly people: readonly DecryptedRecord<Person>[];
  readonly places: readonly DecryptedRecord<Place>[];
  /** Day-to-day effects recorded on their own (not with one incident). */
  readonly effects: readonly DecryptedRecord<EffectRecord>[];
  /** Records that could not be decrypted or did not fit their schema. */
  readonly unreadable: number;
  /** False while older incidents are still being opened. */
  readonly complete: boolean;
}

/** Pages as large as the API allows: fewer round trips, and each page decrypts in ~20 ms. */
const PAGE_SIZE = 500;
const MAX_PAGES = 1000;
/** While loading, how often the list hears that more incidents are open. */
const PROGRESS_MS = 250;
type KindName = DiaryKindName;

export class DiaryStore {
  private readonly maps = {
    incident: new Map<string, Held<Incident>>(),
    person: new Map<string, Held<Person>>(),
    place: new Map<string, Held<Place>>(),
    effect: new Map<string, Held<EffectRecord>>(),
  };
  private unreadable = 0;
  private loading: Promise<DiaryData> | undefined;
  private loaded = false;
  /** People, places and effects are all in, and the newest page of incidents. */
  private started = false;
  private version = 0;
  private snapshot: { version: number; data: DiaryData } | undefined;
  private derived: { version: number; zone: string; prepared: PreparedDiary } | undefined;
  private index: { version: number; index: SearchIndex } | undefined;
  private readonly listeners = new Set<() => void>();
  private wiped = false;
  /** When listeners were last told of a change (performance.now()). */
  private toldAt = 0;
  /** Writes made offline wait here, sealed (write-queue.ts); none without one. */
  private queue: WriteQueue | undefined;

  constructor(
    private readonly api: VaultApi,
    private readonly accountKey: () => Uint8Array,
    private readonly watch: RevisionWatch,
    private readonly opener: BatchOpener = inThreadOpener(),
  ) {}

  /** Every incident, person and place, decrypted; fetched once per session. */
  load(): Promise<DiaryData> {
    if (this.loaded) return Promise.resolve(this.data());
    if (this.loading === undefined) this.opener.start();
    this.loading ??= this.fetchAll()
      .then(() => this.restoreQueued())
      .then(
        () => {
          this.loaded = true;
          this.changed();
          return this.data();
        },
        (e: unknown) => {
          // A failed load can be tried again; what was decrypted so far is dropped.
          this.loading = undefined;
          this.clearMaps();
          throw e;
        },
      );
    return this.loading;
  }

  /** The loaded diary, or undefined while it is still loading. */
  current(): DiaryData | undefined {
    return this.loaded ? this.data() : undefined;
  }

  /** What is open so far, once the newest incidents are; `complete` says whether that is all. */
  partial(): DiaryData | undefined {
    return this.loaded || this.started ? this.data() : undefined;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(kind: 'incident', id: string): Held<Incident> | undefined;
  get(kind: 'person', id: string): Held<Person> | undefined;
  get(kind: 'place', id: string): Held<Place> | undefined;
  get(kind: 'effect', id: string): Held<EffectRecord> | undefined;
  get(kind: KindName, id: string): Held<unknown> | undefined {
    return this.maps[kind].get(id);
  }

  /** The current revision from the server (the newest, even if another device changed it). */
  async fetchOne<T, I>(kind: Kind<T, I>, id: string): Promise<Held<T>> {
    // A change still on this device is newer than anything the server has.
    const local = this.waiting(id) ? this.mapOf(kind).get(id) : undefined;
    if (local !== undefined) return local as Held<T>;
    const held = await loadOne(this.api, this.accountKey(), this.watch, kind, id);
    this.hold(kind, held);
    return held;
  }

  /** Puts a record fetched elsewhere (a fresh copy from the server) into the store. */
  hold<T>(kind: { readonly type: string }, held: Held<T>): void {
    const map = this.mapOf(kind);
    const existing = map.get(held.record.id);
    if (existing !== undefined && existing.record.revision > held.record.revision) return;
    map.set(held.record.id, held);
    this.changed();
  }

  /** Seals and stores a new record (or queues it, sealed, when offline); returns its id. */
  async add<T, I>(kind: Kind<T, I>, value: I): Promise<string> {
    const checked = kind.check(value);
    const body = await sealNewRecord(this.accountKey(), kind.type, checked);
    const response = await this.write({ op: 'create', type: kind.type, body });
    this.put(kind, response, checked);
    return response.id;
  }

  /** A new revision on top of `base`; a change made elsewhere meanwhile is `revision_conflict`. */
  async edit<T, I>(kind: Kind<T, I>, base: RecordResponse, value: I): Promise<void> {
    const checked = kind.check(value);
    const body = await sealRecordUpdate(this.accountKey(), base, checked);
    const response = await this.write({ op: 'update', id: base.id, type: kind.type, body });
    this.put(kind, response, checked);
  }

  /**
   * Writes go through `queue` from now on: kept sealed while offline, sent in order later. Call
   * before `load()`, which then shows this account's waiting writes and starts sending them.
   */
  useQueue(queue: WriteQueue): void {
    this.queue = queue;
    queue.subscribe(() => this.changed());
  }

  /** Whether a write to this record is waiting to be sent. */
  waiting(id: string): boolean {
    return this.queue?.isWaiting(id) ?? false;
  }

  /** The server now has a queued write: its answer becomes the base of the next edit. */
  sent(item: QueuedWrite, response: RecordResponse): void {
    const map = this.maps[item.type as KindName] as Map<string, Held<unknown>> | undefined;
    const held = map?.get(response.id);
    this.watch.see(response.id, response.revision);
    if (map === undefined || held === undefined || held.record.revision !== response.revision)
      return;
    this.put(item, response, held.record.value);
  }

  /** A conflict: the local version waits as a new record; the original is fetched afresh. */
  copied(conflict: QueueConflict, response: RecordResponse, value: unknown): void {
    const kind = DIARY_KINDS[conflict.type as KindName] as Kind<unknown, unknown> | undefined;
    if (kind === undefined) return;
    this.put(kind, response, value);
    this.mapOf(kind).delete(conflict.id);
    this.watch.forget(conflict.id);
    this.fetchOne(kind, conflict.id).catch(() => this.changed());
  }

  async remove(id: string): Promise<void> {
    await this.api.deleteRecord(id);
    this.watch.forget(id);
    for (const map of Object.values(this.maps)) map.delete(id);
    this.changed();
  }

  /** The diary prepared for analysis in `zone` (sorted, with local dates), shared by screens. */
  prepared(zone: string): PreparedDiary {
    const d = this.derived;
    if (d !== undefined && d.version === this.version && d.zone === zone) return d.prepared;
    const data = this.data();
    const prepared = prepareDiary(
      {
        incidents: data.incidents,
        people: data.people,
        places: data.places,
        effects: data.effects,
      },
      zone,
    );
    this.derived = { version: this.version, zone, prepared };
    return prepared;
  }

  /** The full-text index, built once per change (the zone only reuses the prepared diary). */
  searchIndex(zone: string): SearchIndex {
    if (this.index !== undefined && this.index.version === this.version) return this.index.index;
    const index = buildSearchIndex(this.prepared(zone), { timeZone: zone });
    this.index = { version: this.version, index };
    return index;
  }

  /** Drops every decrypted value (on lock); the store cannot be used afterwards. */
  wipe(): void {
    this.wiped = true;
    this.opener.close();
    this.clearMaps();
    this.snapshot = undefined;
    this.derived = undefined;
    this.index = undefined;
    this.listeners.clear();
  }

  // ---- inside ----

  private async write(item: QueuedWrite): Promise<RecordResponse> {
    if (this.queue === undefined) {
      const response =
        item.op === 'create'
          ? await this.api.createRecord(item.body)
          : await this.api.updateRecord(item.id, item.body);
      this.watch.see(response.id, response.revision);
      return response;
    }
    const { response, queued } = await this.queue.write(item);
    if (!queued) this.watch.see(response.id, response.revision);
    return response;
  }

  /** After loading: this account's waiting writes, shown as they will be, then sent. */
  private async restoreQueued(): Promise<void> {
    if (this.queue === undefined) return;
    // Storage that cannot be read must not stop the diary opening; the items stay for later.
    const restored = await this.queue.restore().catch(() => []);
    for (const { response, value } of restored) {
      const map = this.maps[response.type as KindName] as Map<string, Held<unknown>> | undefined;
      if (map === undefined || this.wiped) continue;
      const held = map.get(response.id);
      if (held !== undefined && held.record.revision >= response.revision) continue;
      const { id, type, revision, createdAt, updatedAt } = response;
      map.set(id, { record: { id, type, revision, createdAt, updatedAt, value }, response });
    }
    void this.queue.flush();
  }

  private mapOf(kind: { readonly type: string }): Map<string, Held<unknown>> {
    const name = kind.type as KindName;
    const map = this.maps[name] as Map<string, Held<unknown>> | undefined;
    if (map === undefined) throw new Error(`the diary store does not hold ${kind.type} records`);
    return map;
  }

  private put(kind: { readonly type: string }, response: RecordResponse, value: unknown): void {
    const record: DecryptedRecord<unknown> = {
      id: response.id,
      type: kind.type,
      revision: response.revision,
      createdAt: response.createdAt,
      updatedAt: response.updatedAt,
      value,
    };
    this.hold(kind, { record, response });
  }

  private data(): DiaryData {
    if (this.snapshot?.version === this.version) return this.snapshot.data;
    const values = <T>(map: Map<string, Held<T>>): DecryptedRecord<T>[] =>
      Array.from(map.values(), (h) => h.record);
    const data: DiaryData = {
      incidents: values(this.maps.incident),
      people: values(this.maps.person),
      places: values(this.maps.place),
      effects: values(this.maps.effect),
      unreadable: this.unreadable,
      complete: this.loaded,
    };
    this.snapshot = { version: this.version, data };
    return data;
  }

  private changed(): void {
    this.version++;
    this.toldAt = performance.now();
    for (const listener of this.listeners) listener();
  }

  /**
   * A page more is open: listeners (the list prepares the whole diary and redraws) hear of it at
   * most every PROGRESS_MS, so they do not take the thread from the pages still arriving; the
   * end of loading always tells them.
   */
  private progressed(): void {
    if (performance.now() - this.toldAt < PROGRESS_MS) this.version++;
    else this.changed();
  }

  private clearMaps(): void {
    for (const map of Object.values(this.maps)) map.clear();
    this.unreadable = 0;
    this.started = false;
  }

  private async fetchAll(): Promise<void> {
    // People, places and effects are few; incidents can be thousands, and come newest first so
    // the list has something to show after the first page.
    const others = Promise.all([
      this.fetchKind(PERSON, 'asc'),
      this.fetchKind(PLACE, 'asc'),
      this.fetchKind(EFFECT, 'asc'),
    ]);
    let firstPage: () => void = () => undefined;
    const firstPageDone = new Promise<void>((resolve) => (firstPage = resolve));
    const incidents = this.fetchKind(INCIDENT, 'desc', () => firstPage());
    await Promise.all([
      Promise.all([others, firstPageDone]).then(() => {
        if (this.wiped) return;
        this.started = true;
        this.changed();
      }),
      incidents.finally(() => firstPage()),
    ]);
  }

  /** Fetches page n+1 while page n is decrypted; tells listeners after each page. */
  private async fetchKind<T, I>(
    kind: Kind<T, I>,
    order: 'asc' | 'desc',
    afterPage?: () => void,
  ): Promise<void> {
    const map = this.mapOf(kind);
    const fetchPage = (cursor: string | undefined) =>
      this.api.listRecords({
        type: kind.type,
        limit: PAGE_SIZE,
        order,
        ...(cursor !== undefined ? { cursor } : {}),
      });
    let pending = fetchPage(undefined);
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await pending;
      if (result.next !== null) pending = fetchPage(result.next);
      if (this.wiped) return;
      // Wiping closes the opener, which then rejects whatever it was opening: work stops there.
      const opened = await this.opener
        .open(this.accountKey(), result.records, kind.type as KindName)
        .catch((e: unknown) => {
          if (this.wiped) return undefined;
          throw e;
        });
      if (opened === undefined) return;
      // A record the server rolled back to an older revision than one seen this session is
      // unreadable, exactly as one that does not decrypt or fit its schema.
      for (const [i, response] of result.records.entries()) {
        const answer = opened[i];
        if (
          answer?.ok === true &&
          answer.record.id === response.id &&
          this.watch.see(answer.record.id, answer.record.revision)
        ) {
          map.set(response.id, { record: answer.record, response });
        } else this.unreadable++;
      }
      afterPage?.();
      if (this.started) this.progressed();
      if (result.next === null) return;
    }
  }
}
