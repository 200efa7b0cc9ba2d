/**
 * The BagIt checks (RFC 8493): bagit.txt, both manifests, Payload-Oxum. Strict on purpose: a
 * manifest line is exactly "<64 lowercase hex>  <path>", so any changed byte in a manifest
 * either changes a hash or a path (both caught) or breaks the line (caught).
 */
import type { Bag } from './bag-reader.js';
import { BAGIT_TXT, PATHS, TAG_FILES } from './bundle-layout.js';

export interface LineSink {
  ok(subject: string, detail: string): void;
  fail(subject: string, detail: string): void;
  note(subject: string, detail: string): void;
}

const LINE = /^([0-9a-f]{64}) {2}(\S(?:.*\S)?)$/;

function parseManifest(bytes: Uint8Array | undefined, name: string, out: LineSink) {
  if (bytes === undefined) {
    out.fail('bag', `${name} is missing`);
    return undefined;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!text.endsWith('\n')) {
    out.fail('bag', `${name} does not end with a new line`);
    return undefined;
  }
  const map = new Map<string, string>();
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const m = LINE.exec(line);
    if (m === null) {
      out.fail('bag', `${name} line ${String(i + 1)} is not "<SHA-256>  <path>"`);
      return undefined;
    }
    const [, hash = '', path = ''] = m;
    if (map.has(path)) {
      out.fail('bag', `${name} lists ${path} twice`);
      return undefined;
    }
    map.set(path, hash);
  }
  return map;
}

/** Checks the bag's own files; reports each problem and one OK line when all is well. */
export function checkBagFiles(bag: Bag, out: LineSink): void {
  let failures = 0;
  const fail = (subject: string, detail: string) => {
    failures++;
    out.fail(subject, detail);
  };
  const sink: LineSink = { ok: out.ok.bind(out), note: out.note.bind(out), fail };
  const bagit = bag.files.get(PATHS.bagit)?.bytes;
  if (bagit === undefined || new TextDecoder().decode(bagit) !== BAGIT_TXT) {
    fail('bag', `${PATHS.bagit} is missing or is not BagIt 1.0 in UTF-8`);
  }
  const tags = parseManifest(bag.files.get(PATHS.tagManifest)?.bytes, PATHS.tagManifest, sink);
  const manifest = parseManifest(bag.files.get(PATHS.manifest)?.bytes, PATHS.manifest, sink);
  if (tags !== undefined) {
    for (const t of TAG_FILES) {
      if (!tags.has(t)) fail(t, `is not listed in ${PATHS.tagManifest}`);
    }
    checkListed(bag, tags, PATHS.tagManifest, fail);
  }
  for (const path of bag.files.keys()) {
    if (path.startsWith('data/')) {
      if (manifest !== undefined && !manifest.has(path)) {
        fail(path, `is not listed in ${PATHS.manifest}`);
      }
    } else if (path !== PATHS.tagManifest && tags !== undefined && !tags.has(path)) {
      fail(path, `is not listed in ${PATHS.tagManifest}`);
    }
  }
  if (manifest !== undefined) {
    checkListed(bag, manifest, PATHS.manifest, fail);
    for (const path of manifest.keys()) {
      if (!path.startsWith('data/')) fail(path, `${PATHS.manifest} lists a file outside data/`);
    }
  }
  const info = bag.files.get(PATHS.bagInfo)?.bytes;
  const oxum =
    info === undefined
      ? null
      : /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(new TextDecoder().decode(info));
  const data = [...bag.files.values()].filter((f) => f.path.startsWith('data/'));
  const octets = data.reduce((n, f) => n + f.size, 0);
  if (oxum === null || Number(oxum[1]) !== octets || Number(oxum[2]) !== data.length) {
    fail(
      PATHS.bagInfo,
      `Payload-Oxum does not match the payload (${String(octets)} bytes in ${String(data.length)} files)`,
    );
  }
  if (failures === 0) {
    out.ok(
      'bag',
      `BagIt 1.0; all ${String(bag.files.size)} files are listed and every SHA-256 matches`,
    );
  }
}

function checkListed(
  bag: Bag,
  list: ReadonlyMap<string, string>,
  name: string,
  fail: (subject: string, detail: string) => void,
): void {
  for (const [path, hash] of list) {
    const file = bag.files.get(path);
    if (file === undefined) fail(path, `is listed in ${name} but is not in the bundle`);
    else if (file.sha256 !== hash) {
      fail(path, `has changed: its SHA-256 is ${file.sha256}, ${name} says ${hash}`);
    }
  }
}
