/**
 * Settings → "Use it as an app": the look of the installed app is chosen here, before
 * installing, and changed here inside the installed app. Choosing locks the diary and opens
 * the look's page (/vault/app/<look>), which links that look's manifest: the browser installs
 * from there, and the installed app keeps that address, so the choice lives in the app alone.
 * "Stop using the app" removes the worker and its stored files from this browser.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { Button, LinkButton } from '../components/ui.js';
import { forgetApp, lookName } from './look.js';
import { INSTALL_MESSAGES } from './messages.js';
import { turnOffQuickRecord } from '../quick/settings-section.js';
import type { AppLookId } from '../../../domain/disguises.js';

export function AppLookSection() {
  const { locale, install, navigate, api } = useApp();
  const m = INSTALL_MESSAGES[locale].settings;
  const { choices, mode } = install;
  const [choice, setChoice] = useState<AppLookId>(mode?.look ?? choices.initial);
  const [stopStatus, setStopStatus] = useState<string | undefined>();
  const name = (look: AppLookId): string => lookName(look, locale, install.siteName);
  const several = choices.looks.length > 1;

  const stop = async (): Promise<void> => {
    // The quick record goes too: its token on the server, its database here.
    const done = (await turnOffQuickRecord(api)) && (await forgetApp());
    if (!done) {
      setStopStatus(m.stopFailed);
      return;
    }
    if (mode !== undefined) install.open(choices.vault);
    else setStopStatus(m.stopped);
  };

  return (
    <section aria-labelledby="app-look-heading">
      <h2 id="app-look-heading">{m.heading}</h2>
      <p>{m.intro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          install.open(`${choices.base}${choice}`);
        }}
      >
        {several ? (
          <fieldset aria-describedby="app-look-hint">
            <legend class="fieldset-legend fieldset-legend--m">{m.legend}</legend>
            <p class="hint" id="app-look-hint">
              {mode !== undefined ? format(m.currentHint, { name: mode.name }) : m.hint}
            </p>
            <div class="radios">
              {choices.looks.map((look) => (
                <div class="radios__item" key={look}>
                  <input
                    type="radio"
                    id={`app-look-${look}`}
                    name="app-look"
                    value={look}
                    checked={choice === look}
                    onChange={() => setChoice(look)}
                  />
                  <label for={`app-look-${look}`} class="app-look__label">
                    <img
                      src={`/vault/app/icons/${look}-any-192.png`}
                      alt=""
                      class="app-look__icon"
                      width={32}
                      height={32}
                    />
                    {name(look)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : (
          <p>{format(m.ownName, { name: name(choice) })}</p>
        )}
        <p>{m.next}</p>
        <p>{m.remembered}</p>
        <Button type="submit" variant="secondary">
          {m.use}
        </Button>
      </form>
      <p>
        <LinkButton onClick={() => navigate({ name: 'traces' })}>{m.tracesLink}</LinkButton>
      </p>
      <h3>{m.stopHeading}</h3>
      <p>{m.stopHint}</p>
      <Button variant="secondary" onClick={() => void stop()}>
        {m.stop}
      </Button>
      <div role="status">
        {stopStatus !== undefined && <p class="confirmation">{stopStatus}</p>}
      </div>
    </section>
  );
}
