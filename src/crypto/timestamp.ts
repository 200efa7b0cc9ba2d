/**
 * RFC 3161 trusted time-stamps for checkpoints, built and checked with pkijs/asn1js (a maintained
 * ASN.1/CMS library, never hand-rolled DER).
 *
 * What is stamped: the SHA-256 of the checkpoint NOTE TEXT (the signed body — origin, size, root
 * hash, extension lines — with its final newline, without the blank line and signature lines).
 * Witness cosignatures can be added to a checkpoint after it was stamped without touching the
 * token, and anyone can re-check it with standard tools: `openssl ts -verify -data body.txt
 * -in token.tsr -token_in -CAfile tsa-ca.pem`.
 *
 * Verification (verifyTimeStampToken): the token is CMS SignedData of id-ct-TSTInfo with exactly one
 * signer; the TSTInfo message imprint is SHA-256 and equals the hash of exactly the given message;
 * the nonce matches the request's when one was sent; genTime is not in the future (beyond clock
 * skew); the signature and the ESS signing-certificate
 * binding hold; the signer certificate has the one critical extendedKeyUsage id-kp-timeStamping;
 * and it chains, at genTime, to one of the configured trust anchors. Returns genTime.
 *
 * Isomorphic: pkijs uses `globalThis.crypto.subtle`; hashing and randomness come from libsodium.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { assertBytes, bytesEqual } from './bytes.js';
import { CryptoError } from './errors.js';
import { sha256 } from './sha256.js';
import { loadSodium } from './sodium.js';

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SHA1 = '1.3.14.3.2.26';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
export const TIMESTAMP_NONCE_BYTES = 16;

export interface TimeStampRequest {
  /** The TimeStampReq, DER, to POST as application/timestamp-query. */
  readonly request: Uint8Array;
  /** The nonce sent (the INTEGER's big-endian bytes): keep it to check the reply. */
  readonly nonce: Uint8Array;
  /** SHA-256 of the message. */
  readonly messageImprint: Uint8Array;
}

export interface VerifiedTimeStamp {
  /** The TSA's time for the stamp. */
  readonly genTime: Date;
  /** The TSA policy OID. */
  readonly policy: string;
  /** The TSA's serial number for this stamp, hex. */
  readonly serialNumber: string;
  /** The signing certificate (DER). */
  readonly signerCertificate: Uint8Array;
  /** The token alone (CMS ContentInfo DER) — what a receipt keeps. */
  readonly token: Uint8Array;
}

export interface VerifyTimeStampInput {
  /** Exactly the bytes that were stamped (Mosaic: the checkpoint note text, UTF-8). */
  readonly message: Uint8Array;
  /** The nonce of the request, when checking a fresh reply. */
  readonly nonce?: Uint8Array;
  /** Trusted TSA root (or intermediate) certificates, DER. */
  readonly trustAnchors: readonly Uint8Array[];
  /** The verifier's clock (default: now), to refuse a genTime in the future. */
  readonly now?: Date;
  /** How far genTime may be ahead of `now` (clock skew); default 5 minutes. */
  readonly maxFutureMs?: number;
}

/** Default allowance for a TSA clock ahead of the verifier's. */
export const TIMESTAMP_MAX_FUTURE_MS = 5 * 60 * 1000;

function tsError(
  code: 'envelope_malformed' | 'signature_invalid' | 'proof_invalid',
  reason: string,
  message: string,
): CryptoError {
  return new CryptoError(code, message, { reason });
}

function buf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(buf(bytes));
  if (parsed.offset === -1 || parsed.offset !== bytes.length) {
    throw tsError('envelope_malformed', 'timestamp_malformed', `${what} is not one DER value`);
  }
  return parsed.result;
}

/**
 * A TimeStampReq (RFC 3161 §2.4.1) for the SHA-256 of `message`, with a fresh random nonce and
 * certReq TRUE (so the reply carries the TSA certificate).
 *
 * @example const { request, nonce } = await createTimeStampRequest(utf8Encode(checkpointBody));
 */
export async function createTimeStampRequest(
  message: Uint8Array,
  options: { readonly nonce?: Uint8Array } = {},
): Promise<TimeStampRequest> {
  assertBytes(message, 'message');
  const sodium = await loadSodium();
  const nonce = options.nonce?.slice() ?? sodium.randombytes_buf(TIMESTAMP_NONCE_BYTES);
  if (nonce.length === 0 || nonce.length > 32) {
    throw new CryptoError('input_invalid', 'the nonce must be 1 to 32 bytes');
  }
  // A positive INTEGER in minimal form: clear the sign bit and make the first byte non-zero.
  nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01;
  const messageImprint = await sha256(message);
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: buf(messageImprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: buf(nonce) }),
    certReq: true,
  });
  const request = new Uint8Array(req.toSchema().toBER(false));
  return { request, nonce, messageImprint };
}

