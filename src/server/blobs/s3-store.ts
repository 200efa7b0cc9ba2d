/**
 * Blobs in an S3-compatible bucket, through @tus/s3-store: each upload becomes one S3 multipart
 * upload (completed into the object `<prefix><id>` when the last byte arrives), with
 * `<prefix><id>.info` holding tus's bookkeeping and, between requests, `<prefix><id>.part` holding
 * bytes not yet enough for a part. Every PATCH streams through temporary files on this machine's
 * disk, never through memory, and downloads stream straight from S3.
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { S3Store, type MetadataValue } from '@tus/s3-store';
import type { KvStore } from '@tus/server';
import type { BlobStoreConfig } from '../config.js';
import { StartupError } from '../startup-error.js';
import type { BlobStore } from './blob-store.js';

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

/**
 * S3's smallest part (only the last part of an object may be smaller). @tus/s3-store keeps what
 * a PATCH leaves short of a whole part as a `.part` object, which the next PATCH reads back and
 * sends again, so PATCHes smaller than a part cost traffic that grows with the part size: for
 * 1 MiB PATCHes about 3× the file goes to S3 with 5 MiB parts and 4.5× with 8 MiB ones. The
 * minimum wastes least; PATCHes a whole number of parts long would waste nothing. `minPartSize`
 * at the same value makes every part but the last exactly this size, which Cloudflare R2 needs.
 */
export const S3_PART_BYTES = 5 * 1024 * 1024;
/**
 * AWS allows 10,000 parts, but OpenStack Swift's S3 layer and Scaleway allow 1,000. With 1,000
 * parts of 5 MiB a file may be 4.9 GiB; a larger one gets larger parts (size / 1,000).
 */
const MAX_PARTS = 1000;

/** A KvStore that keeps nothing, so every look-up goes to the bucket all servers share. */
class NoCache implements KvStore<MetadataValue> {
  get(): Promise<MetadataValue | undefined> {
    return Promise.resolve(undefined);
  }
  set(): Promise<void> {
    return Promise.resolve();
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
  list(): Promise<string[]> {
    return Promise.resolve([]);
  }
}

class MosaicS3Store extends S3Store {
  constructor(config: S3Config, clientConfig: S3ClientConfig & { bucket: string }) {
    super({
      partSize: S3_PART_BYTES,
      minPartSize: S3_PART_BYTES,
      maxMultipartParts: MAX_PARTS,
      // At most this many part uploads at once for the whole process; each streams from a
      // temporary file, so this bounds sockets, not memory.
      maxConcurrentPartUploads: 16,
      // No metadata cache: @tus/s3-store's default keeps each upload's `.info` in this process's
      // memory, which another app server's finish or removal leaves stale (a removed upload
      // then looks complete here), and which grows with every upload another server finishes.
      // Reading the small `.info` object again costs one GET per request.
      cache: new NoCache(),
      // Not set: expiration (it needs object tagging, which not every S3 offers). Unfinished
      // uploads are swept by the upload routes instead, which know who owns what.
      s3ClientConfig: clientConfig,
    });
    // @tus/s3-store has no key prefix (a TODO upstream), so every request's Key gets it here.
    const { prefix } = config;
    if (prefix !== '') {
      this.client.middlewareStack.add(
        (next) => async (args) => {
          const key = (args.input as { Key?: unknown }).Key;
          return next(
            typeof key === 'string'
              ? { ...args, input: { ...args.input, Key: `${prefix}${key}` } }
              : args,
          );
        },
        { step: 'initialize', name: 'mosaicKeyPrefix' },
      );
    }
  }

  /**
   * An empty file: tus finishes it at creation without ever calling write, so @tus/s3-store would
   * leave its multipart upload open and a download would find no object. Completing it with one
   * empty part (what @tus/s3-store itself does for an empty last write) makes a real empty object.
   */
  override async create(upload: Parameters<S3Store['create']>[0]) {
    const created = await super.create(upload);
    if (created.size === 0) {
      await this.finishMultipartUpload(await this.getMetadata(created.id), []);
      await this.clearCache(created.id);
    }
    return created;
  }

