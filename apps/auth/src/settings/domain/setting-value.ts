import { SettingType } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';

export type SettingRules = {
  type: SettingType;
  allowedValues: readonly string[] | null;
  minValue: number | null;
  maxValue: number | null;
};

const invalid = (key: string, why: string) => new DomainError('AUTH.INVALID_SETTING_VALUE', `${key}: ${why}`, 'invalid', { key });

// Checks a value given over the API against the setting's type and limits and returns the
// canonical text that system_settings.setting_value stores.
export function canonicalSettingValue(key: string, rules: SettingRules, value: unknown): string {
  let text: string;
  let numeric: number | null = null;
  switch (rules.type) {
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(key, 'must be an integer');
      numeric = n;
      text = String(n);
      break;
    }
    case 'decimal': {
      const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw invalid(key, 'must be a number');
      numeric = n;
      text = String(n);
      break;
    }
    case 'boolean': {
      const b = value === 'true' ? true : value === 'false' ? false : value;
      if (typeof b !== 'boolean') throw invalid(key, 'must be true or false');
      text = String(b);
      break;
    }
    case 'json': {
      if (value === undefined) throw invalid(key, 'must be a JSON value');
      text = JSON.stringify(value);
      break;
    }
    case 'array': {
      if (!Array.isArray(value)) throw invalid(key, 'must be an array');
      text = JSON.stringify(value);
      break;
    }
    case 'string': {
      if (typeof value !== 'string') throw invalid(key, 'must be a string');
      text = value;
      break;
    }
  }
  if (text.length > 10_000) throw invalid(key, 'is too long');
  if (numeric !== null && rules.minValue !== null && numeric < rules.minValue) throw invalid(key, `must be at least ${rules.minValue}`);
  if (numeric !== null && rules.maxValue !== null && numeric > rules.maxValue) throw invalid(key, `must be at most ${rules.maxValue}`);
  if (rules.allowedValues && rules.allowedValues.length > 0 && !rules.allowedValues.includes(text)) {
    throw invalid(key, `must be one of ${rules.allowedValues.join(', ')}`);
  }
  return text;
}

// The stored text back as a typed value for API answers.
export function typedSettingValue(type: SettingType, text: string | null): unknown {
  if (text === null) return null;
  switch (type) {
    case 'integer':
    case 'decimal':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'json':
    case 'array':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}
