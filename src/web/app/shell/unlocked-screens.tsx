/**
 * The screens of an open diary (everything but the start, sign-up, unlock and recovery screens),
 * in a chunk of their own that lazy-screens.tsx loads while the unlock form is on screen.
 */
import { useApp, type ScreenName } from './context.js';
import type { UnlockedScreen } from './locked-screens.js';
import { CreatedScreen } from '../account/create.js';
import { EvidenceScreenView, storeFile } from '../evidence/index.js';
import { IncidentViewScreen } from '../diary/screens/incident.js';
import { EditIncidentScreen, NewIncidentScreen } from '../diary/screens/incident-edit.js';
import { DeleteIncidentScreen } from '../diary/screens/incident-delete.js';
import { IncidentsScreen } from '../diary/screens/incidents.js';
import { QuickCaptureScreen } from '../diary/screens/quick-capture.js';
import { PatternsScreen } from '../diary/screens/patterns.js';
import {
  DeletePersonScreen,
  EditPersonScreen,
  NewPersonScreen,
  PeopleScreen,
} from '../diary/screens/people.js';
import {
  DeletePlaceScreen,
  EditPlaceScreen,
  NewPlaceScreen,
  PlacesScreen,
} from '../diary/screens/places.js';
import {
  DeleteEffectScreen,
  EditEffectScreen,
  EffectsScreen,
  NewEffectScreen,
} from '../diary/screens/effects.js';
import { PrintScreen } from '../diary/screens/print.js';
import { ReportScreen } from '../report/report-screen.js';
import { ShareScreen } from '../share/share-screen.js';
import { WitnessScreen } from '../witness/witness-screen.js';
import { RiskCheckScreen, RiskHistoryScreen, RiskResultScreen } from '../safety/risk-screens.js';
import { SafetyPlanScreen } from '../safety/plan-screen.js';
import { HomeScreen } from '../diary/screens/home.js';
import { LockWarning } from '../diary/screens/draft.js';
import { EditNoteScreen, NewNoteScreen } from '../diary/screens/note-form.js';
import { NoteDeleteScreen, NoteHistoryScreen, NoteViewScreen } from '../diary/screens/note-view.js';
import { ExportBackupScreen, ImportBackupScreen } from '../account/backup.js';
import { QuickInbox } from '../quick/inbox.js';
import { QueueStatus } from '../quick/queue-status.js';
import { TracesScreen } from '../install/traces-screen.js';
import {
  ImportChooseScreen,
  ImportPersonScreen,
  ImportPreviewScreen,
  ImportSendersScreen,
  ImportSettingsScreen,
} from '../import/index.js';
import {
  BackupCodesScreen,
  SecondFactorOffScreen,
  SecondFactorSetupScreen,
} from '../account/second-factor.js';
import {
  ChangePassphraseScreen,
  DeleteAccountScreen,
  SettingsScreen,
} from '../account/settings.js';

/** The bar, the lock warning and the quick-note inbox, above every screen of the open diary. */
export function UnlockedChrome({ current }: { current: ScreenName }) {
  return (
    <>
      <VaultBar current={current} />
      <LockWarning />
      <QuickInbox />
      <QueueStatus />
    </>
  );
}

/** Always on screen while unlocked: the diary, settings, and Lock. */
function VaultBar({ current }: { current: ScreenName }) {
  const app = useApp();
  const { t } = app;
  return (
    <nav class="vault-bar" aria-label={t.bar.label}>
      <div class="vault-bar__inner">
        <button
          type="button"
          class="vault-bar__link"
          aria-current={current === 'home' ? 'page' : undefined}
          onClick={() => app.navigate({ name: 'home' })}
        >
          {t.bar.home}
        </button>
        <button
          type="button"
          class="vault-bar__link"
          data-record-now=""
          aria-current={current === 'quick' ? 'page' : undefined}
          onClick={() => app.navigate({ name: 'quick' })}
        >
          {t.bar.record}
        </button>
        <button
          type="button"
          class="vault-bar__link"
          aria-current={current === 'settings' ? 'page' : undefined}
          onClick={() => app.navigate({ name: 'settings' })}
        >
          {t.bar.settings}
        </button>
        <button type="button" class="vault-bar__lock" data-lock="" onClick={app.lock}>
          <span class="vault-bar__lock-icon" aria-hidden="true" />
          {t.bar.lock}
        </button>
      </div>
    </nav>
  );
}

