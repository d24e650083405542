import { newEvent, settingChanged, settingCreated } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { DEFAULT_SETTINGS } from './default-settings';
import { ChangeSetting, defaultSettingCreated, settingDecider, SettingState } from './setting.decider';

const ADMIN = '7d4f3c1a-3b4e-4c6a-9a0e-2f1d5e6b7c8d';
const workers: SettingState = {
  key: 'max_concurrent_workflows',
  category: 'performance',
  name: 'Maximum Concurrent Workflows',
  description: 'How many run at once',
  value: '5',
  type: 'integer',
  defaultValue: '5',
  validationRules: null,
  allowedValues: null,
  minValue: 1,
  maxValue: 100,
  isPublic: false,
  isReadonly: false,
  requiresRestart: false,
};
const change = (value: unknown, environment = 'all'): ChangeSetting => ({
  kind: 'change',
  key: workers.key,
  environment,
  value,
  reason: 'more workers',
  changedBy: ADMIN,
});
const changed = (environment: string, oldValue: string, newValue: string) =>
  newEvent(settingChanged, {
    key: workers.key,
    environment,
    oldValue,
    newValue,
    changedBy: ADMIN,
    reason: 'more workers',
    requiresRestart: false,
  });

describe('setting decider', () => {
  const spec = deciderSpecification(settingDecider);

  it('changes the value of an existing row, in canonical text', () => {
    spec
      .given({ base: workers, current: workers })
      .when(change(8))
      .then([changed('all', '5', '8')]);
    spec
      .given({ base: workers, current: workers })
      .when(change('12'))
      .then([changed('all', '5', '12')]);
    spec
      .given({ base: workers, current: { ...workers, value: '9' } })
      .when(change(10, 'staging'))
      .then([changed('staging', '9', '10')]);
  });

  it("creates an environment's override from the 'all' setting before its first change", () => {
    const { key, category, name, description, type, defaultValue, validationRules, allowedValues, minValue, maxValue } = workers;
    spec
      .given({ base: workers, current: null })
      .when(change(3, 'production'))
      .then([
        newEvent(settingCreated, {
          key,
          environment: 'production',
          category,
          name,
          description,
          value: '5',
          type,
          defaultValue,
          validationRules,
          allowedValues,
          minValue,
          maxValue,
          isPublic: false,
          isReadonly: false,
          requiresRestart: false,
          source: 'environment-override',
        }),
        changed('production', '5', '3'),
      ]);
  });

  it('refuses an unknown key, a read-only setting and a value outside the rules', () => {
    spec.given({ base: null, current: null }).when(change(8)).thenThrows('AUTH.SETTING_NOT_FOUND');
    spec.given({ base: null, current: null }).when(change(8, 'test')).thenThrows('AUTH.SETTING_NOT_FOUND');
    spec
      .given({ base: { ...workers, isReadonly: true }, current: null })
      .when(change(8, 'test'))
      .thenThrows('AUTH.SETTING_READONLY');
    spec.given({ base: workers, current: workers }).when(change('many')).thenThrows('AUTH.INVALID_SETTING_VALUE');
    spec.given({ base: workers, current: workers }).when(change(0)).thenThrows('AUTH.INVALID_SETTING_VALUE');
    spec.given({ base: workers, current: workers }).when(change(5000)).thenThrows('AUTH.INVALID_SETTING_VALUE');
  });

  it("checks against the environment's own row once it has one", () => {
    spec
      .given({ base: workers, current: { ...workers, maxValue: 10 } })
      .when(change(50, 'staging'))
      .thenThrows('AUTH.INVALID_SETTING_VALUE');
  });

  it("turns each default into the event that creates it for 'all'", () => {
    const appVersion = DEFAULT_SETTINGS.find((d) => d.key === 'app_version')!;
    expect(defaultSettingCreated(appVersion)).toEqual(
      newEvent(settingCreated, {
        key: 'app_version',
        environment: 'all',
        category: appVersion.category,
        name: appVersion.name,
        description: appVersion.description,
        value: appVersion.value,
        type: appVersion.type,
        defaultValue: appVersion.value,
        validationRules: null,
        allowedValues: null,
        minValue: null,
        maxValue: null,
        isPublic: true,
        isReadonly: true,
        requiresRestart: false,
        source: 'defaults',
      }),
    );
  });
});
