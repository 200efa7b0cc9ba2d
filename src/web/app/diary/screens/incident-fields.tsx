/**
 * The incident form's fields: when (with the clock-change choices and the time zone), where,
 * what happened, who, how, the effects, and the police report. Only markup: the state, the
 * checks and the saving stay in incident-edit.tsx, which hands the fields and their errors in.
 */
import {
  BEHAVIOUR_GROUPS,
  behavioursInGroup,
  CHANNELS,
  EFFECTS,
  type Person,
  type Place,
} from '../../../../domain/diary/index.js';
import type { DecryptedRecord } from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { Checkbox, Checkboxes, NativeDateField, personName, Select } from '../diary-ui.js';
import type { IncidentFields } from '../incident-form.js';
import type { AppLocale } from '../../shell/messages.js';
import { TextArea, TextField } from '../../components/fields.js';
import { ClockChange, Position, zoneOptions } from './incident-when.js';

function behaviourGroups(locale: AppLocale) {
  return BEHAVIOUR_GROUPS.map((g) => ({
    label: g.label[locale],
    options: behavioursInGroup(g.key).map((b) => ({
      value: b.key,
      label: b.label[locale],
      hint: b.hint[locale],
    })),
  }));
}

/** The fields, bound to the draft: `update` merges a change into it, `error` names a field's problem. */
export function IncidentFieldset(props: {
  fields: IncidentFields;
  update: (next: Partial<IncidentFields>) => void;
  error: (id: string) => string | undefined;
  people: readonly DecryptedRecord<Person>[];
  places: readonly DecryptedRecord<Place>[];
}) {
  const { t, locale } = useApp();
  const dm = useDiaryText();
  const f = dm.diary.form;
  const { fields, update, error, places } = props;
  const personOptions = props.people.map((p) => ({ value: p.id, label: personName(p.value) }));
  const channelInfo = CHANNELS.find((c) => c.key === fields.channel);
  return (
    <>
      <NativeDateField
        id="incident-start"
        label={f.start}
        hint={f.startHint}
        error={error('incident-start')}
        type="datetime-local"
        value={fields.start}
        onInput={(start) => update({ start })}
      />
      <NativeDateField
        id="incident-end"
        label={f.end}
        error={error('incident-end')}
        type="datetime-local"
        value={fields.end}
        onInput={(end) => update({ end })}
      />
      <Checkbox
        id="incident-approximate"
        label={f.approximate}
        checked={fields.approximate}
        onChange={(approximate) => update({ approximate })}
      />
      <Select
        id="incident-zone"
        label={f.timeZone}
        hint={f.timeZoneHint}
        options={zoneOptions(fields.timeZone)}
        value={fields.timeZone}
        onChange={(timeZone) => update({ timeZone })}
      />
      <ClockChange
        id="incident-start-choice"
        wall={fields.start}
        zone={fields.timeZone}
        choice={fields.startChoice}
        onChange={(startChoice) => update({ startChoice })}
      />
      <ClockChange
        id="incident-end-choice"
        wall={fields.end}
        zone={fields.timeZone}
        choice={fields.endChoice}
        onChange={(endChoice) => update({ endChoice })}
      />
      <TextField
        id="incident-where"
        label={f.where}
        hint={f.whereHint}
        error={error('incident-where')}
        value={fields.where}
        onInput={(where) => update({ where })}
        autocomplete="off"
        width="full"
      />
      <Select
        id="incident-place"
        label={f.place}
        hint={f.placeHint}
        options={[
          { value: '', label: f.placeNone },
          ...places.map((p) => ({ value: p.id, label: p.value.name })),
          // A place deleted since keeps its link until the person changes it.
          ...(fields.placeId !== '' && !places.some((p) => p.id === fields.placeId)
            ? [{ value: fields.placeId, label: dm.diary.view.unknownPlace }]
            : []),
        ]}
        value={fields.placeId}
        onChange={(placeId) => update({ placeId })}
      />
      <Position
        coordinates={fields.coordinates}
        onChange={(coordinates) => update({ coordinates })}
      />
      <TextArea
        id="incident-what"
        label={f.what}
        hint={f.whatHint}
        error={error('incident-what')}
        value={fields.what}
        onInput={(what) => update({ what })}
        rows={6}
      />
      <Checkboxes
        id="incident-behaviours"
        legend={f.behaviours}
        hint={f.behavioursHint}
        error={error('incident-behaviours')}
        groups={behaviourGroups(locale)}
        value={fields.behaviours}
        onChange={(behaviours) => update({ behaviours })}
        small
      />
      <Select
        id="incident-channel"
        label={f.channel}
        options={[
          { value: '', label: f.channelNone },
          ...CHANNELS.map((c) => ({ value: c.key, label: c.label[locale] })),
        ]}
        value={fields.channel}
        onChange={(channel) => update({ channel })}
      />
      {channelInfo?.detailQuestion !== undefined && (
        <TextField
          id="incident-channel-detail"
          label={`${channelInfo.detailQuestion[locale]} ${t.common.optional}`}
          value={fields.channelDetail}
          onInput={(channelDetail) => update({ channelDetail })}
          autocomplete="off"
        />
      )}
      {personOptions.length > 0 ? (
        <Checkboxes
          id="incident-perpetrators"
          legend={f.perpetrators}
          hint={f.peopleHint}
          groups={[{ options: personOptions }]}
          value={fields.perpetratorIds}
          onChange={(perpetratorIds) => update({ perpetratorIds })}
          small
        />
      ) : (
        <h2 class="heading-s">{f.perpetrators}</h2>
      )}
      <TextField
        id="incident-new-perpetrator"
        label={f.newPerpetrator}
        hint={f.newPersonHint}
        value={fields.newPerpetrator}
        onInput={(newPerpetrator) => update({ newPerpetrator })}
        autocomplete="off"
        width="full"
      />
      {personOptions.length > 0 ? (
        <Checkboxes
          id="incident-witnesses"
          legend={f.witnesses}
          hint={f.peopleHint}
          groups={[{ options: personOptions }]}
          value={fields.witnessIds}
          onChange={(witnessIds) => update({ witnessIds })}
          small
        />
      ) : (
        <h2 class="heading-s">{f.witnesses}</h2>
      )}
      <TextField
        id="incident-new-witness"
        label={f.newWitness}
        hint={f.newPersonHint}
        value={fields.newWitness}
        onInput={(newWitness) => update({ newWitness })}
        autocomplete="off"
        width="full"
      />
      <h2 class="heading-s">{f.police}</h2>
      <Checkbox
        id="incident-reported"
        label={f.reported}
        checked={fields.reported}
        onChange={(reported) => update({ reported })}
      >
        <NativeDateField
          id="incident-reported-on"
          label={f.reportedOn}
          error={error('incident-reported-on')}
          type="date"
          value={fields.reportedOn}
          onInput={(reportedOn) => update({ reportedOn })}
        />
        <TextField
          id="incident-reference"
          label={f.reference}
          error={error('incident-reference')}
          value={fields.reference}
          onInput={(reference) => update({ reference })}
          autocomplete="off"
        />
        <TextField
          id="incident-officer-name"
          label={f.officerName}
          error={error('incident-officer-name')}
          value={fields.officerName}
          onInput={(officerName) => update({ officerName })}
          autocomplete="off"
        />
        <TextField
          id="incident-officer-number"
          label={f.officerNumber}
          error={error('incident-officer-number')}
          value={fields.officerNumber}
          onInput={(officerNumber) => update({ officerNumber })}
          autocomplete="off"
          width="quarter"
        />
      </Checkbox>
      <h2 class="heading-s">{f.effect}</h2>
      <TextArea
        id="incident-feelings"
        label={f.feelings}
        error={error('incident-feelings')}
        value={fields.feelings}
        onInput={(feelings) => update({ feelings })}
        rows={3}
      />
      <Checkboxes
        id="incident-changes"
        legend={f.changes}
        hint={f.changesHint}
        error={error('incident-changes')}
        groups={[
          {
            options: EFFECTS.map((e) => ({
              value: e.key,
              label: e.label[locale],
              hint: e.hint[locale],
            })),
          },
        ]}
        value={fields.changes}
        onChange={(changes) => update({ changes })}
        small
      />
      <TextArea
        id="incident-changes-detail"
        label={f.changesDetail}
        value={fields.changesDetail}
        onInput={(changesDetail) => update({ changesDetail })}
        rows={3}
      />
      <TextField
        id="incident-tags"
        label={f.tags}
        hint={f.tagsHint}
        error={error('incident-tags')}
        value={fields.tags}
        onInput={(tags) => update({ tags })}
        autocomplete="off"
        width="full"
      />
    </>
  );
}