/** The import keeps the export file itself as an evidence item, which each entry links to. */
function ImportPreviewWithOriginal() {
  const app = useApp();
  return <ImportPreviewScreen storeOriginal={(file) => storeFile(app, file)} />;
}

export function UnlockedScreenView(props: { screen: UnlockedScreen; onDeleted: () => void }) {
  const { screen } = props;
  switch (screen.name) {
    case 'create-done':
      return <CreatedScreen />;
    case 'traces':
      return <TracesScreen />;
    case 'home':
      return <HomeScreen />;
    case 'note-new':
      return <NewNoteScreen />;
    case 'note-view':
      return <NoteViewScreen id={screen.id} />;
    case 'note-edit':
      return <EditNoteScreen id={screen.id} />;
    case 'note-history':
      return <NoteHistoryScreen id={screen.id} />;
    case 'note-delete':
      return <NoteDeleteScreen id={screen.id} />;
    case 'incidents':
      return <IncidentsScreen />;
    case 'quick':
      return <QuickCaptureScreen />;
    case 'incident-new':
      return <NewIncidentScreen />;
    case 'incident-view':
      return <IncidentViewScreen id={screen.id} />;
    case 'incident-edit':
      return <EditIncidentScreen id={screen.id} />;
    case 'incident-delete':
      return <DeleteIncidentScreen id={screen.id} />;
    case 'people':
      return <PeopleScreen />;
    case 'person-new':
      return <NewPersonScreen />;
    case 'person-edit':
      return <EditPersonScreen id={screen.id} />;
    case 'person-delete':
      return <DeletePersonScreen id={screen.id} />;
    case 'places':
      return <PlacesScreen />;
    case 'place-new':
      return <NewPlaceScreen />;
    case 'place-edit':
      return <EditPlaceScreen id={screen.id} />;
    case 'place-delete':
      return <DeletePlaceScreen id={screen.id} />;
    case 'effects':
      return <EffectsScreen />;
    case 'effect-new':
      return <NewEffectScreen />;
    case 'effect-edit':
      return <EditEffectScreen id={screen.id} />;
    case 'effect-delete':
      return <DeleteEffectScreen id={screen.id} />;
    case 'patterns':
      return <PatternsScreen />;
    case 'print':
      return <PrintScreen />;
    case 'report':
      return <ReportScreen incidentId={screen.incidentId} />;
    case 'share':
      return <ShareScreen />;
    case 'witnesses':
      return <WitnessScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'change-passphrase':
      return <ChangePassphraseScreen />;
    case 'delete-account':
      return <DeleteAccountScreen onDeleted={props.onDeleted} />;
    case 'second-factor-setup':
      return <SecondFactorSetupScreen />;
    case 'second-factor-codes':
      return <BackupCodesScreen codes={screen.codes} />;
    case 'second-factor-off':
      return <SecondFactorOffScreen />;
    case 'backup-export':
      return <ExportBackupScreen />;
    case 'backup-import':
      return <ImportBackupScreen />;
    case 'import':
      return <ImportChooseScreen />;
    case 'import-senders':
      return <ImportSendersScreen />;
    case 'import-person':
      return <ImportPersonScreen />;
    case 'import-settings':
      return <ImportSettingsScreen />;
    case 'import-preview':
      return <ImportPreviewWithOriginal />;
    case 'risk-check':
      return <RiskCheckScreen />;
    case 'risk-result':
      return <RiskResultScreen id={screen.id} />;
    case 'risk-history':
      return <RiskHistoryScreen />;
    case 'safety-plan':
      return <SafetyPlanScreen />;
    case 'evidence':
    case 'evidence-add':
    case 'evidence-view':
    case 'evidence-edit':
    case 'evidence-link':
    case 'evidence-delete':
    case 'evidence-choose':
      return <EvidenceScreenView screen={screen} />;
  }
}
