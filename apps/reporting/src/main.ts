import { runService } from '@mindhill/platform';
import { loadReportingConfig } from './reporting.config';
import { reportingService } from './reporting.service';

void runService(() => reportingService(loadReportingConfig()));
