/**
 * "How to remove traces": how to take the app off the device, clear this site's saved data and
 * remove it from the browser's history, on an Android phone, an iPhone and a computer. Reached
 * from Settings.
 */
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { Page } from '../components/ui.js';
import { INSTALL_MESSAGES, type InstallMessages } from './messages.js';

type Steps = InstallMessages['traces']['android'];

function Device({ id, heading, steps }: { id: string; heading: string; steps: Steps }) {
  const { locale } = useApp();
  const m = INSTALL_MESSAGES[locale].traces;
  const part = (key: string, title: string, list: readonly string[]) => (
    <>
      <h3 id={`${id}-${key}`}>{title}</h3>
      <ol class="list list--number" aria-labelledby={`${id}-${key}`}>
        {list.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </>
  );
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {part('app', m.appHeading, steps.app)}
      {part('data', m.dataHeading, steps.data)}
      {part('history', m.historyHeading, steps.history)}
    </section>
  );
}

export function TracesScreen() {
  const { locale, navigate } = useApp();
  const m = INSTALL_MESSAGES[locale].traces;
  return (
    <Page title={m.title} back={() => navigate({ name: 'settings' })}>
      <p class="lede">{m.intro}</p>
      <p>{m.care}</p>
      <p>{format(m.site, { site: window.location.host })}</p>
      <p>{m.exit}</p>
      <Device id="traces-android" heading={m.androidHeading} steps={m.android} />
      <Device id="traces-iphone" heading={m.iphoneHeading} steps={m.iphone} />
      <Device id="traces-computer" heading={m.computerHeading} steps={m.computer} />
      <p>{m.private}</p>
      <p>{m.browsersChange}</p>
    </Page>
  );
}
