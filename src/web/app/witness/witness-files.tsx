/**
 * The files a witness sent with a statement (docs/vault-protocol.md §15.8), on the person's
 * side: each is fetched as ciphertext, decrypted in this browser and checked against the SHA-256
 * inside the sealed statement before it is shown (a photo inline, a recording with controls) or
 * saved under its own name, byte for byte. Object URLs are revoked on leaving and on lock.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { previewKind } from '../../../domain/evidence/index.js';
import type { WitnessFile } from '../../../domain/witness.js';
import { openWitnessFile } from '../../../vault/index.js';
import { Busy, Button } from '../components/ui.js';
import { evidenceSession } from '../evidence/evidence-session.js';
import { formatSize, percent, saveBlob, useEvidenceText } from '../evidence/evidence-ui.js';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import { WITNESS_MESSAGES } from './messages.js';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'opening'; readonly done: number }
  | { readonly kind: 'shown'; readonly url: string; readonly blob: Blob }
  | { readonly kind: 'failed' };

export function WitnessFiles(props: { files: readonly WitnessFile[]; kept: boolean }) {
  const { locale } = useApp();
  const m = WITNESS_MESSAGES[locale].files;
  if (props.files.length === 0) return null;
  return (
    <div class="witness-files" data-witness-files="">
      <h3 class="heading-s">{m.heading}</h3>
      {!props.kept && <p class="hint">{m.inEvidence}</p>}
      <ul class="witness-files__list">
        {props.files.map((f) => (
          <li key={f.uploadId}>
            <OneFile file={f} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function OneFile({ file }: { file: WitnessFile }) {
  const app = useApp();
  const m = WITNESS_MESSAGES[app.locale].files;
  const e = useEvidenceText();
  const session = evidenceSession(app);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const shown = useRef<string | undefined>(undefined);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
      if (shown.current !== undefined) session.revoke(shown.current);
    },
    [],
  );
  const name = file.file.name;
  const kind = previewKind(file.file.mediaType);
  const open = (then?: (blob: Blob) => void): void => {
    if (state.kind === 'shown') {
      then?.(state.blob);
      return;
    }
    setState({ kind: 'opening', done: 0 });
    openWitnessFile(file, (done) => {
      if (live.current) setState({ kind: 'opening', done });
    }).then(
      (blob) => {
        if (!live.current) return;
        const url = session.objectUrl(blob);
        shown.current = url;
        setState({ kind: 'shown', url, blob });
        then?.(blob);
      },
      () => {
        if (live.current) setState({ kind: 'failed' });
      },
    );
  };
  return (
    <div class="witness-file" data-witness-file={file.uploadId}>
      <p>
        {name} ({formatSize(e, file.file.size)})
      </p>
      {state.kind === 'shown' && kind === 'image' && (
        <img class="witness-file__image" src={state.url} alt={format(m.imageAlt, { name })} />
      )}
      {state.kind === 'shown' && kind === 'audio' && (
        <audio
          class="witness-file__media"
          src={state.url}
          controls
          aria-label={format(m.mediaLabel, { name })}
        />
      )}
      {state.kind === 'shown' && kind === 'video' && (
        <video
          class="witness-file__media"
          src={state.url}
          controls
          playsInline
          aria-label={format(m.mediaLabel, { name })}
        />
      )}
      <Busy
        message={
          state.kind === 'opening'
            ? format(m.opening, { percent: percent(state.done, file.file.size) })
            : undefined
        }
      />
      {state.kind === 'failed' && (
        <p class="error-message" role="alert">
          {m.failed}
        </p>
      )}
      <div class="button-group">
        {state.kind === 'idle' && kind !== 'none' && kind !== 'pdf' && (
          <Button variant="secondary" onClick={() => open()}>
            {format(m.open, { name })}
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={state.kind === 'opening' || state.kind === 'failed'}
          onClick={() => open((blob) => saveBlob(blob, name))}
        >
          {format(m.save, { name })}
        </Button>
      </div>
    </div>
  );
}
