// The vault app's entry: mounts into the shell that /vault serves.
import { render } from 'preact';

function Placeholder() {
  return <p>Vault loading</p>;
}

const root = document.getElementById('vault-app');
if (root) render(<Placeholder />, root);
