/**
 * The installed app's look, as the page gives it (docs/decisions/0009).
 *
 * On the app's own page (`/vault/app/<look>`, AppShell) the look comes from the address itself:
 * the installed app opens that address, so the choice is remembered by the app and nowhere
 * else. Nothing is written to localStorage, sessionStorage, IndexedDB or cookies: an id left
 * there would outlive the app (uninstalling an app does not clear its site's storage) and tell
 * whoever looks that a disguised app was once set up.
 *
 * On /vault (VaultShell) the page only says which looks exist and where their pages are.
 */
import {
  DISGUISES,
  isDisguiseId,
  ORGANISATION_APP,
  type AppLookId,
} from '../../../domain/disguises.js';
import type { AppLocale } from '../shell/messages.js';

/** This page is the installed app's page. */
export interface AppMode {
  readonly look: AppLookId;
  /** The look's name: the page's heading and its only tab title. */
  readonly name: string;
  readonly worker: string;
  readonly scope: string;
}

export interface LookChoices {
  /** "/vault/app/" or "/cy/vault/app/": a look's page is base + id. */
  readonly base: string;
  readonly looks: readonly AppLookId[];
  readonly initial: AppLookId;
  /** Where "stop using the app" goes: this language's /vault. */
  readonly vault: string;
}

function lookId(value: string | undefined): AppLookId | undefined {
  if (value === ORGANISATION_APP) return ORGANISATION_APP;
  return isDisguiseId(value) ? value : undefined;
}

export function readAppMode(root: HTMLElement): AppMode | undefined {
  const { appLook, appName, appWorker, appScope } = root.dataset;
  const look = lookId(appLook);
  if (look === undefined || !appName || !appWorker || !appScope) return undefined;
  return { look, name: appName, worker: appWorker, scope: appScope };
}

export function readLookChoices(root: HTMLElement): LookChoices {
  const { appBase, appLooks, appDefault, appLook, appVault } = root.dataset;
  const base = appBase ?? '/vault/app/';
  const looks = (appLooks ?? '')
    .split(' ')
    .map(lookId)
    .filter((l) => l !== undefined);
  const preferred = lookId(appLook) ?? lookId(appDefault);
  const initial = preferred !== undefined && looks.includes(preferred) ? preferred : looks[0];
  return {
    base,
    looks,
    initial: initial ?? 'notes',
    vault: appVault ?? base.replace(/\/app\/$/, ''),
  };
}

/** A disguise's name in the app's language; the organisation's look is named by the page. */
export function lookName(look: AppLookId, locale: AppLocale, organisation: string): string {
  return look === ORGANISATION_APP ? organisation : DISGUISES[look].name[locale];
}

/** The parts of the Trusted Types API used here (not yet in TypeScript's DOM types). */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL: (url: string) => string },
  ): { createScriptURL(url: string): unknown };
}

let policy: { createScriptURL(url: string): unknown } | undefined;

/** The worker's address as a TrustedScriptURL (the page's CSP requires Trusted Types). */
function trustedWorkerUrl(href: string): string {
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (factory === undefined) return href;
  policy ??= factory.createPolicy('mosaic-app-worker', {
    createScriptURL: (url) => {
      if (!/^\/(?:[a-z]{2}\/)?vault\/app\/sw\.js$/.test(url))
        throw new TypeError('not the app worker');
      return url;
    },
  });
  return policy.createScriptURL(href) as string;
}

/**
 * Registers the app's service worker for this page's scope. Without it the browser still
 * runs the app; it just cannot install it or start it from stored files, so a failure is quiet.
 */
export function registerAppWorker(mode: AppMode): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(trustedWorkerUrl(mode.worker), { scope: mode.scope, updateViaCache: 'none' })
    .catch(() => {
      // Private windows and some browsers refuse workers; the page works the same without.
    });
}

/**
 * Removes what the app keeps in this browser: its service workers (every language's) and
 * every cache of this site. Resolves true when nothing is left.
 */
export async function forgetApp(): Promise<boolean> {
  try {
    if ('serviceWorker' in navigator) {
      const registrations = await navigator.serviceWorker.getRegistrations();
      await Promise.all(registrations.map((r) => r.unregister()));
    }
    if ('caches' in window) {
      const names = await caches.keys();
      await Promise.all(names.map((n) => caches.delete(n)));
      if ((await caches.keys()).length > 0) return false;
    }
    return true;
  } catch {
    return false;
  }
}
