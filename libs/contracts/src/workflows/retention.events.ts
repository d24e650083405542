import { defineRetentionApplied } from '../retention-receipt';

// Receipt of a retention run in workflows (its finished jobs).
export const workflowsRetentionApplied = defineRetentionApplied('workflows');
