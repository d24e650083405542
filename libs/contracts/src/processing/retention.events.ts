import { defineRetentionApplied } from '../retention-receipt';

// Receipt of a retention run in processing (its finished jobs).
export const processingRetentionApplied = defineRetentionApplied('processing');
