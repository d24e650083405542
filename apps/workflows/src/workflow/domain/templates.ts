import { WorkflowDefinition } from './workflow-definition';

// The seed's two templates, in the configuration format of the platform. Their fetching stage
// has no data sources: a workflow created from a template names its own.
export const SEED_TEMPLATES: readonly (WorkflowDefinition & { templateName: string })[] = [
  {
    templateName: 'data-processing',
    name: 'Data Processing Pipeline',
    description: 'Standard data processing workflow template',
    configuration: {
      stages: [
        { name: 'fetching', type: 'fetching', dataSources: [], timeoutSeconds: 600, settings: {} },
        { name: 'processing', type: 'processing', timeoutSeconds: 600, settings: {} },
        {
          name: 'normalization',
          type: 'normalization',
          timeoutSeconds: 600,
          settings: { unicodeForm: 'NFKC', stripHtml: true, collapseWhitespace: true, lowercase: false },
        },
        { name: 'refinement', type: 'refinement', timeoutSeconds: 600, settings: { rules: [], flagDuplicates: true } },
        { name: 'calculation', type: 'calculation', timeoutSeconds: 600, settings: {} },
      ],
    },
    scheduleCron: null,
    scheduleTimezone: 'UTC',
    timeoutMinutes: 60,
    maxRetries: 3,
    category: 'data-processing',
    tags: ['template'],
    inputs: [],
  },
  {
    templateName: 'document-analysis',
    name: 'Document Analysis',
    description: 'Document processing and analysis workflow template',
    configuration: {
      stages: [
        { name: 'fetching', type: 'fetching', dataSources: [], timeoutSeconds: 600, settings: {} },
        { name: 'processing', type: 'processing', timeoutSeconds: 600, settings: {} },
        { name: 'analysis', type: 'analysis', timeoutSeconds: 600, settings: { topKeywords: 10, stopwords: [] } },
      ],
    },
    scheduleCron: null,
    scheduleTimezone: 'UTC',
    timeoutMinutes: 30,
    maxRetries: 2,
    category: 'documents',
    tags: ['template'],
    inputs: [],
  },
];
