import { z } from 'zod';

// Settings each stage type accepts in a workflow configuration. Strict: an unknown setting is a
// 400 when the workflow is created, never a surprise at run time.
export const fetchingSettingsSchema = z.strictObject({
  // Per-item size limit; defaults to the max_file_size_mb system setting (100).
  maxFileSizeMb: z.number().positive().max(1024).optional(),
});
export const processingSettingsSchema = z.strictObject({});
export const normalizationSettingsSchema = z.strictObject({
  unicodeForm: z.enum(['NFKC', 'NFC']).default('NFKC'),
  stripHtml: z.boolean().default(true),
  collapseWhitespace: z.boolean().default(true),
  lowercase: z.boolean().default(false),
});
export const refinementRuleSchema = z.strictObject({
  category: z.string().min(1).max(100),
  tags: z.array(z.string().min(1).max(50)).max(20).default([]),
  // The rule matches content containing any of these words (case-insensitive).
  keywords: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export const refinementSettingsSchema = z.strictObject({
  rules: z.array(refinementRuleSchema).max(100).default([]),
  defaultCategory: z.string().min(1).max(100).optional(),
  flagDuplicates: z.boolean().default(true),
});
export const calculationSettingsSchema = z.strictObject({
  // Only these fields (CSV columns / JSON keys); all numeric fields when absent.
  fields: z.array(z.string().min(1).max(200)).max(200).optional(),
});
export const analysisSettingsSchema = z.strictObject({
  topKeywords: z.number().int().min(1).max(100).default(10),
  stopwords: z.array(z.string().min(1).max(50)).max(1000).default([]),
});

const common = {
  name: z.string().trim().min(1).max(100),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(300),
};

export const stageConfigSchema = z.discriminatedUnion('type', [
  // Templates leave dataSources empty; a runnable workflow needs at least one (checked by workflows).
  z.strictObject({
    ...common,
    type: z.literal('fetching'),
    dataSources: z.array(z.uuid()).max(50).default([]),
    settings: fetchingSettingsSchema.default({}),
  }),
  z.strictObject({ ...common, type: z.literal('processing'), settings: processingSettingsSchema.default({}) }),
  z.strictObject({
    ...common,
    type: z.literal('normalization'),
    settings: normalizationSettingsSchema.default({ unicodeForm: 'NFKC', stripHtml: true, collapseWhitespace: true, lowercase: false }),
  }),
  z.strictObject({
    ...common,
    type: z.literal('refinement'),
    settings: refinementSettingsSchema.default({ rules: [], flagDuplicates: true }),
  }),
  z.strictObject({ ...common, type: z.literal('calculation'), settings: calculationSettingsSchema.default({}) }),
  z.strictObject({ ...common, type: z.literal('analysis'), settings: analysisSettingsSchema.default({ topKeywords: 10, stopwords: [] }) }),
]);
export type StageConfig = z.infer<typeof stageConfigSchema>;

export const workflowConfigurationSchema = z
  .strictObject({ stages: z.array(stageConfigSchema).min(1).max(20) })
  .superRefine((config, ctx) => {
    if (config.stages[0]?.type !== 'fetching') {
      ctx.addIssue({ code: 'custom', path: ['stages', 0, 'type'], message: 'the first stage must be a fetching stage' });
    }
    const names = new Set<string>();
    config.stages.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'name'], message: `stage name "${s.name}" is used twice` });
      names.add(s.name);
    });
  });
export type WorkflowConfiguration = z.infer<typeof workflowConfigurationSchema>;
