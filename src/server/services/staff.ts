/**
 * The staff area's accounts: the first administrator (from a one-time setup token), invitations,
 * passkeys (WebAuthn, @simplewebauthn/server), the TOTP fallback (as the vault's second factor
 * does it, src/server/auth/totp.ts), sessions and the audit log.
 *
 * Staff accounts share nothing with vault accounts: their own tables, their own cookie (scoped
 * to /staff), their own session check. No function here touches a vault table.
 */
import { randomBytes, randomUUID, timingSafeEqual, createHmac } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { newToken, tokenHash } from '../auth/tokens.js';
import { newTotpSecret, totpStep } from '../auth/totp.js';
import type { Database } from '../db/schema.js';
import {
  countAdministrators,
  findInvitation,
  findMember,
  findPasskey,
  insertAudit,
  insertChallenge,
  insertInvitation,
  insertMember,
  insertPasskey,
  insertSetupToken,
  passkeyIdsOf,
  setPasskeyCounter,
  setTotpSecret,
  takeChallenge,
  takeInvitation,
  takeSetupToken,
  useTotpStep,
  type StaffMember,
  type StaffRole,
} from '../db/repositories/staff.js';

/** An invitation link works for three days. */
export const INVITATION_SECONDS = 3 * 24 * 3600;
/** A passkey ceremony must finish within five minutes of its options. */
const CHALLENGE_SECONDS = 5 * 60;
/** Logins: lower-case letters, digits, dots and dashes; 2 to 40 characters. */
export const LOGIN = /^[a-z0-9][a-z0-9.-]{1,39}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Where a passkey is made and used: this site's origin and host name, from the request. */
export interface RelyingParty {
  readonly origin: string;
  readonly rpID: string;
  readonly rpName: string;
}

export function normaliseLogin(value: string): string {
  return value.trim().toLowerCase();
}

// ---- The first administrator ------------------------------------------------------------------

/**
 * With no administrator yet, makes sure a setup token exists: the one from STAFF_SETUP_TOKEN if
 * set (returned as undefined: the operator knows it), otherwise a new random one, returned so
 * the server can print it once. With an administrator, does nothing and returns undefined.
 */
export async function prepareSetup(
  db: Kysely<Database>,
  fromEnvironment: string | undefined,
): Promise<{ needed: boolean; printed: string | undefined }> {
  if ((await countAdministrators(db)) > 0) return { needed: false, printed: undefined };
  if (fromEnvironment !== undefined) {
    await insertSetupToken(db, tokenHash(fromEnvironment));
    return { needed: true, printed: undefined };
  }
  const token = randomBytes(32).toString('base64url');
  await insertSetupToken(db, tokenHash(token));
  return { needed: true, printed: token };
}

export async function setupNeeded(db: Kysely<Database>): Promise<boolean> {
  return (await countAdministrators(db)) === 0;
}

export type SetupResult =
  | { readonly kind: 'created'; readonly invitation: string }
  | { readonly kind: 'refused'; readonly code: 'setup_token_wrong' | 'setup_done' };

/** Creates the first administrator, who then registers a passkey with the invitation. */
export async function setupFirstAdministrator(
  db: Kysely<Database>,
  token: string,
  person: { login: string; name: string },
): Promise<SetupResult> {
  return db.transaction().execute(async (trx) => {
    if ((await countAdministrators(trx)) > 0) return { kind: 'refused', code: 'setup_done' };
    if (token.length > 200 || !(await takeSetupToken(trx, tokenHash(token)))) {
      return { kind: 'refused', code: 'setup_token_wrong' };
    }
    const id = randomUUID();
    await insertMember(trx, { id, login: person.login, name: person.name, role: 'administrator' });
    const invitation = await invite(trx, id);
    await insertAudit(trx, {
      memberId: id,
      memberLogin: person.login,
      action: 'staff.setup',
      target: `member:${person.login}`,
    });
    return { kind: 'created', invitation };
  });
}

/** A one-time link (3 days) for the member to make a passkey or set up codes. */
export async function invite(db: Kysely<Database>, memberId: string): Promise<string> {
  const { token, hash } = newToken();
  await insertInvitation(db, {
    tokenHash: hash,
    memberId,
    expiresAt: new Date(Date.now() + INVITATION_SECONDS * 1000),
  });
  return token;
}

/** An administrator adds a person; undefined when the login is taken. */
export async function inviteMember(
  db: Kysely<Database>,
  actor: StaffMember,
  person: { login: string; name: string; role: StaffRole },
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    if (!(await insertMember(trx, { id, ...person }))) return undefined;
    const token = await invite(trx, id);
    await audit(trx, actor, 'member.invite', `member:${person.login} (${person.role})`);
    return token;
  });
}

