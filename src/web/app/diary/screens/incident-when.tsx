/**
 * Parts of the incident form about when and where: the time-zone choices, the question asked on
 * the night the clocks change, and the device's position (only when the person asks for it).
 */
import { useState } from 'preact/hooks';
import { resolveWallTime, type Coordinates } from '../../../../domain/diary/index.js';
import { useDiaryText } from '../diary-text.js';
import { Radios } from '../diary-ui.js';
import { wallTimeKind, type WallChoice } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import { Button, useLive } from '../../components/ui.js';

let knownZones: readonly string[] | undefined;

/** Every time zone the browser knows (listed once), with the current one even if it does not. */
export function zoneOptions(current: string): { value: string; label: string }[] {
  knownZones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  const zones =
    current.trim() === '' || knownZones.includes(current) ? knownZones : [...knownZones, current];
  return zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
}

/**
 * On the night the clocks go back a time happens twice, so the person says which; on the night
 * they go forward a time never happens, so they are told what will be saved instead.
 */
export function ClockChange(props: {
  id: string;
  wall: string;
  zone: string;
  choice: WallChoice;
  onChange: (choice: WallChoice) => void;
}) {
  const dm = useDiaryText();
  const f = dm.diary.form;
  const what = wallTimeKind(props.wall, props.zone);
  if (what === undefined || what.kind === 'once') return null;
  const time = props.wall.slice(11, 16);
  if (what.kind === 'skipped') {
    const saved = resolveWallTime(props.wall.trim(), props.zone.trim()) ?? '';
    return (
      <div class="inset-text" id={props.id}>
        {format(f.skipped, { time, saved: saved.slice(11, 16) })}
      </div>
    );
  }
  const offset = (zoned: string | undefined): string => `UTC${zoned?.slice(-6) ?? ''}`;
  return (
    <Radios
      id={props.id}
      legend={format(f.twiceLegend, { time })}
      hint={format(f.twiceHint, { time })}
      options={[
        {
          value: 'earlier',
          label: format(f.twiceFirst, { time, offset: offset(what.options[0]) }),
        },
        { value: 'later', label: format(f.twiceSecond, { time, offset: offset(what.options[1]) }) },
      ]}
      value={props.choice}
      onChange={(v) => props.onChange(v === 'later' ? 'later' : 'earlier')}
    />
  );
}

/** The device's position, asked for only when the person presses the button. */
export function Position(props: {
  coordinates: Coordinates | undefined;
  onChange: (coordinates: Coordinates | undefined) => void;
}) {
  const dm = useDiaryText();
  const f = dm.diary.form;
  const [state, setState] = useState<'idle' | 'finding' | 'refused' | 'failed'>('idle');
  const live = useLive();
  const find = (): void => {
    setState('finding');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (!live.current) return;
        setState('idle');
        props.onChange({
          latitude: round(position.coords.latitude, 5),
          longitude: round(position.coords.longitude, 5),
          accuracyMetres: Math.round(position.coords.accuracy),
        });
      },
      (e) => {
        if (live.current) setState(e.code === e.PERMISSION_DENIED ? 'refused' : 'failed');
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  };
  const c = props.coordinates;
  return (
    <div class="form-group" id="incident-position">
      <fieldset class="fieldset" aria-describedby="incident-position-hint">
        <legend class="fieldset-legend fieldset-legend--s">{f.position}</legend>
        <div class="hint" id="incident-position-hint">
          {f.positionHint}
        </div>
        <div role="status">
          {c !== undefined && (
            <p>
              {format(f.positionShown, {
                latitude: String(c.latitude),
                longitude: String(c.longitude),
                metres: String(c.accuracyMetres ?? '?'),
              })}
            </p>
          )}
          {state === 'finding' && <p>{f.positionFinding}</p>}
          {state === 'refused' && <p>{f.positionRefused}</p>}
          {state === 'failed' && <p>{f.positionFailed}</p>}
        </div>
        {c === undefined ? (
          'geolocation' in navigator && (
            <Button variant="secondary" onClick={find} disabled={state === 'finding'}>
              {f.positionAdd}
            </Button>
          )
        ) : (
          <Button variant="secondary" onClick={() => props.onChange(undefined)}>
            {f.positionRemove}
          </Button>
        )}
      </fieldset>
    </div>
  );
}

function round(n: number, places: number): number {
  const k = 10 ** places;
  return Math.round(n * k) / k;
}
