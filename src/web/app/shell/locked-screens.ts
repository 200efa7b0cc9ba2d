/** Which screens come with the first bundle (the way in) and which load with the open diary. */
import type { Screen } from './context.js';

/** The screens drawn from the first bundle: the way in, before the diary is open. */
const LOCKED_SCREEN_NAMES = [
  'start',
  'quick-locked',
  'create-username',
  'create-passphrase',
  'create-confirm',
  'create-recovery',
  'create-check',
  'unlock',
  'unlock-code',
  'recover',
  'recover-passphrase',
] as const;
export type LockedScreen = Extract<Screen, { name: (typeof LOCKED_SCREEN_NAMES)[number] }>;
export type UnlockedScreen = Exclude<Screen, LockedScreen>;

export function isLockedScreen(screen: Screen): screen is LockedScreen {
  return (LOCKED_SCREEN_NAMES as readonly string[]).includes(screen.name);
}
