import { runService } from '@mindhill/platform';
import { loadAuditConfig } from './audit.config';
import { auditService } from './audit.service';

void runService(() => auditService(loadAuditConfig()));
