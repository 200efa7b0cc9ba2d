/**
 * Quick exit, after the GOV.UK Design System's "Exit this page": the button is a real link that
 * works without JavaScript; with JavaScript, clicking it or pressing Shift three times hides the
 * page at once and replaces this history entry with the organisation's neutral site.
 *
 * Other parts of the site (the vault) listen for QUICK_EXIT_EVENT to lock and wipe keys. The
 * event is cancelable and carries the destination (`detail.href`): a listener that cancels it
 * leaves for that address itself (the vault first steps back through its own history entries).
 */

export const QUICK_EXIT_EVENT = 'mosaic:quick-exit';
/** Presses of Shift needed, and the longest gap allowed between two of them. */
export const PRESSES_TO_EXIT = 3;
export const PRESS_TIMEOUT_MS = 5000;

export function setUpQuickExit(doc: Document): void {
  const button = doc.querySelector<HTMLAnchorElement>('a[data-quick-exit-button]');
  if (!button) return;
  const announcer = doc.querySelector<HTMLElement>('[data-quick-exit-announce]');
  const text = {
    left: button.dataset.textPressesLeft ?? '',
    leftOne: button.dataset.textPressesLeftOne ?? '',
    expired: button.dataset.textExpired ?? '',
    leaving: button.dataset.textLeaving ?? '',
  };

  let presses = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const say = (message: string): void => {
    if (announcer) announcer.textContent = message;
  };
  const reset = (): void => {
    presses = 0;
    clearTimeout(timer);
    timer = undefined;
  };
  const exit = (): void => {
    reset();
    hidePage(doc, text.leaving);
    const href = button.href;
    const go = doc.dispatchEvent(
      new CustomEvent(QUICK_EXIT_EVENT, { cancelable: true, detail: { href } }),
    );
    if (go) doc.defaultView?.location.replace(href);
  };

  button.addEventListener('click', (event) => {
    event.preventDefault();
    exit();
  });

  // keyup, not keydown: holding Shift down repeats keydown and must count as one press.
  doc.addEventListener(
    'keyup',
    (event) => {
      if (event.key !== 'Shift') {
        if (presses > 0) reset();
        return;
      }
      presses++;
      clearTimeout(timer);
      if (presses >= PRESSES_TO_EXIT) {
        exit();
        return;
      }
      const left = PRESSES_TO_EXIT - presses;
      say(left === 1 ? text.leftOne : text.left.replace('{n}', String(left)));
      timer = setTimeout(() => {
        reset();
        say(text.expired);
      }, PRESS_TIMEOUT_MS);
    },
    true,
  );

  // A page restored from the back/forward cache after an exit must not stay hidden behind
  // the overlay with a dead button.
  doc.defaultView?.addEventListener('pageshow', (event) => {
    if (event.persisted) doc.querySelector('.quick-exit-overlay')?.remove();
  });
}

/** Covers everything at once, before the next site has even started to load. */
function hidePage(doc: Document, message: string): void {
  const overlay = doc.createElement('div');
  overlay.className = 'quick-exit-overlay';
  overlay.setAttribute('role', 'alert');
  overlay.textContent = message;
  doc.body.append(overlay);
  doc.title = message;
}