  /**
   * @tus/s3-store's remove stops at an upload already completed (aborting it answers "no such
   * upload") and never deletes the `.part` object, so both would be left in the bucket. This one
   * removes all three keys whatever state the upload is in, and succeeds when they are gone.
   */
  override async remove(id: string): Promise<void> {
    let uploadId: string | undefined;
    try {
      uploadId = (await this.getMetadata(id))['upload-id'];
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (uploadId !== undefined) {
      await this.client
        .abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId })
        .catch((error: unknown) => {
          // Completed or aborted before: nothing to abort.
          if (!isNotFound(error)) throw error;
        });
    }
    // One request per key, not DeleteObjects: OpenStack Swift 2.30 refuses a multi-object
    // delete without Content-MD5, which current AWS SDKs no longer send. The `.info` goes last,
    // so a remove cut short can be tried again and still find the upload to abort.
    for (const key of [id, this.partKey(id, true), this.infoKey(id)]) {
      await this.client.deleteObject({ Bucket: this.bucket, Key: key });
    }
    await this.clearCache(id);
  }

  /**
   * @tus/s3-store joins the parts only in the PATCH that sends the last byte. A server killed
   * between that part going up and the join leaves an open multipart upload holding every byte,
   * which getUpload reports as complete (so the client stops sending) but which no one can read.
   * This joins it, as that PATCH would have.
   */
  async finishStored(id: string): Promise<boolean> {
    let metadata: Awaited<ReturnType<S3Store['getMetadata']>>;
    try {
      metadata = await this.getMetadata(id);
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
    const { size } = metadata.file;
    if (size === undefined) return false;
    let parts: Awaited<ReturnType<S3Store['retrieveParts']>>;
    try {
      parts = await this.retrieveParts(id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // No multipart upload any more: joined already (the object is there) or aborted.
      return this.client.headObject({ Bucket: this.bucket, Key: id }).then(
        () => true,
        (headError: unknown) => {
          if (isNotFound(headError)) return false;
          throw headError;
        },
      );
    }
    // Bytes waiting in a `.part` object are not in a part yet: the client still has to send
    // the rest, and the PATCH that does joins them.
    if (parts.reduce((n, part) => n + (part.Size ?? 0), 0) !== size) return false;
    await this.finishMultipartUpload(metadata, parts);
    await this.completeMetadata(metadata.file);
    await this.clearCache(id);
    return true;
  }

  /** Start-up check: the bucket exists and these credentials may use it. */
  async check(config: S3Config): Promise<void> {
    try {
      await this.client.headBucket({ Bucket: this.bucket });
    } catch (error) {
      throw new StartupError(
        `Cannot use the S3 bucket "${config.bucket}" at ${where(config)}: ${reason(error)}. ` +
          'Check BLOB_STORE, S3_ENDPOINT, S3_REGION and the S3_ credentials.',
      );
    }
  }

  close(): void {
    this.client.destroy();
  }
}

export async function openS3BlobStore(config: S3Config): Promise<BlobStore> {
  const datastore = new MosaicS3Store(config, {
    bucket: config.bucket,
    region: config.region,
    ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Checksums only where S3 requires them. The default (since SDK 3.729) streams every upload
    // as aws-chunked with a trailing CRC, which many S3-compatible servers refuse (Swift 2.30
    // answers 501). Integrity does not rest on it: every ciphertext chunk is authenticated by
    // the browser's AEAD, and a changed byte fails to decrypt.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that stops answering fails the request rather than holding it open for ever.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
  try {
    await datastore.check(config);
  } catch (error) {
    datastore.close();
    throw error;
  }
  return {
    kind: 's3',
    datastore,
    // getObject answers with its headers before the body streams: a missing object is known.
    read: (id) =>
      datastore.read(id).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      }),
    finish: (id) => datastore.finishStored(id),
    remove: (id) => datastore.remove(id),
    close: () => {
      datastore.close();
      return Promise.resolve();
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  return (
    e?.name === 'NoSuchKey' ||
    e?.name === 'NoSuchUpload' ||
    e?.name === 'NotFound' ||
    e?.$metadata?.httpStatusCode === 404
  );
}

/** The endpoint's host only: an address may carry a user name and password. */
function where(config: S3Config): string {
  if (config.endpoint === undefined) return `AWS region ${config.region}`;
  return new URL(config.endpoint).host;
}

/** Why the check failed, from the error's kind only: S3's message text can quote the request. */
function reason(error: unknown): string {
  const e = error as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  } | null;
  const status = e?.$metadata?.httpStatusCode;
  if (status === 404) return 'there is no such bucket';
  if (status === 403 || status === 401)
    return 'access denied (wrong key or secret, or no permission)';
  if (status === 301) return 'the bucket is in another region';
  if (typeof e?.code === 'string') return `cannot connect (${e.code})`;
  if (typeof status === 'number') return `the store answered ${status}`;
  return `cannot connect (${typeof e?.name === 'string' ? e.name : 'unknown error'})`;
}
