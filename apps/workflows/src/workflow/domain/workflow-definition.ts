import { createHash } from 'node:crypto';
import { z } from 'zod';
import { userNumbersSchema, WorkflowConfiguration, workflowConfigurationSchema, WorkflowInput } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';
import { inputDeclarationsField } from './workflow-inputs';

export type WorkflowDefinition = {
  name: string;
  description: string | null;
  configuration: WorkflowConfiguration;
  scheduleCron: string | null;
  scheduleTimezone: string;
  timeoutMinutes: number;
  maxRetries: number;
  category: string | null;
  tags: string[];
  inputs: WorkflowInput[];
};

// Five or six cron fields (seconds first when six); fired by the workflow scheduler.
const CRON = /^(\S+\s+){4,5}\S+$/;

export const definitionFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).nullable(),
  configuration: z.unknown(),
  scheduleCron: z.string().trim().regex(CRON, 'must be a cron expression with 5 or 6 fields').max(100).nullable(),
  scheduleTimezone: z.string().trim().min(1).max(64),
  timeoutMinutes: z.number().int().min(1).max(1_440),
  maxRetries: z.number().int().min(0).max(10),
  category: z.string().trim().min(1).max(50).nullable(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20),
  inputs: inputDeclarationsField,
};

// Sharing in a request: who besides the owner may see the workflow (user numbers), or everyone.
export const requestSharingFields = { isPublic: z.boolean().optional(), sharedWithUsers: userNumbersSchema.optional() };

// Parses a workflow configuration; a runnable workflow needs data sources on every fetching
// stage, a template may leave them empty. Errors carry every issue with its path.
export function parseConfiguration(raw: unknown, options: { template: boolean }): WorkflowConfiguration {
  const parsed = workflowConfigurationSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidConfiguration(parsed.error.issues.map((i) => ({ path: ['configuration', ...i.path].join('.'), message: i.message })));
  }
  if (!options.template) {
    const missing = parsed.data.stages
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.type === 'fetching' && s.dataSources.length === 0)
      .map(({ i }) => ({ path: `configuration.stages.${i}.dataSources`, message: 'a fetching stage needs at least one data source' }));
    if (missing.length > 0) throw invalidConfiguration(missing);
  }
  return parsed.data;
}

function invalidConfiguration(issues: { path: string; message: string }[]): DomainError {
  return new DomainError('WORKFLOWS.INVALID_CONFIGURATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), 'invalid', { issues });
}

// Hash of the configuration with keys in a fixed order, so equal configurations hash equally.
export function configurationHash(configuration: unknown): string {
  return createHash('sha256').update(canonicalJson(configuration)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
