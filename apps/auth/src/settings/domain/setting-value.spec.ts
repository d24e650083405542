import { DomainError } from '@mindhill/domain';
import { canonicalSettingValue, typedSettingValue } from './setting-value';

const rules = (type: any, extra: Partial<{ allowedValues: string[]; minValue: number; maxValue: number }> = {}) => ({
  type,
  allowedValues: extra.allowedValues ?? null,
  minValue: extra.minValue ?? null,
  maxValue: extra.maxValue ?? null,
});
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('setting values', () => {
  it('keeps each type in canonical text and reads it back typed', () => {
    expect(canonicalSettingValue('k', rules('integer'), 7)).toBe('7');
    expect(canonicalSettingValue('k', rules('integer'), '7')).toBe('7');
    expect(canonicalSettingValue('k', rules('decimal'), 2.5)).toBe('2.5');
    expect(canonicalSettingValue('k', rules('boolean'), false)).toBe('false');
    expect(canonicalSettingValue('k', rules('json'), { a: 1 })).toBe('{"a":1}');
    expect(canonicalSettingValue('k', rules('array'), ['x'])).toBe('["x"]');
    expect(typedSettingValue('integer', '7')).toBe(7);
    expect(typedSettingValue('boolean', 'false')).toBe(false);
    expect(typedSettingValue('array', '["x"]')).toEqual(['x']);
  });

  it('refuses values off type, range or list', () => {
    expect(code(() => canonicalSettingValue('k', rules('integer'), 1.5))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('integer'), 'ten'))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('boolean'), 'yes'))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('array'), 'x'))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('string'), 5))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('integer', { minValue: 1, maxValue: 10 }), 11))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('integer', { minValue: 1 }), 0))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(code(() => canonicalSettingValue('k', rules('string', { allowedValues: ['a', 'b'] }), 'c'))).toBe('AUTH.INVALID_SETTING_VALUE');
    expect(canonicalSettingValue('k', rules('string', { allowedValues: ['a', 'b'] }), 'b')).toBe('b');
  });
});
