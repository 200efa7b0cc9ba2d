// The staff area's passkey buttons (/staff/sign-in and an invitation's /staff/join/…). Each
// `[data-passkey]` block names where to get the options and where to send the result; the words
// come from the page (data attributes), in its language. Text is set with textContent only
// (the site's Trusted Types policy allows no HTML sinks). Without JavaScript the button stays
// hidden and the note about codes shows instead.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import './staff.css';

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

function setUp(block: HTMLElement): void {
  const button = block.querySelector('button');
  const status = block.querySelector('.passkey__status');
  const note = block.querySelector('.passkey__noscript');
  const { passkey: kind, options, verify, working, failed } = block.dataset;
  if (!button || !status || !options || !verify || !browserSupportsWebAuthn()) return;
  button.hidden = false;
  if (note instanceof HTMLElement) note.hidden = true;
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      status.textContent = working ?? '';
      try {
        const answer = await post(options, {});
        if (!answer.ok) throw new Error('options refused');
        // The server's own options, made by @simplewebauthn/server for this ceremony.
        const optionsJSON: unknown = await answer.json();
        const response =
          kind === 'register'
            ? await startRegistration({
                optionsJSON: optionsJSON as PublicKeyCredentialCreationOptionsJSON,
              })
            : await startAuthentication({
                optionsJSON: optionsJSON as PublicKeyCredentialRequestOptionsJSON,
              });
        const result = await post(verify, response);
        const body = (await result.json()) as { next?: unknown };
        if (!result.ok || typeof body.next !== 'string' || !body.next.startsWith('/staff')) {
          throw new Error('refused');
        }
        location.assign(body.next);
      } catch {
        status.textContent = failed ?? '';
        button.disabled = false;
      }
    })();
  });
}

for (const block of document.querySelectorAll<HTMLElement>('[data-passkey]')) setUp(block);
