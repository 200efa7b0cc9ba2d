/**
 * The SHA-256 of an evidence file's original, fed with the plaintext chunks the encrypting
 * worker reads (pooled-chunks.ts), either on the same thread or in a second worker so hashing
 * and encryption run side by side (each is about as slow as the other in WebAssembly).
 *
 * Between the two workers is a MessagePort the page sets up and hands to both: the plaintext
 * buffers cross it transferred, not copied, and come back once hashed; the digest is asked on
 * the same port after the last chunk, so it comes after every byte (a port keeps its order).
 * The key never goes to the hashing worker; it only ever sees the plaintext it hashes.
 */
import { toHex, type Sha256Hasher } from '../../crypto/index.js';
import type { PlainHash } from './pooled-chunks.js';

/** The parts of a MessagePort used here. */
export interface HashPort {
  postMessage(message: HashPortMessage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<HashPortMessage>) => void) | null;
  close(): void;
}

export type HashPortMessage =
  | { readonly type: 'plain'; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly type: 'digest' }
  | { readonly type: 'back'; readonly buffer: ArrayBuffer }
  | { readonly type: 'sha256'; readonly value: string }
  | { readonly type: 'failed'; readonly message: string };

/** Hashing on this thread: each buffer comes back at once. */
export function localPlainHash(hasher: Sha256Hasher): PlainHash {
  let open = true;
  return {
    update(plaintext, done) {
      hasher.update(plaintext);
      done(plaintext.buffer);
    },
    digest() {
      open = false;
      return Promise.resolve(toHex(hasher.digest()));
    },
    close() {
      // Frees libsodium's hash state.
      if (open) hasher.digest();
      open = false;
    },
  };
}

/** The encrypting worker's end: hashing happens at the other end of `port`. */
export function portPlainHash(port: HashPort): PlainHash {
  const returns: ((buffer: ArrayBuffer) => void)[] = [];
  let answer: { resolve: (hex: string) => void; reject: (e: Error) => void } | undefined;
  let broken: Error | undefined;
  port.onmessage = ({ data }) => {
    if (data.type === 'back') returns.shift()?.(data.buffer);
    else if (data.type === 'sha256') answer?.resolve(data.value);
    else if (data.type === 'failed') {
      broken = new Error(data.message);
      answer?.reject(broken);
    }
  };
  return {
    update(plaintext, done) {
      returns.push(done);
      port.postMessage({ type: 'plain', bytes: plaintext }, [plaintext.buffer]);
    },
    digest() {
      if (broken !== undefined) return Promise.reject(broken);
      return new Promise<string>((resolve, reject) => {
        answer = { resolve, reject };
        port.postMessage({ type: 'digest' }, []);
      });
    },
    close() {
      port.close();
    },
  };
}

/** The hashing worker's end: hashes what comes in, in order, and gives each buffer back. */
export function servePlainHash(port: HashPort, hasher: Sha256Hasher): void {
  let open = true;
  port.onmessage = ({ data }) => {
    try {
      if (data.type === 'plain') {
        hasher.update(data.bytes);
        port.postMessage({ type: 'back', buffer: data.bytes.buffer }, [data.bytes.buffer]);
      } else if (data.type === 'digest' && open) {
        open = false;
        port.postMessage({ type: 'sha256', value: toHex(hasher.digest()) }, []);
      }
    } catch (e) {
      port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) }, []);
    }
  };
}
