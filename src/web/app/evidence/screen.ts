/**
 * The evidence locker's screens, as part of the app's in-memory router (context.ts `Screen`).
 * Every one of them needs the vault unlocked.
 */
export type EvidenceScreen =
  | { readonly name: 'evidence' }
  | { readonly name: 'evidence-add'; readonly incidentId?: string }
  | { readonly name: 'evidence-view'; readonly id: string }
  | { readonly name: 'evidence-edit'; readonly id: string }
  | { readonly name: 'evidence-link'; readonly id: string }
  | { readonly name: 'evidence-delete'; readonly id: string }
  | { readonly name: 'evidence-choose'; readonly incidentId: string };

export const EVIDENCE_SCREEN_NAMES = [
  'evidence',
  'evidence-add',
  'evidence-view',
  'evidence-edit',
  'evidence-link',
  'evidence-delete',
  'evidence-choose',
] as const satisfies readonly EvidenceScreen['name'][];
