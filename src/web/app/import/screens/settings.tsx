/**
 * Import, step 4: how to read and group the messages. The time zone is asked only when the file
 * wrote times without one (the browser's zone is the default); the date order only when a
 * WhatsApp file could be read either way; grouping always.
 */
import { useMemo, useState } from 'preact/hooks';
import { isTimeZone } from '../../../../domain/diary/index.js';
import type { DateOrder } from '../../../../importers/index.js';
import { suggestedGrouping, type PlanGrouping } from '../../../../importers/plan.js';
import { useApp } from '../../shell/context.js';
import { formatLocalDate, Select } from '../../diary/diary-ui.js';
import { browserTimeZone } from '../../diary/incident-form.js';
import { format } from '../../shell/messages.js';
import { TextField } from '../../components/fields.js';
import { Button, Page, type ErrorItem } from '../../components/ui.js';
import { Radios } from '../fields.js';
import { burstMinutesOf, chosenItems, importFlow } from '../flow.js';
import { IMPORT_MESSAGES } from '../messages.js';
import { ImportChooseScreen } from './choose.js';

const ZONE_FIELD = 'import-zone';
const ORDER_FIELD = 'import-order';
const GROUP_FIELD = 'import-group';
const MINUTES_FIELD = 'import-minutes';

/** Every zone the browser knows, with the chosen one sure to be in the list. */
function timeZones(current: string): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

export function ImportSettingsScreen() {
  const { locale, navigate, session } = useApp();
  const m = IMPORT_MESSAGES[locale];
  const s = m.settings;
  const flow = importFlow(session);
  const [zone, setZone] = useState(flow.timeZone ?? browserTimeZone());
  const [order, setOrder] = useState<DateOrder | undefined>(flow.dateOrder);
  // Until the person chooses, the grouping that reads best for this many messages (see
  // suggestedGrouping): one entry per day of conversation when there are many.
  const suggested = useMemo<PlanGrouping>(() => {
    const chosen = flow.result === undefined ? [] : chosenItems(flow.result, flow.senders);
    return suggestedGrouping(chosen.filter((i) => i.kind === 'message').length);
  }, []);
  const [grouping, setGrouping] = useState<PlanGrouping>(flow.grouping ?? suggested);
  const [minutes, setMinutes] = useState(flow.minutes);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const zones = useMemo(() => timeZones(zone), []);

  const result = flow.result;
  if (result === undefined || flow.person === undefined) return <ImportChooseScreen />;
  const items = chosenItems(result, flow.senders);
  const needsZone = items.some((i) => i.at.instant === undefined && i.at.local !== undefined);
  const sample = result.ambiguousDateOrder
    ? items.find((i) => i.at.alternativeLocal !== undefined && i.at.local !== undefined)
    : undefined;

  const submit = (event: Event): void => {
    event.preventDefault();
    const found: ErrorItem[] = [];
    if (sample !== undefined && order === undefined) {
      found.push({ field: ORDER_FIELD, message: s.orderRequired });
    }
    if (grouping === 'burst' && burstMinutesOf(minutes) === undefined) {
      found.push({ field: MINUTES_FIELD, message: s.minutesError });
    }
    if (found.length > 0) {
      setErrors(found);
      setSeq((n) => n + 1);
      return;
    }
    // The list holds only zones the browser knows, so the choice needs no further check.
    flow.timeZone = isTimeZone(zone) ? zone : browserTimeZone();
    flow.dateOrder = sample === undefined ? undefined : order;
    flow.grouping = grouping;
    flow.minutes = minutes;
    navigate({ name: 'import-preview' });
  };

  const errorOf = (field: string): string | undefined =>
    errors.find((e) => e.field === field)?.message;

  let orderChoices: { value: DateOrder; label: string }[] = [];
  if (sample?.at.local !== undefined && sample.at.alternativeLocal !== undefined) {
    const dayFirst =
      result.dateOrder === 'month-first' ? sample.at.alternativeLocal : sample.at.local;
    const monthFirst =
      result.dateOrder === 'month-first' ? sample.at.local : sample.at.alternativeLocal;
    orderChoices = [
      {
        value: 'day-first',
        label: format(s.dayFirst, { date: formatLocalDate(locale, dayFirst.slice(0, 10)) }),
      },
      {
        value: 'month-first',
        label: format(s.monthFirst, { date: formatLocalDate(locale, monthFirst.slice(0, 10)) }),
      },
    ];
  }

  return (
    <Page
      title={s.title}
      caption={m.caption}
      errors={errors}
      errorSeq={seq}
      back={() => navigate({ name: 'import-person' })}
    >
      <form noValidate onSubmit={submit}>
        {needsZone && (
          <Select
            id={ZONE_FIELD}
            label={s.zoneLabel}
            hint={s.zoneHint}
            options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
            value={zone}
            onChange={setZone}
          />
        )}
        {sample !== undefined && (
          <Radios
            id={ORDER_FIELD}
            legend={s.orderLegend}
            hint={format(s.orderHint, { original: sample.at.original })}
            error={errorOf(ORDER_FIELD)}
            choices={orderChoices}
            value={order}
            onChange={(v) => setOrder(v === 'month-first' ? 'month-first' : 'day-first')}
          />
        )}
        <Radios
          id={GROUP_FIELD}
          legend={s.groupLegend}
          hint={flow.grouping === undefined && suggested === 'day' ? s.groupSuggested : undefined}
          choices={[
            { value: 'each', label: s.groupEach },
            {
              value: 'burst',
              label: s.groupBurst,
              hint: s.groupBurstHint,
              reveal: (
                <TextField
                  id={MINUTES_FIELD}
                  label={s.minutesLabel}
                  error={errorOf(MINUTES_FIELD)}
                  value={minutes}
                  onInput={setMinutes}
                  inputMode="numeric"
                  autocomplete="off"
                  width="quarter"
                />
              ),
            },
            { value: 'day', label: s.groupDay, hint: s.groupDayHint },
          ]}
          value={grouping}
          onChange={(v) => setGrouping(v === 'burst' || v === 'day' ? v : 'each')}
        />
        <Button type="submit">{m.continue}</Button>
      </form>
    </Page>
  );
}
