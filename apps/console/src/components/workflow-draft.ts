// The editor's working copy of a workflow and its conversion to and from the API's body. Numbers
// are kept as typed text: a value that is not a number is sent as it is, so the API's own schema
// refuses it and names the field (the console does not keep a second copy of the rules).
import type { paths } from '../../../../packages/api-types/openapi';

export type WorkflowView = paths['/api/v1/workflows/{id}']['get']['responses'][200]['content']['application/json'];
export type CreateBody = paths['/api/v1/workflows']['post']['requestBody']['content']['application/json'];
export type InputDeclaration = WorkflowView['inputs'][number];
export type InputType = InputDeclaration['type'];

export const STAGE_TYPES = ['fetching', 'processing', 'normalization', 'refinement', 'calculation', 'analysis'] as const;
export type StageType = (typeof STAGE_TYPES)[number];
export const INPUT_TYPES: InputType[] = ['string', 'number', 'boolean', 'date', 'json'];

export type StageDraft = {
  key: number;
  name: string;
  type: StageType;
  timeoutSeconds: string;
  dataSources: string[];
  // Settings as saved, edited key by key; the ones the editor has no input for (refinement
  // rules) are kept as they are.
  settings: Record<string, unknown>;
};

export type InputDraft = { key: number; name: string; type: InputType; required: boolean; default: string; description: string };

export type WorkflowDraft = {
  name: string;
  description: string;
  category: string;
  tags: string;
  stages: StageDraft[];
  inputs: InputDraft[];
};

let nextKey = 1;
export const newKey = () => nextKey++;

export function blankStage(type: StageType, taken: string[]): StageDraft {
  let name: string = type;
  for (let i = 2; taken.includes(name); i++) name = `${type}-${i}`;
  return { key: newKey(), name, type, timeoutSeconds: '300', dataSources: [], settings: {} };
}

export function blankDraft(): WorkflowDraft {
  return { name: '', description: '', category: '', tags: '', stages: [blankStage('fetching', [])], inputs: [] };
}

type SavedStage = { name: string; type: StageType; timeoutSeconds?: number; dataSources?: string[]; settings?: Record<string, unknown> };

export function draftOf(w: WorkflowView): WorkflowDraft {
  const stages = ((w.configuration as { stages?: SavedStage[] }).stages ?? []).map((s) => ({
    key: newKey(),
    name: s.name,
    type: s.type,
    timeoutSeconds: String(s.timeoutSeconds ?? 300),
    dataSources: s.dataSources ?? [],
    settings: { ...(s.settings ?? {}) },
  }));
  return {
    name: w.name,
    description: w.description ?? '',
    category: w.category ?? '',
    tags: w.tags.join(', '),
    stages,
    inputs: w.inputs.map((i) => ({
      key: newKey(),
      name: i.name,
      type: i.type,
      required: i.required,
      default: i.default === undefined ? '' : typeof i.default === 'string' ? i.default : JSON.stringify(i.default),
      description: i.description ?? '',
    })),
  };
}

// A typed number, or the text itself when it is not one (the API then names the field).
export function numberOrText(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

// A default typed as its input declares: text for string and date, parsed otherwise.
export function typedValue(type: InputType, text: string): unknown {
  if (type === 'string' || type === 'date') return text;
  if (type === 'number') return numberOrText(text);
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function configurationOf(draft: WorkflowDraft) {
  return {
    stages: draft.stages.map((s) => ({
      name: s.name,
      type: s.type,
      timeoutSeconds: numberOrText(s.timeoutSeconds),
      ...(s.type === 'fetching' ? { dataSources: s.dataSources } : {}),
      settings: settingsOf(s.settings),
    })),
  };
}

// Settings typed in as text: lists are comma-separated, numbers are numbers; an empty one is left
// out (the API's default then applies).
const LIST_SETTINGS = ['fields', 'stopwords'];
const NUMBER_SETTINGS = ['maxFileSizeMb', 'topKeywords'];

function settingsOf(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value !== 'string') out[key] = value;
    else if (value.trim() === '') continue;
    else if (LIST_SETTINGS.includes(key)) out[key] = splitList(value);
    else if (NUMBER_SETTINGS.includes(key)) out[key] = numberOrText(value);
    else out[key] = value;
  }
  return out;
}

export const splitList = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

// A setting as the text of its input.
export const settingText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

// The definition fields of the body (POST and PATCH take the same ones).
export function bodyOf(draft: WorkflowDraft) {
  return {
    name: draft.name,
    description: draft.description.trim() === '' ? null : draft.description,
    category: draft.category.trim() === '' ? null : draft.category,
    tags: splitList(draft.tags),
    configuration: configurationOf(draft),
    inputs: draft.inputs.map((i) => ({
      name: i.name,
      type: i.type,
      required: i.required,
      ...(i.default.trim() !== '' ? { default: typedValue(i.type, i.default) } : {}),
      description: i.description.trim() === '' ? null : i.description,
    })),
  };
}
