import {
  analysisSettingsSchema,
  calculationSettingsSchema,
  normalizationSettingsSchema,
  processingSettingsSchema,
  refinementSettingsSchema,
  StageType,
} from '@mindhill/contracts';
import { z } from 'zod';
import { ContentFormat } from './content-decoder';
import { duplicateKey, sha256 } from './content-hash';
import { statisticsByField } from './field-statistics';
import { keywordCounts, summarize, topKeywords } from './keyword-extractor';
import { CLASSIFICATION_ALGORITHM, classify, round } from './keyword-classifier';
import { detectLanguage, languageCode } from './language-detector';
import { ItemError, mergeFieldValues, numericFields } from './structured-data';
import { normalizeText } from './text-normalizer';
import { wordCount } from './text-tokens';

export type ProcessingStageType = Exclude<StageType, 'fetching'>;

// What each item carries from earlier stages (null before the first processing stage).
export type ItemState = {
  language: string | null;
  category: string | null;
  tags: string[];
  confidence: number | null;
  keywords: string[];
  summary: string | null;
  duplicateOf: string | null;
};
export type StageItem = {
  contentId: string;
  fluxId: string;
  text: string;
  format: ContentFormat;
  sourceLanguage: string | null;
  state: ItemState | null;
};
export type ItemOutput = ItemState & { contentId: string; text: string; format: ContentFormat; wordCount: number; textSha256: string };
export type FailedItem = { contentId: string; code: string; reason: string };
export type StageResult = {
  outputs: ItemOutput[];
  failed: FailedItem[];
  output: Record<string, unknown>;
  // Mean classification confidence (0..1) of the classified items; refinement only.
  meanConfidence: number | null;
};

export const ALGORITHMS: Record<ProcessingStageType, string> = {
  processing: 'decode-v1',
  normalization: 'normalize-v1',
  refinement: CLASSIFICATION_ALGORITHM,
  calculation: 'field-stats-v1',
  analysis: 'keywords-v1',
};

const SETTINGS = {
  processing: processingSettingsSchema,
  normalization: normalizationSettingsSchema,
  refinement: refinementSettingsSchema,
  calculation: calculationSettingsSchema,
  analysis: analysisSettingsSchema,
};

// Settings were validated by workflows; parsed again here to get the defaults. Throws ZodError.
export function parseStageSettings(type: ProcessingStageType, settings: unknown): Record<string, unknown> {
  return SETTINGS[type].parse(settings ?? {}) as Record<string, unknown>;
}

function carry(item: StageItem, text: string, format: ContentFormat, patch: Partial<ItemState> = {}): ItemOutput {
  const base: ItemState = item.state ?? {
    language: null,
    category: null,
    tags: [],
    confidence: null,
    keywords: [],
    summary: null,
    duplicateOf: null,
  };
  const language =
    patch.language !== undefined ? patch.language : (base.language ?? detectLanguage(text) ?? languageCode(item.sourceLanguage));
  return { ...base, ...patch, language, contentId: item.contentId, text, format, wordCount: wordCount(text), textSha256: sha256(text) };
}

function attempt<T>(failed: FailedItem[], contentId: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    const code = error instanceof ItemError ? error.code : 'PROCESSING.ITEM_FAILED';
    failed.push({ contentId, code, reason: (error as Error).message.slice(0, 500) });
    return undefined;
  }
}

// Runs one processing stage over the items of an execution. Items that cannot be processed are
// reported in `failed` with a reason; the others produce the text and attributes for the next stage.
export function runStage(
  type: ProcessingStageType,
  rawSettings: Record<string, unknown>,
  items: readonly StageItem[],
  priorDuplicates: ReadonlyMap<string, string> = new Map(),
): StageResult {
  const outputs: ItemOutput[] = [];
  const failed: FailedItem[] = [];
  const push = (o: ItemOutput | undefined) => o && outputs.push(o);
  switch (type) {
    case 'processing': {
      const formats: Record<string, number> = {};
      for (const item of items) {
        formats[item.format] = (formats[item.format] ?? 0) + 1;
        push(carry(item, item.text, item.format, { language: detectLanguage(item.text) ?? languageCode(item.sourceLanguage) }));
      }
      return { outputs, failed, output: { formats }, meanConfidence: null };
    }
    case 'normalization': {
      const settings = normalizationSettingsSchema.parse(rawSettings);
      let before = 0;
      let after = 0;
      for (const item of items) {
        const n = normalizeText(item.text, item.format, settings);
        before += item.text.length;
        after += n.text.length;
        push(
          carry(item, n.text, n.format, { language: detectLanguage(n.text) ?? item.state?.language ?? languageCode(item.sourceLanguage) }),
        );
      }
      return {
        outputs,
        failed,
        output: { charactersBefore: before, charactersAfter: after, unicodeForm: settings.unicodeForm },
        meanConfidence: null,
      };
    }
    case 'refinement': {
      const settings = refinementSettingsSchema.parse(rawSettings) as z.infer<typeof refinementSettingsSchema>;
      const categories: Record<string, number> = {};
      const duplicates: { contentId: string; duplicateOf: string }[] = [];
      const firstByKey = new Map<string, string>();
      const confidences: number[] = [];
      for (const item of items) {
        const c = classify(item.text, settings.rules, settings.defaultCategory);
        let duplicateOf: string | null = null;
        if (settings.flagDuplicates) {
          // Duplicates are a per-flux notion (the same text from two data sources is not one).
          const key = `${item.fluxId}:${duplicateKey(item.text)}`;
          duplicateOf = priorDuplicates.get(item.contentId) ?? firstByKey.get(key) ?? null;
          if (!firstByKey.has(key)) firstByKey.set(key, item.contentId);
          if (duplicateOf) duplicates.push({ contentId: item.contentId, duplicateOf });
        }
        if (c.category) categories[c.category] = (categories[c.category] ?? 0) + 1;
        if (c.confidence !== null) confidences.push(c.confidence);
        const language = detectLanguage(item.text) ?? item.state?.language ?? languageCode(item.sourceLanguage);
        push(carry(item, item.text, item.format, { language, category: c.category, tags: c.tags, confidence: c.confidence, duplicateOf }));
      }
      const meanConfidence = confidences.length ? round(confidences.reduce((s, v) => s + v, 0) / confidences.length, 4) : null;
      return { outputs, failed, output: { categories, duplicates }, meanConfidence };
    }
    case 'calculation': {
      const settings = calculationSettingsSchema.parse(rawSettings);
      const all = new Map<string, number[]>();
      for (const item of items) {
        push(
          attempt(failed, item.contentId, () => {
            mergeFieldValues(all, numericFields(item.text, item.format, settings.fields));
            return carry(item, item.text, item.format);
          }),
        );
      }
      return { outputs, failed, output: { fields: statisticsByField(all) }, meanConfidence: null };
    }
    case 'analysis': {
      const settings = analysisSettingsSchema.parse(rawSettings);
      const overall = new Map<string, number>();
      for (const item of items) {
        const counts = keywordCounts(item.text, settings.stopwords);
        for (const [w, n] of counts) overall.set(w, (overall.get(w) ?? 0) + n);
        push(
          carry(item, item.text, item.format, {
            keywords: topKeywords(counts, settings.topKeywords).map((k) => k.word),
            summary: summarize(item.text),
          }),
        );
      }
      return { outputs, failed, output: { keywords: topKeywords(overall, settings.topKeywords) }, meanConfidence: null };
    }
  }
}
