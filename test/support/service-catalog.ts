import { MigrationObject } from '@mikro-orm/core';
import { ServiceBootstrap } from '@mindhill/platform';
import { loadAuditConfig } from '../../apps/audit/src/audit.config';
import { auditService } from '../../apps/audit/src/audit.service';
import { auditMigrations } from '../../apps/audit/src/migrations';
import { loadAuthConfig } from '../../apps/auth/src/auth.config';
import { authService } from '../../apps/auth/src/auth.service';
import { authMigrations } from '../../apps/auth/src/migrations';
import { loadGatewayConfig } from '../../apps/gateway/src/gateway.config';
import { gatewayService } from '../../apps/gateway/src/gateway.service';
import { loadIngestionConfig } from '../../apps/ingestion/src/ingestion.config';
import { ingestionService } from '../../apps/ingestion/src/ingestion.service';
import { ingestionMigrations } from '../../apps/ingestion/src/migrations';
import { processingMigrations } from '../../apps/processing/src/migrations';
import { loadProcessingConfig } from '../../apps/processing/src/processing.config';
import { processingService } from '../../apps/processing/src/processing.service';
import { reportingMigrations } from '../../apps/reporting/src/migrations';
import { loadReportingConfig } from '../../apps/reporting/src/reporting.config';
import { reportingService } from '../../apps/reporting/src/reporting.service';
import { workflowsMigrations } from '../../apps/workflows/src/migrations';
import { loadWorkflowsConfig } from '../../apps/workflows/src/workflows.config';
import { workflowsService } from '../../apps/workflows/src/workflows.service';

export type ServiceName = 'auth' | 'workflows' | 'ingestion' | 'processing' | 'reporting' | 'audit';

// How tests build each service from an environment, and which migrations its database needs.
export const SERVICE_CATALOG: Record<ServiceName, { migrations: MigrationObject[]; build: (env: NodeJS.ProcessEnv) => ServiceBootstrap }> =
  {
    auth: { migrations: authMigrations, build: (env) => authService(loadAuthConfig(env)) },
    workflows: { migrations: workflowsMigrations, build: (env) => workflowsService(loadWorkflowsConfig(env)) },
    ingestion: { migrations: ingestionMigrations, build: (env) => ingestionService(loadIngestionConfig(env)) },
    processing: { migrations: processingMigrations, build: (env) => processingService(loadProcessingConfig(env)) },
    reporting: { migrations: reportingMigrations, build: (env) => reportingService(loadReportingConfig(env)) },
    audit: { migrations: auditMigrations, build: (env) => auditService(loadAuditConfig(env)) },
  };

export const buildGateway = (env: NodeJS.ProcessEnv) => gatewayService(loadGatewayConfig(env));