/** The person an invitation is for, while it is live. */
export async function invitedMember(
  db: Kysely<Database>,
  token: string,
): Promise<StaffMember | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const memberId = await findInvitation(db, tokenHash(token));
  return memberId === undefined ? undefined : findMember(db, memberId);
}

// ---- Passkeys ---------------------------------------------------------------------------------

export async function registrationOptions(
  db: Kysely<Database>,
  rp: RelyingParty,
  member: StaffMember,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: member.login,
    userDisplayName: member.name,
    userID: new TextEncoder().encode(member.id),
    attestationType: 'none',
    excludeCredentials: (await passkeyIdsOf(db, member.id)).map((id) => ({ id })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await insertChallenge(
    db,
    options.challenge,
    `register:${member.id}`,
    new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  );
  return options;
}

/** Checks a new passkey made with an invitation, stores it and uses the invitation up. */
export async function registerPasskey(
  db: Kysely<Database>,
  rp: RelyingParty,
  invitation: string,
  response: RegistrationResponseJSON,
): Promise<StaffMember | undefined> {
  const member = await invitedMember(db, invitation);
  if (!member) return undefined;
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, `register:${member.id}`),
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    });
  } catch {
    return undefined;
  }
  if (!verified.verified) return undefined;
  const { credential } = verified.registrationInfo;
  const done = await db.transaction().execute(async (trx) => {
    if ((await takeInvitation(trx, tokenHash(invitation))) !== member.id) return false;
    await insertPasskey(trx, {
      id: credential.id,
      memberId: member.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
    });
    await audit(trx, member, 'member.passkey', `member:${member.login}`);
    return true;
  });
  return done ? member : undefined;
}

export async function signInOptions(
  db: Kysely<Database>,
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: 'preferred',
  });
  await insertChallenge(
    db,
    options.challenge,
    'sign-in',
    new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  );
  return options;
}

/** The member a passkey assertion proves, or undefined. */
export async function signInWithPasskey(
  db: Kysely<Database>,
  rp: RelyingParty,
  body: unknown,
): Promise<StaffMember | undefined> {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id.length > 1024) return undefined;
  const response = body as AuthenticationResponseJSON;
  const passkey = await findPasskey(db, id);
  if (!passkey) return undefined;
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, 'sign-in'),
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.id,
        publicKey: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: false,
    });
  } catch {
    return undefined;
  }
  if (!verified.verified) return undefined;
  await setPasskeyCounter(db, passkey.id, verified.authenticationInfo.newCounter);
  return findMember(db, passkey.memberId);
}

// ---- The TOTP fallback ------------------------------------------------------------------------

/** A new secret for the join page, with a MAC tying it to the invitation (the server keeps none). */
export function totpOffer(secret: string, invitation: string): { totp: string; mac: string } {
  const totp = newTotpSecret();
  return { totp, mac: totpMac(secret, invitation, totp) };
}

function totpMac(secret: string, invitation: string, totp: string): string {
  return createHmac('sha256', secret)
    .update(`staff-totp\0${invitation}\0${totp}`)
    .digest('base64url');
}

/** Sets up the code fallback with an invitation: the offered secret and a code from it. */
export async function registerTotp(
  db: Kysely<Database>,
  secret: string,
  invitation: string,
  offer: { totp: string; mac: string; code: string },
): Promise<StaffMember | undefined> {
  const member = await invitedMember(db, invitation);
  if (!member || !/^[A-Z2-7]{32}$/.test(offer.totp)) return undefined;
  const expected = Buffer.from(totpMac(secret, invitation, offer.totp));
  const given = Buffer.from(offer.mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const step = totpStep(offer.totp, offer.code.replace(/\s/g, ''));
  if (step === null) return undefined;
  const done = await db.transaction().execute(async (trx) => {
    if ((await takeInvitation(trx, tokenHash(invitation))) !== member.id) return false;
    await setTotpSecret(trx, member.id, offer.totp, step);
    await audit(trx, member, 'member.code', `member:${member.login}`);
    return true;
  });
  return done ? member : undefined;
}

/** The member a login and code prove; each code works once. */
export async function signInWithCode(
  db: Kysely<Database>,
  member: StaffMember | undefined,
  code: string,
): Promise<boolean> {
  if (!member?.totpSecret) return false;
  const step = totpStep(member.totpSecret, code.replace(/\s/g, ''));
  if (step === null) return false;
  return useTotpStep(db, member.id, step);
}

// ---- Audit ------------------------------------------------------------------------------------

/** Records who did what to which item. `target` names an item, never a booking's answers. */
export function audit(
  db: Kysely<Database>,
  actor: StaffMember,
  action: string,
  target: string,
): Promise<void> {
  return insertAudit(db, { memberId: actor.id, memberLogin: actor.login, action, target });
}

export type { StaffMember, StaffRole };