/**
 * Checks a TimeStampResp (RFC 3161 §2.4.2): status granted (or grantedWithMods), then the token
 * as verifyTimeStampToken. Throws `signature_invalid` with reason `timestamp_not_granted` when
 * the TSA refused.
 *
 * @example const { genTime, token } = await verifyTimeStampResponse(response, { message, nonce, trustAnchors });
 */
export async function verifyTimeStampResponse(
  response: Uint8Array,
  input: VerifyTimeStampInput,
): Promise<VerifiedTimeStamp> {
  assertBytes(response, 'response');
  let resp: pkijs.TimeStampResp;
  try {
    resp = new pkijs.TimeStampResp({ schema: parseDer(response, 'the TimeStampResp') });
  } catch (e) {
    if (e instanceof CryptoError) throw e;
    throw tsError('envelope_malformed', 'timestamp_malformed', 'not a TimeStampResp');
  }
  const status = resp.status.status;
  if (
    (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) ||
    resp.timeStampToken === undefined
  ) {
    throw tsError(
      'signature_invalid',
      'timestamp_not_granted',
      `the TSA refused (status ${status})`,
    );
  }
  const token = new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
  return verifyTimeStampToken(token, input);
}

/**
 * Verifies a time-stamp token (CMS ContentInfo DER) for `message` against trust anchors; see the
 * module comment for every check. Throws `envelope_malformed` (reason `timestamp_malformed`),
 * `proof_invalid` (reasons `timestamp_imprint_mismatch`, `timestamp_nonce_mismatch`, `timestamp_in_future`) or
 * `signature_invalid` (reasons `timestamp_signature_invalid`, `timestamp_untrusted`,
 * `timestamp_not_tsa_certificate`).
 *
 * @example const { genTime } = await verifyTimeStampToken(token, { message: utf8Encode(body), trustAnchors: [caDer] });
 */
export async function verifyTimeStampToken(
  token: Uint8Array,
  input: VerifyTimeStampInput,
): Promise<VerifiedTimeStamp> {
  assertBytes(token, 'token');
  assertBytes(input.message, 'message');
  if (input.trustAnchors.length === 0) {
    throw new CryptoError('input_invalid', 'at least one TSA trust anchor is needed');
  }
  const { signedData, tstInfo } = parseToken(token);

  // 1. What was stamped: SHA-256 of exactly this message.
  const imprint = tstInfo.messageImprint;
  const expected = await sha256(input.message);
  if (
    imprint.hashAlgorithm.algorithmId !== OID_SHA256 ||
    !bytesEqual(new Uint8Array(imprint.hashedMessage.valueBlock.valueHexView), expected)
  ) {
    throw tsError(
      'proof_invalid',
      'timestamp_imprint_mismatch',
      'the time-stamp is for other data',
    );
  }
  // 2. Freshness: the nonce of our request.
  if (input.nonce !== undefined) {
    const got = tstInfo.nonce?.valueBlock.valueHexView;
    if (got === undefined || !bytesEqual(new Uint8Array(got), input.nonce)) {
      throw tsError(
        'proof_invalid',
        'timestamp_nonce_mismatch',
        'the reply is not for our request',
      );
    }
  }
  // 3. Signature, and the chain to a trust anchor at genTime.
  const anchors = input.trustAnchors.map((der) => {
    try {
      return pkijs.Certificate.fromBER(buf(der));
    } catch {
      throw new CryptoError('key_invalid', 'a TSA trust anchor is not a DER certificate');
    }
  });
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signedData.verify({
      signer: 0,
      data: buf(input.message),
      trustedCerts: anchors,
      checkChain: true,
      extendedMode: true,
    });
  } catch (e) {
    const code = e instanceof pkijs.SignedDataVerifyError ? e.code : -1;
    if (code === 5) {
      throw tsError(
        'signature_invalid',
        'timestamp_untrusted',
        'the TSA certificate is not trusted',
      );
    }
    throw tsError(
      'signature_invalid',
      'timestamp_signature_invalid',
      'the time-stamp signature is not valid',
    );
  }
  const signer = result.signerCertificate;
  if (result.signatureVerified !== true || signer === undefined || signer === null) {
    throw tsError(
      'signature_invalid',
      'timestamp_signature_invalid',
      'the time-stamp signature is not valid',
    );
  }
  // 4. The signer is a TSA: exactly one critical extendedKeyUsage, id-kp-timeStamping only (§2.3).
  const ekus = (signer.extensions ?? []).filter((x) => x.extnID === OID_EXT_KEY_USAGE);
  const eku = ekus[0]?.parsedValue as pkijs.ExtKeyUsage | undefined;
  if (
    ekus.length !== 1 ||
    ekus[0]?.critical !== true ||
    eku?.keyPurposes.length !== 1 ||
    eku.keyPurposes[0] !== OID_KP_TIME_STAMPING
  ) {
    throw tsError(
      'signature_invalid',
      'timestamp_not_tsa_certificate',
      'the signer is not a time-stamping certificate',
    );
  }
  // 5. The ESS signing-certificate attribute names this certificate (§2.4.2, RFC 5035).
  const signerDer = new Uint8Array(signer.toSchema().toBER(false));
  await checkSigningCertificateAttribute(signedData, signerDer);

  // 6. Time: genTime is not in the verifier's future (beyond clock skew). Checked after the
  //    signature, so a changed genTime is reported as tampering.
  const now = input.now ?? new Date();
  if (tstInfo.genTime.getTime() > now.getTime() + (input.maxFutureMs ?? TIMESTAMP_MAX_FUTURE_MS)) {
    throw tsError('proof_invalid', 'timestamp_in_future', 'the time-stamp is dated in the future');
  }
  return {
    genTime: tstInfo.genTime,
    policy: tstInfo.policy,
    serialNumber: toHexString(new Uint8Array(tstInfo.serialNumber.valueBlock.valueHexView)),
    signerCertificate: signerDer,
    token: token.slice(),
  };
}

