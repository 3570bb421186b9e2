/** The component of each page id. */
import type { FunctionComponent } from 'preact';
import type { PageId } from './page-ids';
import { AuditorAccountabilityPage } from './pages/auditor-accountability';
import { AuditorEventsPage } from './pages/auditor-events';
import { AuditorReceiptPage } from './pages/auditor-receipt';
import { AuditorReplayPage } from './pages/auditor-replay';
import { KeysPage } from './pages/keys';
import { OfficerCardPage } from './pages/officer-card';
import { OfficerCitizenPage } from './pages/officer-citizen';
import { OfficerIssuePage } from './pages/officer-issue';
import { OperatorUnitsPage } from './pages/operator-units';
import { UnitFraudPage } from './pages/unit-fraud';
import { UnitHistoryPage } from './pages/unit-history';
import { UnitNoticesPage } from './pages/unit-notices';
import { UnitVerifyPage } from './pages/unit-verify';

export const PAGE_VIEWS: Readonly<Record<PageId, FunctionComponent>> = {
  card: OfficerCardPage,
  issue: OfficerIssuePage,
  citizen: OfficerCitizenPage,
  verify: UnitVerifyPage,
  history: UnitHistoryPage,
  notices: UnitNoticesPage,
  fraud: UnitFraudPage,
  units: OperatorUnitsPage,
  keys: KeysPage,
  events: AuditorEventsPage,
  replay: AuditorReplayPage,
  receipt: AuditorReceiptPage,
  accountability: AuditorAccountabilityPage,
};
