/**
 * Recording sound with the device's microphone (MediaRecorder), where the browser and the
 * page's permissions allow it. The recording lives in memory only until it is handed to the
 * upload queue as a File; stopping, leaving the screen or locking drops it and releases the
 * microphone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { format } from '../shell/messages.js';
import { useLive } from '../components/ui.js';
import { useEvidenceText } from './evidence-ui.js';
import { localDateOf } from './evidence-session.js';

interface PolicyDocument {
  readonly featurePolicy?: { allowsFeature(feature: string): boolean };
  readonly permissionsPolicy?: { allowsFeature(feature: string): boolean };
}

/** Whether this page could record at all (API present, microphone not forbidden by policy). */
export function canRecordSound(): boolean {
  if (typeof MediaRecorder === 'undefined') return false;
  // mediaDevices is missing outside secure contexts, whatever the types say.
  if (!('mediaDevices' in navigator) || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    return false;
  }
  const policy =
    (document as unknown as PolicyDocument).permissionsPolicy ??
    (document as unknown as PolicyDocument).featurePolicy;
  return policy === undefined || policy.allowsFeature('microphone');
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function SoundRecorder({ onRecorded }: { onRecorded: (file: File) => void }) {
  const e = useEvidenceText();
  const a = e.add;
  const live = useLive();
  const [recording, setRecording] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [failed, setFailed] = useState(false);
  const state = useRef<
    | {
        recorder: MediaRecorder;
        stream: MediaStream;
        chunks: Blob[];
        keep: boolean;
        timer: ReturnType<typeof setInterval>;
      }
    | undefined
  >(undefined);

  const release = (): void => {
    const s = state.current;
    if (s === undefined) return;
    state.current = undefined;
    clearInterval(s.timer);
    for (const track of s.stream.getTracks()) track.stop();
    if (s.recorder.state !== 'inactive') s.recorder.stop();
  };

  useEffect(
    () => () => {
      const s = state.current;
      if (s !== undefined) s.keep = false;
      release();
    },
    [],
  );

  const start = async (): Promise<void> => {
    setFailed(false);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      if (!live.current) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      const recorder = new MediaRecorder(stream);
      const started = Date.now();
      const s = {
        recorder,
        stream,
        chunks: [] as Blob[],
        keep: false,
        timer: setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500),
      };
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) s.chunks.push(event.data);
      };
      recorder.onstop = () => {
        const type = recorder.mimeType !== '' ? recorder.mimeType : 'audio/webm';
        if (s.keep && live.current) {
          const stamp = new Date();
          const time = `${String(stamp.getHours()).padStart(2, '0')}-${String(stamp.getMinutes()).padStart(2, '0')}`;
          const ext = type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm';
          const name = `${format(a.recordingName, { date: `${localDateOf(stamp.getTime())} ${time}` })}.${ext}`;
          onRecorded(new File(s.chunks, name, { type, lastModified: stamp.getTime() }));
        }
        s.chunks = [];
      };
      state.current = s;
      recorder.start(1000);
      setSeconds(0);
      setRecording(true);
    } catch {
      if (live.current) setFailed(true);
    }
  };

  const stop = (keep: boolean): void => {
    const s = state.current;
    if (s !== undefined) s.keep = keep;
    release();
    setRecording(false);
  };

  return (
    <section class="evidence-recorder" aria-labelledby="record-heading">
      <h2 id="record-heading" class="heading-m">
        {a.recordHeading}
      </h2>
      <p class="hint">{a.recordHint}</p>
      {failed && (
        <div class="notice notice--error" role="alert">
          <p>{a.recordFailed}</p>
        </div>
      )}
      <div role="status">{recording && <p>{format(a.recording, { time: clock(seconds) })}</p>}</div>
      <div class="button-group">
        {recording ? (
          <>
            <button type="button" class="button" onClick={() => stop(true)}>
              {a.recordStop}
            </button>
            <button type="button" class="button button--secondary" onClick={() => stop(false)}>
              {a.recordCancel}
            </button>
          </>
        ) : (
          <button type="button" class="button button--secondary" onClick={() => void start()}>
            {a.recordStart}
          </button>
        )}
      </div>
    </section>
  );
}