function parseToken(token: Uint8Array): { signedData: pkijs.SignedData; tstInfo: pkijs.TSTInfo } {
  try {
    const info = new pkijs.ContentInfo({ schema: parseDer(token, 'the time-stamp token') });
    if (info.contentType !== OID_SIGNED_DATA) throw new Error('not SignedData');
    const signedData = new pkijs.SignedData({ schema: info.content });
    if (signedData.encapContentInfo.eContentType !== OID_TST_INFO) throw new Error('not TSTInfo');
    if (signedData.signerInfos.length !== 1) throw new Error('one signer expected');
    const eContent = signedData.encapContentInfo.eContent;
    if (eContent === undefined) throw new Error('no TSTInfo');
    const tstDer = new Uint8Array(eContent.getValue());
    const tstInfo = new pkijs.TSTInfo({ schema: parseDer(tstDer, 'TSTInfo') });
    return { signedData, tstInfo };
  } catch (e) {
    if (e instanceof CryptoError) throw e;
    throw tsError('envelope_malformed', 'timestamp_malformed', 'not an RFC 3161 time-stamp token');
  }
}

async function checkSigningCertificateAttribute(
  signedData: pkijs.SignedData,
  signerDer: Uint8Array,
): Promise<void> {
  const attrs = signedData.signerInfos[0]?.signedAttrs?.attributes ?? [];
  const bad = () =>
    tsError(
      'signature_invalid',
      'timestamp_signature_invalid',
      'the signing-certificate attribute does not match',
    );
  const attr = attrs.find(
    (a) => a.type === OID_SIGNING_CERTIFICATE_V2 || a.type === OID_SIGNING_CERTIFICATE,
  );
  if (attr === undefined) throw bad();
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
  // ESSCertID   ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial OPTIONAL }
  const v2 = attr.type === OID_SIGNING_CERTIFICATE_V2;
  const value = attr.values[0] as asn1js.Sequence | undefined;
  const certs = value?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const first = certs?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const parts = first?.valueBlock.value ?? [];
  let algorithm = v2 ? OID_SHA256 : OID_SHA1;
  let hashIndex = 0;
  if (v2 && parts[0] instanceof asn1js.Sequence) {
    algorithm = new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId;
    hashIndex = 1;
  }
  const certHash = parts[hashIndex];
  if (!(certHash instanceof asn1js.OctetString)) throw bad();
  const name = {
    [OID_SHA256]: 'SHA-256',
    [OID_SHA1]: 'SHA-1',
    '2.16.840.1.101.3.4.2.2': 'SHA-384',
    '2.16.840.1.101.3.4.2.3': 'SHA-512',
  }[algorithm];
  if (name === undefined) throw bad();
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest(name, buf(signerDer)));
  if (!bytesEqual(digest, new Uint8Array(certHash.valueBlock.valueHexView))) throw bad();
}

function toHexString(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
