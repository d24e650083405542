import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const workflowsEnvSchema = commonEnvSchema.extend({
  WORKFLOWS_PORT: env.port(3002),
  WORKFLOWS_HOST: env.host(),
  WORKFLOWS_DATABASE_URL: env.postgresUrl('mindhill_workflows'),
});
export type WorkflowsConfig = z.infer<typeof workflowsEnvSchema>;

export function loadWorkflowsConfig(source: NodeJS.ProcessEnv = process.env): WorkflowsConfig {
  return loadConfig(workflowsEnvSchema, source);
}
