import { ServiceProjections } from '@mindhill/persistence';
import { authProjections } from '../apps/auth/src/auth.projections';
import { ingestionProjections } from '../apps/ingestion/src/ingestion.projections';
import { processingProjections } from '../apps/processing/src/processing.projections';
import { reportingProjections } from '../apps/reporting/src/reporting.projections';
import { workflowsProjections } from '../apps/workflows/src/workflows.projections';

// Each service's projections of its own events (what `npm run rebuild` replays, what a backup
// hashes and a restore checks). Audit keeps no projection of its own events.
export const PROJECTIONS: Readonly<Record<string, ServiceProjections>> = {
  auth: authProjections,
  workflows: workflowsProjections,
  reporting: reportingProjections,
  processing: processingProjections,
  ingestion: ingestionProjections,
};
