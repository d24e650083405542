import { newEvent, NewEvent, settingChanged, settingCreated, SettingType } from '@mindhill/contracts';
import { Decider, DomainError } from '@mindhill/domain';
import { SettingDefinition } from './default-settings';
import { canonicalSettingValue } from './setting-value';

// One setting row as the decider needs it (system_settings, one key and environment).
export type SettingState = {
  key: string;
  category: string;
  name: string;
  description: string | null;
  value: string | null;
  type: SettingType;
  defaultValue: string | null;
  validationRules: Record<string, unknown> | null;
  allowedValues: string[] | null;
  minValue: number | null;
  maxValue: number | null;
  isPublic: boolean;
  isReadonly: boolean;
  requiresRestart: boolean;
};

// The key's 'all' row and the changed environment's own row (the same row when it is 'all').
export type SettingsState = { base: SettingState | null; current: SettingState | null };

export type ChangeSetting = {
  kind: 'change';
  key: string;
  environment: string;
  value: unknown;
  reason: string | null;
  changedBy: string | null;
};

// A change of one setting for one environment. The first value for an environment other than
// 'all' is an override: a created event copying the 'all' setting comes first.
function decide(state: SettingsState, command: ChangeSetting): NewEvent[] {
  const template = state.current ?? state.base;
  if (!template) throw new DomainError('AUTH.SETTING_NOT_FOUND', `No setting ${command.key}`, 'not-found');
  if (template.isReadonly) {
    throw new DomainError('AUTH.SETTING_READONLY', `${command.key} is read-only`, 'conflict', { key: command.key });
  }
  const value = canonicalSettingValue(command.key, template, command.value);
  const changed = newEvent(settingChanged, {
    key: command.key,
    environment: command.environment,
    oldValue: template.value,
    newValue: value,
    changedBy: command.changedBy,
    reason: command.reason,
    requiresRestart: template.requiresRestart,
  });
  if (state.current) return [changed];
  return [
    newEvent(settingCreated, { ...settingStateOf(template), environment: command.environment, source: 'environment-override' }),
    changed,
  ];
}

export const settingDecider: Decider<SettingsState, ChangeSetting> = { decide };

// A default setting (domain/default-settings.ts) as the event that creates it for 'all'.
export function defaultSettingCreated(d: SettingDefinition): NewEvent {
  return newEvent(settingCreated, {
    key: d.key,
    environment: 'all',
    category: d.category,
    name: d.name,
    description: d.description,
    value: d.value,
    type: d.type,
    defaultValue: d.value,
    validationRules: null,
    allowedValues: d.allowedValues ?? null,
    minValue: d.minValue ?? null,
    maxValue: d.maxValue ?? null,
    isPublic: d.isPublic ?? false,
    isReadonly: d.isReadonly ?? false,
    requiresRestart: d.requiresRestart ?? false,
    source: 'defaults',
  });
}

// The state fields of anything shaped like a setting row (an entity, another state), nothing more.
export function settingStateOf(s: SettingState): SettingState {
  return {
    key: s.key,
    category: s.category,
    name: s.name,
    description: s.description,
    value: s.value,
    type: s.type,
    defaultValue: s.defaultValue,
    validationRules: s.validationRules,
    allowedValues: s.allowedValues,
    minValue: s.minValue,
    maxValue: s.maxValue,
    isPublic: s.isPublic,
    isReadonly: s.isReadonly,
    requiresRestart: s.requiresRestart,
  };
}
