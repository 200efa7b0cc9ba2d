/**
 * The evidence locker, as the app sees it: its screens (the router's `ScreenView` hands every
 * evidence screen to `EvidenceScreenView`), the incident page's evidence section, and the link
 * on the home screen.
 */
import { useApp } from '../shell/context.js';
import { LinkButton } from '../components/ui.js';
import { useEvidenceText } from './evidence-ui.js';
import type { EvidenceScreen } from './screen.js';
import { EvidenceAddScreen } from './screens/add.js';
import { EvidenceDeleteScreen } from './screens/delete.js';
import { EvidenceEditScreen } from './screens/edit.js';
import { EvidenceChooseScreen, EvidenceLinkScreen } from './screens/link.js';
import { EvidenceListScreen } from './screens/list.js';
import { EvidenceViewScreen } from './screens/view.js';

export { IncidentEvidence } from './incident-evidence.js';
export { storeFile } from './evidence-session.js';
export { EVIDENCE_SCREEN_NAMES, type EvidenceScreen } from './screen.js';

export function EvidenceScreenView({ screen }: { screen: EvidenceScreen }) {
  switch (screen.name) {
    case 'evidence':
      return <EvidenceListScreen />;
    case 'evidence-add':
      return <EvidenceAddScreen incidentId={screen.incidentId} />;
    case 'evidence-view':
      return <EvidenceViewScreen id={screen.id} />;
    case 'evidence-edit':
      return <EvidenceEditScreen id={screen.id} />;
    case 'evidence-link':
      return <EvidenceLinkScreen id={screen.id} />;
    case 'evidence-delete':
      return <EvidenceDeleteScreen id={screen.id} />;
    case 'evidence-choose':
      return <EvidenceChooseScreen incidentId={screen.incidentId} />;
  }
}

/** The home screen's way in. */
export function EvidenceHomeLink() {
  const { navigate } = useApp();
  const e = useEvidenceText();
  return <LinkButton onClick={() => navigate({ name: 'evidence' })}>{e.homeLink}</LinkButton>;
}
