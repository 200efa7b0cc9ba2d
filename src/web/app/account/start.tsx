import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import { Button, LinkButton, Page } from '../components/ui.js';

/** The way in: create a diary or open one, and what keeps it private. */
export function StartScreen() {
  const { navigate } = useApp();
  const a = useAccountText();
  const s = a.start;
  return (
    <Page title={s.title}>
      <p class="lede">{s.lede}</p>
      <div class="button-group">
        <Button variant="start" onClick={() => navigate({ name: 'create-username' })}>
          {s.create}
        </Button>
        <Button variant="secondary" large onClick={() => navigate({ name: 'unlock' })}>
          {s.open}
        </Button>
      </div>
      <p>
        <LinkButton onClick={() => navigate({ name: 'recover' })}>{s.lost}</LinkButton>
      </p>
      <h2>{s.howHeading}</h2>
      <ul class="list list--bullet">
        <li>{s.noEmail}</li>
        <li>{s.encrypted}</li>
        <li>
          <strong>{s.nobody}</strong>
        </li>
        <li>{s.locks}</li>
      </ul>
    </Page>
  );
}
