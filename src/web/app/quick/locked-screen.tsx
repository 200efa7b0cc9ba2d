/**
 * The locked quick record (docs/vault-protocol.md §16.3), reached from the installed app's start
 * screen without unlocking: what happened and an optional photo, sealed to the account's public
 * key the moment it is saved, then queued and sent when there is a connection. What was typed
 * and the photo live only in this screen's state until sealing; the form is cleared at once,
 * and a lock or quick exit drops the screen with everything in it.
 */
import { useEffect, useState } from 'preact/hooks';
import { sealQuickRecordOnDevice } from '../../../vault/index.js';
import { MAX_QUICK_PHOTO_BYTES } from '../../../crypto/index.js';
import { useApp } from '../shell/context.js';
import { TextArea } from '../components/fields.js';
import { Busy, Button, LinkButton, Page } from '../components/ui.js';
import { enqueue, readDevice } from './device-store.js';
import { flushOutbox } from './outbox.js';
import { QUICK_MESSAGES } from './messages.js';

/** Photos larger than this are scaled down before sealing. */
const SCALE_ABOVE = 3 * 1024 * 1024;
const LONGEST_SIDE = 2048;

/** A photo small enough to seal: as it is, or scaled down to JPEG. */
async function photoBytes(file: File): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  if (file.size <= SCALE_ABOVE) {
    return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(
    Math.round(bitmap.width * scale),
    Math.round(bitmap.height * scale),
  );
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  const name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
  return { name, type: 'image/jpeg', bytes: new Uint8Array(await blob.arrayBuffer()) };
}

export function QuickLockedScreen() {
  const { locale, navigate, api, install } = useApp();
  const m = QUICK_MESSAGES[locale].locked;
  const [what, setWhat] = useState('');
  const [photo, setPhoto] = useState<File | undefined>();
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<{ field: string; message: string } | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    // Off on this device (turned off in another tab, say): back to the start screen.
    void readDevice().then((d) => {
      if (d === undefined) navigate({ name: 'start' });
    });
  }, []);

  const fail = (field: string, message: string): void => {
    setError({ field, message });
    setSeq((s) => s + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    if (what.trim() === '') {
      fail('quick-locked-what', m.whatRequired);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const device = await readDevice();
      if (device === undefined) throw new Error('off on this device');
      const picture = photo === undefined ? undefined : await photoBytes(photo);
      if (picture !== undefined && picture.bytes.length > MAX_QUICK_PHOTO_BYTES) {
        setBusy(false);
        fail('quick-locked-photo', m.photoTooLarge);
        return;
      }
      const { id, sealed } = await sealQuickRecordOnDevice(device.publicKey, {
        what,
        ...(picture === undefined ? {} : { photo: picture }),
        now: new Date(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      picture?.bytes.fill(0);
      await enqueue({ id, sealed });
      // Cleared at once: nothing typed stays on screen.
      setWhat('');
      setPhoto(undefined);
      setFileKey((k) => k + 1);
      setSaved(true);
      void flushOutbox(api);
    } catch {
      fail('quick-locked-what', m.failed);
    } finally {
      setBusy(false);
    }
  };

  const errors = error === undefined ? [] : [error];
  return (
    <Page title={install.mode?.name ?? m.title} heading={m.title} errors={errors} errorSeq={seq}>
      <p>{m.intro}</p>
      <div role="status">
        {saved && (
          <p class="confirmation" data-quick-saved="">
            {m.saved}
          </p>
        )}
      </div>
      <form noValidate autocomplete="off" onSubmit={(e) => void submit(e)}>
        <TextArea
          id="quick-locked-what"
          label={m.what}
          hint={m.whatHint}
          error={error?.field === 'quick-locked-what' ? error.message : undefined}
          value={what}
          onInput={setWhat}
          rows={5}
        />
        <div
          class={`form-group${error?.field === 'quick-locked-photo' ? ' form-group--error' : ''}`}
        >
          <label class="label" for="quick-locked-photo">
            {m.photo}
          </label>
          <div class="hint" id="quick-locked-photo-hint">
            {m.photoHint}
          </div>
          {error?.field === 'quick-locked-photo' && (
            <p class="error-message" id="quick-locked-photo-error">
              {error.message}
            </p>
          )}
          <input
            key={fileKey}
            class="file-upload"
            id="quick-locked-photo"
            name="quick-locked-photo"
            type="file"
            accept="image/*"
            aria-describedby={
              error?.field === 'quick-locked-photo'
                ? 'quick-locked-photo-hint quick-locked-photo-error'
                : 'quick-locked-photo-hint'
            }
            onChange={(e) => setPhoto(e.currentTarget.files?.[0])}
          />
        </div>
        <Busy message={busy ? m.saving : undefined} />
        <Button type="submit" disabled={busy}>
          {m.save}
        </Button>
      </form>
      <p>
        <LinkButton onClick={() => navigate({ name: 'start' })}>{m.back}</LinkButton>
      </p>
    </Page>
  );
}
